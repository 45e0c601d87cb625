import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import { hallConfigSchema, type HallConfig } from '../../shared/config.ts';
import type { HallEvent } from '../../shared/events.ts';
import { dayFacts } from '../../shared/reports/dayFacts.ts';
import { toColumns } from '../../shared/reports/dayColumns.ts';
import { ticketTimes } from '../../shared/reports/ticketTimes.ts';
import { waitsReport } from '../../shared/reports/waitsReport.ts';
import { demoHall } from '../../server/demoHall.ts';
import { call, keyOf, startPostgres, testNetwork, type TestPostgres } from './centralHarness.ts';
import { syntheticDay } from './centralSynthetic.ts';
import { P50, P90 } from './centralWaitsDirect.ts';
import { rankOf } from '../../shared/reports/stats.ts';

let pgServer: TestPostgres;
let central: RunningCentral;
let base: string;
let db: pg.Pool;
const config = hallConfigSchema.parse(demoHall) as unknown as HallConfig;
const meta = {
  config: { hall: config.hall, services: config.services, windows: config.windows, staff: config.staff.map((s) => ({ id: s.id, name: s.name, role: s.role })), kiosks: [] },
  schedule: { workWeekdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], graceMin: 5, pauseLimitMin: 30, shifts: [] },
  rubricId: 'standard', records: [],
};

/**
 * The live queue is the hub's HTTP report's, not its report code's (it reads the hub's state at its
 * clock): compared against a real hub in test/int/centralHubFidelity.test.ts, left out here.
 */
const LIVE = ['waitingNow', 'longestWaitingMin'];
const comparable = (total: object) => Object.fromEntries(Object.entries(total).filter(([k]) => !LIVE.includes(k)));

const send = (hallId: string, body: unknown, key = keyOf(hallId)) => call(base, 'POST', `/api/central/halls/${hallId}/events`, body, key);
const login = async (userId: string, pin: string) => (await call(base, 'POST', '/api/central/auth/login', { userId, pin })).body.token as string;

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  central = await createCentral({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'central-')), network: testNetwork, log: () => {} });
  base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  db = new pg.Pool({ connectionString: url, max: 2 });
  // The centre's restarts end this pool's idle connections too; the next query opens a new one.
  db.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await central?.close();
  await pgServer?.stop();
});

const issued = (seq: number, id: string, at = '2026-11-23T09:00:00.000+08:00'): HallEvent => ({
  seq, at, type: 'TicketIssued', data: { ticketId: id, number: `A${String(seq).padStart(3, '0')}`, serviceId: 'A', priority: false, businessDay: '2026-11-23' },
});

