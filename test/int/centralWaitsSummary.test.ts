import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import { metaHash, metaSchema, storeMeta } from '../../central/server/meta.ts';
import { tenSecondsOf, waitsByHall, wholeMonths } from '../../central/server/waits.ts';
import { prng } from '../../tools/sim/random.ts';
import { startPostgres, testNetwork, type TestPostgres } from './centralHarness.ts';
import { waitsDirect } from './centralWaitsDirect.ts';

/**
 * The cross-hall wait report is made from summaries kept by triggers on `tickets` (minute
 * histograms and counts, migration 005). Whatever is written, updated or deleted, and whatever the
 * targets become, it must equal the same report computed straight from every ticket with
 * PostgreSQL's own percentile_disc (the oracle, test/int/centralWaitsDirect.ts).
 */
let pgServer: TestPostgres;
let central: RunningCentral;
let db: pg.Pool;

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  central = await createCentral({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'central-')), network: testNetwork, log: () => {} });
  db = new pg.Pool({ connectionString: url, max: 4 });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await central?.close();
  await pgServer?.stop();
});

const HALLS = ['H01', 'H02', 'H03'];
const SERVICES = ['A', 'B', 'C'];

interface Row {
  hall_id: string; day: string; journal_id: string; ticket_id: string; service: string;
  issued_ms: number; called_ms: number | null; started_ms: number | null; finished_ms: number | null;
  status: string; transferred_from: string[]; moved_from: string[]; slot_start_ms: number | null; rating: number | null;
}

/**
 * Tickets of every kind the figures tell apart: waits on whole minutes and either side of them,
 * ties, zero and a negative wait (a clock set back), served without a start, appointments,
 * transfers, lobby moves, cancelled, no-shows, and tickets still in the hall on a closed day.
 */
function tickets(seed: number, n: number, journalOf: (hall: string) => string): Row[] {
  // Seeded (the simulator's generator), so a failure can be replayed.
  const r = prng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const days = ['2026-09-30', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-11-02'];
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const hall = pick(HALLS);
    const day = pick(days);
    const issued = Date.parse(`${day}T08:30:00+08:00`) + Math.floor(r() * 8 * 3_600_000);
    const wait = pick([
      () => Math.floor(r() * r() * 5_400_000), () => 60_000 * Math.floor(r() * 40), () => 60_000 * Math.floor(r() * 40) - 1,
      () => 60_000 * Math.floor(r() * 40) + 1, () => 125_000, () => 0, () => -4_000,
    ])();
    const service = 60_000 + Math.floor(r() * 1_500_000) + (r() < 0.05 ? 9_000_000 : 0);
    const status = pick(['done', 'done', 'done', 'done', 'done', 'no-show', 'cancelled', 'waiting', 'called', 'serving']);
    const done = status === 'done';
    const called = status === 'waiting' || status === 'cancelled' ? null : issued + wait;
    const started = done && r() < 0.95 ? issued + wait + 20_000 : status === 'serving' ? issued + wait + 20_000 : null;
    rows.push({
      hall_id: hall, day, journal_id: journalOf(hall), ticket_id: `t${seed}-${i}`, service: pick(SERVICES),
      issued_ms: issued, called_ms: called, started_ms: started, finished_ms: done && started !== null ? started + service : null,
      status, transferred_from: r() < 0.1 ? [pick(SERVICES)] : [], moved_from: r() < 0.05 ? [pick(SERVICES)] : [],
      slot_start_ms: r() < 0.15 ? issued + Math.floor((r() - 0.5) * 1_200_000) : null, rating: done && r() < 0.7 ? 1 + Math.floor(r() * 5) : null,
    });
  }
  return rows;
}

async function write(rows: Row[]): Promise<void> {
  await db.query(
    `insert into tickets (hall_id, day, journal_id, ticket_id, number, priority, issued_service, service, issued_ms, issued_hour,
                          called_ms, started_ms, finished_ms, status, transferred_from, moved_from, slot_start_ms, rating)
     select hall_id, day, journal_id, ticket_id, ticket_id, false, service, service, issued_ms, 9,
            called_ms, started_ms, finished_ms, status, transferred_from, moved_from, slot_start_ms, rating
       from jsonb_to_recordset($1::jsonb) as x(hall_id text, day date, journal_id text, ticket_id text, service text, issued_ms bigint,
            called_ms bigint, started_ms bigint, finished_ms bigint, status text, transferred_from text[], moved_from text[],
            slot_start_ms bigint, rating smallint)
     on conflict (hall_id, day, journal_id, ticket_id) do update set
       called_ms = excluded.called_ms, started_ms = excluded.started_ms, finished_ms = excluded.finished_ms, status = excluded.status,
       slot_start_ms = excluded.slot_start_ms, rating = excluded.rating, transferred_from = excluded.transferred_from`,
    [JSON.stringify(rows)]);
}

async function targets(hall: string, waitMin: number, serviceMin: number): Promise<void> {
  const meta = metaSchema.parse({
    config: {
      hall: { name: hall, timezone: 'Asia/Shanghai', hours: [['08:30', '17:30']] },
      services: SERVICES.map((id) => ({ id, name: id, targetWaitMin: waitMin, targetServiceMin: serviceMin })),
      windows: [], staff: [], kiosks: [],
    },
    schedule: { workWeekdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], graceMin: 5, pauseLimitMin: 30, shifts: [] },
    rubricId: 'township', records: [],
  });
  await storeMeta(db, hall, meta, metaHash(meta));
}

