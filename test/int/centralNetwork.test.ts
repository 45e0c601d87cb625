import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, freePort, keyOf, killAll, spawnCentral, spawnHall, startPostgres, testNetwork, until, type CentralProcess, type TestPostgres } from './centralHarness.ts';

/**
 * Three hubs forward to one centre while the centre is killed and restarted mid-traffic and one
 * hub is killed with SIGKILL mid-burst. Afterwards every (hall, journal, seq) is in PostgreSQL
 * exactly once and the centre's figures for each hall equal the hall's own.
 */
const HALLS = ['H01', 'H02', 'H03'];
const START = '2026-11-23T23:58:50+08:00';

let pgServer: TestPostgres;
let dbUrl: string;
let db: pg.Pool;
let centralPort: number;
let central: CentralProcess | null = null;
const dirs: Record<string, string> = {};
const hubs: Record<string, CentralProcess> = {};
const work = mkdtempSync(join(tmpdir(), 'central-net-'));
const networkFile = join(work, 'network.json');

const startCentral = async () => {
  central = await spawnCentral({ CENTRAL_DATABASE_URL: dbUrl, CENTRAL_PORT: String(centralPort), CENTRAL_CONFIG: networkFile, CENTRAL_DATA_DIR: join(work, 'central') });
};
const startHall = async (hallId: string) => {
  hubs[hallId] = await spawnHall({
    QUEUE_DATA_DIR: dirs[hallId]!, QUEUE_CLOCK_START: START, QUEUE_CLOCK_SPEED: '4',
    QUEUE_CENTRAL_URL: `http://127.0.0.1:${centralPort}`, QUEUE_HALL_ID: hallId, QUEUE_HALL_KEY: keyOf(hallId),
  });
};
const hubUrl = (h: string) => hubs[h]!.url;

beforeAll(async () => {
  pgServer = await startPostgres();
  dbUrl = await pgServer.database();
  db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  // The centre's restarts end this pool's idle connections too; the next query opens a new one.
  db.on('error', () => undefined);
  writeFileSync(networkFile, JSON.stringify(testNetwork));
  centralPort = await freePort();
  await startCentral();
  for (const h of HALLS) dirs[h] = mkdtempSync(join(work, `${h}-`));
  await Promise.all(HALLS.map(startHall));
}, 180_000);