describe('ingest: given a network of three halls', () => {
  it('when a hub sends a wrong key, then 401; the key of another hall, then 403; nothing is stored', async () => {
    const body = { journalId: 'journal-auth-1', events: [issued(1, '20261123-x1')] };
    const wrong = await send('H01', body, 'not-the-key-of-any-hall-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('BAD_HALL_KEY');
    const other = await send('H01', body, keyOf('H02'));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OTHER_HALL_KEY');
    const none = await call(base, 'POST', '/api/central/halls/H01/events', body);
    expect(none.status).toBe(401);
    const n = await db.query("select count(*)::int as n from events where journal_id = 'journal-auth-1'");
    expect(n.rows[0].n).toBe(0);
  });

  it('when a batch repeats events already stored, then they are skipped and each seq is kept once', async () => {
    const j = 'journal-idem-1';
    const first = await send('H01', { journalId: j, events: [issued(1, '20261123-i1'), issued(2, '20261123-i2')] });
    expect(first.status).toBe(200);
    expect(first.body.ackedSeq).toBe(2);
    const again = await send('H01', { journalId: j, events: [issued(1, '20261123-i1'), issued(2, '20261123-i2'), issued(3, '20261123-i3')] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ackedSeq: 3, stored: 1 });
    const rows = await db.query('select seq from events where hall_id = $1 and journal_id = $2 order by seq', ['H01', j]);
    expect(rows.rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    const tickets = await db.query('select count(*)::int as n from tickets where hall_id = $1 and journal_id = $2', ['H01', j]);
    expect(tickets.rows[0].n).toBe(3);
  });

  it('when a batch starts past ackedSeq + 1, then 409 SEQ_GAP with ackedSeq and nothing stored', async () => {
    const j = 'journal-gap-1';
    await send('H02', { journalId: j, events: [issued(1, '20261123-g1')] });
    const gap = await send('H02', { journalId: j, events: [issued(3, '20261123-g3')] });
    expect(gap.status).toBe(409);
    expect(gap.body.error.code).toBe('SEQ_GAP');
    expect(gap.body.ackedSeq).toBe(1);
    const rows = await db.query('select count(*)::int as n from events where hall_id = $1 and journal_id = $2', ['H02', j]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('when events of a batch are not consecutive, or the body is malformed, then 400 and nothing stored', async () => {
    const j = 'journal-bad-1';
    const holes = await send('H03', { journalId: j, events: [issued(1, '20261123-b1'), issued(3, '20261123-b3')] });
    expect(holes.status).toBe(400);
    expect(holes.body.error.code).toBe('BAD_SEQ');
    for (const bad of [{}, { journalId: j }, { journalId: j, events: [{ seq: 'x' }] }, { journalId: 'short', events: [] }, [1, 2]]) {
      const r = await send('H03', bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    const rows = await db.query('select count(*)::int as n from events where hall_id = $1', ['H03']);
    expect(rows.rows[0].n).toBe(0);
  });

  it('when a hub starts a new journal (a new data dir), then the centre keeps both apart, seq from 1', async () => {
    await send('H01', { journalId: 'journal-new-a', events: [issued(1, '20261123-na')] });
    const b = await send('H01', { journalId: 'journal-new-b', events: [issued(1, '20261123-nb')] });
    expect(b.body.ackedSeq).toBe(1);
    const rows = await db.query("select journal_id, seq from events where hall_id = 'H01' and journal_id like 'journal-new-%' order by journal_id");
    expect(rows.rows.map((r) => [r.journal_id, Number(r.seq)])).toEqual([['journal-new-a', 1], ['journal-new-b', 1]]);
  });
});

describe('reading: given users limited to their halls', () => {
  it('when a viewer of H01 asks for H02, then 403; the hall list holds only H01; a wrong PIN is 401', async () => {
    expect((await call(base, 'POST', '/api/central/auth/login', { userId: 'V1', pin: '000000' })).status).toBe(401);
    const v = await login('V1', '222222');
    const halls = await call(base, 'GET', '/api/central/halls', undefined, v);
    expect(halls.body.map((h: { hallId: string }) => h.hallId)).toEqual(['H01']);
    for (const path of ['/api/central/reports/waits?from=2026-11-01&to=2026-11-30&hallId=H02', '/api/central/reports/scores?date=2026-11-23&hallId=H02', '/api/central/halls/H02']) {
      const r = await call(base, 'GET', path, undefined, v);
      expect(r.status, path).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN_HALL');
    }
    const waits = await call(base, 'GET', '/api/central/reports/waits?from=2026-11-01&to=2026-11-30', undefined, v);
    expect(waits.body.halls.map((h: { hallId: string }) => h.hallId)).toEqual(['H01']);
    expect((await call(base, 'GET', '/api/central/halls')).status).toBe(401);
    const a = await login('A1', '111111');
    expect((await call(base, 'GET', '/api/central/halls', undefined, a)).body).toHaveLength(3);
  });

  it('when a socket connects to /central without a token, then it is refused', async () => {
    const s = ioClient(`${base}/central`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
    s.close();
    expect(err.message).toBe('UNAUTHORIZED');
  });
});

describe('reports: given two halls of synthetic days ingested', () => {
  it('then each hall row equals the hub report code over the same events, and the total is exact over both halls', async () => {
    const token = await login('A1', '111111');
    for (const h of ['H02', 'H03']) expect((await call(base, 'PUT', `/api/central/halls/${h}/meta`, meta, keyOf(h))).status).toBe(200);
    const days: Record<string, HallEvent[][]> = {
      H02: [syntheticDay('2026-10-05', 173, 11), syntheticDay('2026-10-06', 30, 12, { close: false })],
      H03: [syntheticDay('2026-10-05', 241, 13), syntheticDay('2026-10-06', 90, 14)],
    };
    for (const [hallId, list] of Object.entries(days)) {
      const events = list.flat().map((e, i) => ({ ...e, seq: i + 1 }));
      // In batches of various sizes, as an outbox after an outage would send them.
      for (let i = 0; i < events.length; i += 137) {
        const r = await send(hallId, { journalId: `synthetic-${hallId}`, events: events.slice(i, i + 137) });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    }
    const hub = (lists: HallEvent[][][], closedLast: boolean) => {
      const cols = lists.flatMap((list) => list.map((events, i) => {
        const closed = i < list.length - 1 || closedLast;
        return toColumns(events[0]!.at.slice(0, 10), ticketTimes(events, { closed }), dayFacts(events, {}));
      }));
      return comparable(waitsReport('2026-10-01', '2026-10-31', cols, config).total);
    };
    const r = await call(base, 'GET', '/api/central/reports/waits?from=2026-10-01&to=2026-10-31', undefined, token);
    expect(r.status).toBe(200);
    const rowOf = (h: string) => {
      const { hallId: _h, ...row } = r.body.halls.find((x: { hallId: string }) => x.hallId === h);
      return comparable(row) as Record<string, number>;
    };
    expect(rowOf('H02')).toEqual(hub([days.H02!], false));
    expect(rowOf('H03')).toEqual(hub([days.H03!], true));
    expect(rowOf('H02').served).toBeGreaterThan(100);
    // H03's last day was closed by its DayClosed; H02's is still open, so H02 has nobody abandoned on it.
    const both = hub([days.H03!], true);
    const all = waitsReport('2026-10-01', '2026-10-31', [
      ...days.H02!.map((ev, i) => toColumns(ev[0]!.at.slice(0, 10), ticketTimes(ev, { closed: i === 0 }), dayFacts(ev, {}))),
      ...days.H03!.map((ev) => toColumns(ev[0]!.at.slice(0, 10), ticketTimes(ev, { closed: true }), dayFacts(ev, {}))),
    ], config).total;
    expect(comparable(r.body.total)).toEqual(comparable(all));
    expect(r.body.total.issued).toBe(rowOf('H02').issued + both.issued);
    const csv = await fetch(`${base}/api/central/reports/waits?from=2026-10-01&to=2026-10-31&format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // UTF-8 byte-order mark first (fetch's text() would hide it), so Excel on Chinese Windows reads UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^hallId,name,issued,served/);
    expect(text).toContain('二号便民服务中心');
    expect(text).toContain(`\r\ntotal,,${all.issued},${all.served},`);
  });
});

describe('percentiles: PostgreSQL against the hub', () => {
  it('then percentile_disc at the fractions the centre uses is the nearest rank ⌈p·N/100⌉ for every N up to 3000', async () => {
    const r = await db.query<{ n: number; p50: number; p90: number }>(
      `select n, (select percentile_disc($1::float8) within group (order by x) from generate_series(1, n) x) as p50,
                 (select percentile_disc($2::float8) within group (order by x) from generate_series(1, n) x) as p90
         from generate_series(1, 3000) n`, [P50, P90]);
    const wrong = r.rows.filter((x) => x.p50 !== rankOf(x.n, 50) || x.p90 !== rankOf(x.n, 90));
    expect(r.rows).toHaveLength(3000);
    expect(wrong).toEqual([]);
  });
});