const periods: [string[], string, string][] = [
  [HALLS, '2026-10-01', '2026-10-31'],
  [HALLS, '2026-10-06', '2026-10-07'],
  [['H02'], '2026-10-01', '2026-10-31'],
  [['H01', 'H03'], '2026-10-05', '2026-10-05'],
  [HALLS, '2026-11-01', '2026-11-30'],
  // Whole months from the monthly histograms, the partial months' days from the daily ones.
  [HALLS, '2026-09-20', '2026-11-02'],
  [HALLS, '2026-01-01', '2026-12-31'],
  [['H02', 'H03'], '2026-09-30', '2026-10-31'],
];

async function expectSameAsDirect(): Promise<void> {
  for (const [halls, from, to] of periods) {
    const direct = await waitsDirect(db, halls, from, to);
    expect(await waitsByHall(db, halls, from, to), `${halls.join(',')} ${from}…${to}`).toEqual(direct);
  }
}

describe('cross-hall wait figures from the summaries: given tickets of three halls', () => {
  it('then every hall row and the total equal the figures computed from every ticket, after inserts, updates, deletes and new targets', async () => {
    const journalOf = (h: string) => `sum-${h}`;
    // H01's journal has moved on to 10-07: its tickets still in the hall on 10-05 and 10-06 were abandoned.
    await db.query(`insert into journals (hall_id, journal_id, acked_seq, last_day) values
      ('H01', 'sum-H01', 1, '2026-10-07'), ('H02', 'sum-H02', 1, '2026-10-08'), ('H03', 'sum-H03', 1, '2026-10-05')`);
    await targets('H01', 15, 10);
    await targets('H02', 20, 5);
    const first = tickets(7, 1500, journalOf);
    await write(first);
    await expectSameAsDirect();
    const direct = await waitsDirect(db, HALLS, '2026-10-01', '2026-10-31');
    expect(direct.total.served).toBeGreaterThan(400);
    expect(direct.total.abandoned).toBeGreaterThan(0);
    expect(direct.total.appointmentServed).toBeGreaterThan(0);
    expect(direct.total.flagged).toBeGreaterThan(0);

    // Tickets move on: waiting ones are called and served, served ones rated; one statement each.
    const later = first.map((t, i) => (t.status === 'waiting' && i % 2 === 0
      ? { ...t, status: 'done', called_ms: t.issued_ms + 61_000 * (i % 50), started_ms: t.issued_ms + 61_000 * (i % 50) + 5_000, finished_ms: t.issued_ms + 61_000 * (i % 50) + 400_000 }
      : t.status === 'done' ? { ...t, rating: 5 } : t));
    await write([...later, ...tickets(8, 400, journalOf)]);
    await expectSameAsDirect();

    await db.query(`delete from tickets where hall_id = 'H02' and ticket_id like 't7-%' and (hashtext(ticket_id) % 3) = 0`);
    await expectSameAsDirect();

    // New targets count the same waits within target and flagged differently, for every day already stored.
    const beforeTargets = await waitsByHall(db, ['H01'], '2026-10-01', '2026-10-31');
    await targets('H01', 3, 2);
    const afterTargets = await waitsByHall(db, ['H01'], '2026-10-01', '2026-10-31');
    expect(afterTargets.total.waitP90Sec).toBe(beforeTargets.total.waitP90Sec);
    expect(afterTargets.total.withinTargetPct).not.toBe(beforeTargets.total.withinTargetPct);
    await targets('H03', 30, 30);
    await expectSameAsDirect();
  }, 120_000);
});

describe('the whole calendar months of a period', () => {
  it('then a period from the 1st to a month\'s end is whole, one starting later or ending earlier keeps only the months inside it', () => {
    expect(wholeMonths('2026-10-01', '2026-10-31')).toEqual({ first: '2026-10-01', last: '2026-10-01', lastDay: '2026-10-31' });
    expect(wholeMonths('2026-09-20', '2026-11-02')).toEqual({ first: '2026-10-01', last: '2026-10-01', lastDay: '2026-10-31' });
    expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual({ first: '2025-01-01', last: '2025-12-01', lastDay: '2025-12-31' });
    expect(wholeMonths('2028-02-01', '2028-02-29')).toEqual({ first: '2028-02-01', last: '2028-02-01', lastDay: '2028-02-29' });
    expect(wholeMonths('2026-12-01', '2027-01-31')).toEqual({ first: '2026-12-01', last: '2027-01-01', lastDay: '2027-01-31' });
  });
  it('then a period inside one month, or one month short at either end, has none', () => {
    expect(wholeMonths('2026-10-02', '2026-10-31')).toBeNull();
    expect(wholeMonths('2026-10-01', '2026-10-30')).toBeNull();
    expect(wholeMonths('2026-10-05', '2026-10-05')).toBeNull();
    expect(wholeMonths('2026-09-15', '2026-10-20')).toBeNull();
  });
});

describe('the ten-second buckets of a minute', () => {
  it('then a value is in minute m exactly when its ten-second bucket is in tenSecondsOf(m), negative values and zero included', () => {
    const trunc = (ms: number, unit: number) => Math.trunc(ms / unit);
    for (let ms = -200_000; ms <= 200_000; ms += 997) {
      for (const m of [-3, -2, -1, 0, 1, 2, 3]) {
        const { lo, hi } = tenSecondsOf(m);
        const b = trunc(ms, 10_000);
        expect(lo <= b && b <= hi, `${ms} ms, minute ${m}`).toBe(trunc(ms, 60_000) === m);
      }
    }
  });
});