afterAll(async () => {
  killAll();
  await db?.end();
  await pgServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A staffer's token and a paired kiosk's token on a hub. */
async function credentials(url: string) {
  const staff = (await call(url, 'POST', '/api/auth/login', { staffId: 'S01', pin: '100001' })).body.token as string;
  const manager = (await call(url, 'POST', '/api/auth/login', { staffId: 'M01', pin: '900001' })).body.token as string;
  const device = await call(url, 'POST', '/api/devices', { kind: 'kiosk', name: '测试取号机' }, manager);
  const kiosk = device.status === 201 ? ((await call(url, 'POST', '/api/devices/pair', { pairingCode: device.body.pairingCode })).body.deviceToken as string) : undefined;
  await call(url, 'POST', '/api/windows/W1/sign-in', { post: 'A' }, staff);
  return { staff, manager, kiosk };
}

/** Tickets issued and served at W1 until `stop` says so; a hub that is down is waited for. */
async function traffic(hallId: string, stop: () => boolean) {
  let creds: Awaited<ReturnType<typeof credentials>> | null = null;
  let url = hubUrl(hallId);
  let n = 0;
  while (!stop()) {
    try {
      if (!creds || url !== hubUrl(hallId)) {
        url = hubUrl(hallId);
        creds = await credentials(url);
      }
      const services = ['A', 'E', 'B', 'C'];
      await call(url, 'POST', '/api/tickets', { serviceId: services[n % services.length] }, creds.kiosk);
      if (n % 2 === 1) {
        const called = await call(url, 'POST', '/api/windows/W1/call-next', undefined, creds.staff);
        if (called.status === 200) {
          await call(url, 'POST', '/api/windows/W1/start', undefined, creds.staff);
          if (n % 5 === 0) await call(url, 'POST', '/api/windows/W1/transfer', { serviceId: 'E', reason: '' }, creds.staff);
          else await call(url, 'POST', '/api/windows/W1/finish', { outcome: 'done' }, creds.staff);
        } else if (called.status === 409) {
          await call(url, 'POST', '/api/windows/W1/finish', { outcome: 'done' }, creds.staff);
        } else if (called.status === 401 || called.status === 403) {
          creds = await credentials(url);
        } else {
          await call(url, 'POST', '/api/windows/W1/sign-in', { post: 'A' }, creds.staff);
        }
      }
      n++;
    } catch {
      // The hub is being killed or restarted: try again shortly.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return n;
}

const health = async (h: string) => (await call(hubUrl(h), 'GET', '/api/health')).body;

describe('the hall network under faults', () => {
  it('when the centre restarts mid-traffic and a hub is SIGKILLed mid-burst, then each (hall, journal, seq) is stored once and each hall row equals the hall report', async () => {
    let done = false;
    const drivers = HALLS.map((h) => traffic(h, () => done));
    await new Promise((r) => setTimeout(r, 3_000));

    // The centre dies without warning and stays away while the halls keep working.
    central!.child.kill('SIGKILL');
    await central!.exited;
    await new Promise((r) => setTimeout(r, 4_000));
    await until('every hub to see the centre gone', async () => (await Promise.all(HALLS.map(health))).every((x) => x.central.connected === false), 20_000, 250);
    await startCentral();

    // A burst of tickets at H02, and the hub killed while they are being written.
    const h2 = hubs.H02!;
    const { kiosk } = await credentials(h2.url);
    const burst = Array.from({ length: 60 }, () => call(h2.url, 'POST', '/api/tickets', { serviceId: 'A' }, kiosk).catch(() => null));
    await new Promise((r) => setTimeout(r, 25));
    h2.child.kill('SIGKILL');
    await h2.exited;
    await Promise.all(burst);
    await startHall('H02');

    // Past the halls' midnight (clock ×4 from 23:58:50): a closed day and a new one.
    await until('the halls to pass midnight', async () => (await Promise.all(HALLS.map(health))).every((x) => x.businessDay === '2026-11-24'), 60_000, 500);
    await new Promise((r) => setTimeout(r, 2_000));
    done = true;
    const counts = await Promise.all(drivers);
    expect(counts.every((n) => n > 10)).toBe(true);

    // Two visitors left waiting at every hall, so the live figures compared below are not zero
    // whatever the traffic's last call happened to be.
    for (const h of HALLS) {
      const { kiosk: k } = await credentials(hubUrl(h));
      for (const serviceId of ['A', 'B']) expect((await call(hubUrl(h), 'POST', '/api/tickets', { serviceId }, k)).status).toBe(201);
    }

    // A complaint entered at H01 reaches the centre with the hall's other records.
    const h1 = await credentials(hubUrl('H01'));
    const complaint = await call(hubUrl('H01'), 'POST', '/api/admin/scoring/complaints',
      { date: '2026-11-23', windowId: 'W1', staffId: 'S01', content: '等候时间过长', channel: 'phone' }, h1.manager);
    expect(complaint.status).toBe(201);

    await until('every hub to be caught up', async () => {
      const hs = await Promise.all(HALLS.map(health));
      return hs.every((x) => x.central?.connected && x.central.ackedSeq === x.seq);
    }, 60_000, 500);

    for (const h of HALLS) {
      const hh = await health(h);
      const r = await db.query<{ journals: number; n: number; distinct_seq: number; lo: number; hi: number }>(
        `select count(distinct journal_id)::int as journals, count(*)::int as n, count(distinct seq)::int as distinct_seq,
                min(seq)::int as lo, max(seq)::int as hi from events where hall_id = $1`, [h]);
      expect(r.rows[0], h).toEqual({ journals: 1, n: hh.seq, distinct_seq: hh.seq, lo: 1, hi: hh.seq });
      const j = await db.query('select journal_id from events where hall_id = $1 limit 1', [h]);
      expect(j.rows[0].journal_id).toBe(hh.central.journalId);
    }

    const admin = (await call(central!.url, 'POST', '/api/central/auth/login', { userId: 'A1', pin: '111111' })).body.token as string;
    let seen = 0;
    for (const h of HALLS) {
      const { manager } = await credentials(hubUrl(h));
      const own = await call(hubUrl(h), 'GET', '/api/reports/waits?from=2026-11-23&to=2026-11-24', undefined, manager);
      expect(own.status).toBe(200);
      const theirs = await call(central!.url, 'GET', `/api/central/reports/waits?from=2026-11-23&to=2026-11-24&hallId=${h}`, undefined, admin);
      const { hallId: _id, ...row } = theirs.body.halls[0];
      // The longest wait is read at the hall's clock of its last word (a heartbeat every 10 s, the
      // clock running ×4 here), so it is compared below at an instant both agree on the minute.
      const { longestWaitingMin: _l, ...fixed } = row;
      const total = Object.fromEntries(Object.keys(fixed).map((k) => [k, own.body.total[k]]));
      expect(fixed, h).toEqual(total);
      expect(Object.keys(own.body.total).filter((k) => !(k in row)), `fields of ${h}'s total the centre lacks`).toEqual([]);
      expect(row.waitingNow, `${h} has visitors waiting`).toBeGreaterThan(0);
      await until(`${h}'s longest wait at the centre to be the hall's`, async () => {
        const [a, b] = await Promise.all([
          call(hubUrl(h), 'GET', '/api/reports/waits?from=2026-11-24&to=2026-11-24', undefined, manager),
          call(central!.url, 'GET', `/api/central/reports/waits?from=2026-11-24&to=2026-11-24&hallId=${h}`, undefined, admin),
        ]);
        return a.body.total.longestWaitingMin === b.body.halls[0].longestWaitingMin;
      }, 60_000, 1_000);
      seen += row.issued;

      // Scores of the closed day: the hub's own scoring code over the events read back from PostgreSQL.
      const ownScores = await call(hubUrl(h), 'GET', '/api/reports/scores?date=2026-11-23', undefined, manager);
      await until(`${h}'s scores at the centre to equal the hall's`, async () => {
        const c = await call(central!.url, 'GET', `/api/central/reports/scores?date=2026-11-23&hallId=${h}`, undefined, admin);
        const { hallId: _x, ...part } = c.body.halls[0];
        return JSON.stringify(part) === JSON.stringify(ownScores.body);
      }, 20_000, 500).catch(async (e) => {
        const c = await call(central!.url, 'GET', `/api/central/reports/scores?date=2026-11-23&hallId=${h}`, undefined, admin);
        const { hallId: _x, ...part } = c.body.halls[0];
        expect(part).toEqual(ownScores.body);
        throw e;
      });
    }
    const all = await call(central!.url, 'GET', '/api/central/reports/waits?from=2026-11-23&to=2026-11-24', undefined, admin);
    expect(all.body.total.issued).toBe(seen);
    // The hall's records travel with its metadata, sent when the centre's copy differs: wait for it.
    const h01Complaints = async () => {
      const r = await call(central!.url, 'GET', '/api/central/reports/rankings?from=2026-11-23&to=2026-11-24', undefined, admin);
      return r.body.halls.find((x: { hallId: string }) => x.hallId === 'H01').complaints as number;
    };
    await until('the complaint entered at H01 to reach the rankings', async () => (await h01Complaints()) === 1, 30_000, 500).catch(() => undefined);
    expect(await h01Complaints()).toBe(1);
  }, 240_000);
});
