import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { asHall, busyHallInput } from '../../tools/sim/halls.ts';
import { businessDays, runJournals } from '../../tools/sim/run.ts';
import { rawSocketIo, type RawSocketIo } from '../../test/support/rawSocket.ts';
import { benchKiosk, call, percentile } from '../hub/http.ts';
import { spawnBenchHub, type BenchHub } from '../hub/spawn.ts';

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Probe {
  ticket: number[];
  call: number[];
}

/**
 * A visitor's ticket and a counter's call-next (then finish), one after the other for `ms`: the
 * latencies a hall feels. Run on a quiet hub and under each abuse, in the same hub process.
 */
async function probe(hub: BenchHub, kiosk: string, staff: string, ms: number): Promise<Probe> {
  const out: Probe = { ticket: [], call: [] };
  const end = performance.now() + ms;
  while (performance.now() < end) {
    let t0 = performance.now();
    const t = await call(hub.url, 'POST', '/api/tickets', { serviceId: 'A' }, kiosk);
    if (t.status !== 201) throw new Error(`ticket ${t.status} ${JSON.stringify(t.body)}`);
    out.ticket.push(performance.now() - t0);
    t0 = performance.now();
    const c = await call(hub.url, 'POST', '/api/windows/W1/call-next', undefined, staff);
    if (c.status !== 200) throw new Error(`call ${c.status} ${JSON.stringify(c.body)}`);
    out.call.push(performance.now() - t0);
    await call(hub.url, 'POST', '/api/windows/W1/finish', { outcome: 'done' }, staff);
    await sleep(20);
  }
  return out;
}

const p99 = (v: number[]) => percentile(v.slice().sort((a, b) => a - b), 99);

/**
 * `npm run bench -- abuse`: ticket and call p99 on a quiet hub and while three sockets spam
 * hall:sync, while waves of 64 bad logins arrive, and while the heaviest reports run (the first
 * wait report over every journal day and a year's score roll-up); then the hub's memory after 40 s
 * of broadcasts with ten sockets that stopped reading.
 */
export async function abuseBench(log: (line: string) => void = console.log, quick = false): Promise<string[]> {
  const rows: string[] = [];
  const row = (what: string, figure: string, reference: string, goal: string) => {
    const line = `| ${what} | ${figure} | ${reference} | ${goal} |`;
    rows.push(line);
    log(line);
  };
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-abuse-'));
  const phaseMs = quick ? 3000 : 10_000;
  const days = businessDays('2026-06-01', quick ? 5 : 30);
  const sockets: Socket[] = [];
  const raws: RawSocketIo[] = [];
  const pongs: (() => void)[] = [];
  let hub: BenchHub | null = null;
  try {
    log(`generating ${days.length} business days × 1,500 tickets of a 56-window hall (never reported on) …`);
    const input = busyHallInput();
    await runJournals(dir, input, asHall(input).hall, { days, ticketsPerDay: 1500, seed: 5 });
    hub = await spawnBenchHub({ QUEUE_DATA_DIR: dir, QUEUE_CONFIG: join(dir, 'hall-config.json'), QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00' });
    const h = hub;
    const kiosk = await benchKiosk(h.url);
    const manager = (await call(h.url, 'POST', '/api/auth/login', { staffId: 'M01', pin: '900001' })).body.token as string;
    const staff = (await call(h.url, 'POST', '/api/auth/login', { staffId: 'S001', pin: '200001' })).body.token as string;
    await call(h.url, 'POST', '/api/windows/W1/sign-in', { post: 'A' }, staff);

    log('| what | figure | quiet hub (same run) | goal |');
    log('| --- | --- | --- | --- |');
    const quiet = await probe(h, kiosk, staff, phaseMs);
    const compare = (what: string, under: Probe, extra = '') => {
      const [qt, qc, ut, uc] = [p99(quiet.ticket), p99(quiet.call), p99(under.ticket), p99(under.call)];
      const met = ut <= 2 * qt && uc <= 2 * qc;
      row(what, `ticket p99 ${f(ut)} ms, call p99 ${f(uc)} ms (${under.ticket.length} each)${extra}`, `ticket p99 ${f(qt)} ms, call p99 ${f(qc)} ms`, `within 2×: ${met ? 'met' : 'NOT met'}`);
    };

    // Three sockets asking for a whole snapshot over and over.
    let spamAnswers = 0;
    let spamRefused = 0;
    let spamming = true;
    for (let i = 0; i < 3; i++) {
      const s = io(h.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      await new Promise<void>((r) => s.once('connect', () => r()));
      void (async () => {
        while (spamming && s.connected) {
          const a = (await s.emitWithAck('hall:sync', { lastSeq: 999_999_999 })) as { error?: unknown };
          if (a.error) spamRefused++;
          else spamAnswers++;
        }
      })();
    }
    const spam = await probe(h, kiosk, staff, phaseMs);
    spamming = false;
    compare('three sockets repeating hall:sync for a snapshot', spam, `; spammers got ${spamAnswers} snapshots, ${spamRefused} "wait" answers`);

    // Waves of 64 logins with made-up staff numbers and PINs.
    let logins = 0;
    let loggingIn = true;
    const waves = (async () => {
      while (loggingIn) {
        await Promise.all(Array.from({ length: 64 }, (_, i) => call(h.url, 'POST', '/api/auth/login', { staffId: `X${logins + i}`, pin: String(100000 + ((logins + i) % 900000)) })));
        logins += 64;
        await sleep(250);
      }
    })();
    const bad = await probe(h, kiosk, staff, phaseMs);
    loggingIn = false;
    await waves;
    compare('waves of 64 logins with made-up staff numbers', bad, `; ${logins} bad logins sent`);

    // The heaviest reports: the first wait report over every journal day, and a year's roll-up, over and over.
    let reports = 0;
    let reporting = true;
    const reportLoop = (async () => {
      while (reporting) {
        await Promise.all([
          call(h.url, 'GET', `/api/reports/waits?from=${days[0]}&to=${days.at(-1)}`, undefined, manager),
          call(h.url, 'GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, manager),
        ]);
        reports++;
      }
    })();
    const heavy = await probe(h, kiosk, staff, quick ? phaseMs : 20_000);
    reporting = false;
    await reportLoop;
    compare(`the heaviest reports running (wait report over ${days.length} days folded for the first time, year roll-up)`, heavy, `; ${reports} report pairs finished meanwhile`);

    // Ten sockets that stop reading (but answer pings) while the hub broadcasts for 40 s.
    for (const s of sockets) s.close();
    for (let i = 0; i < 10; i++) {
      const r = await rawSocketIo(h.url);
      r.stall();
      pongs.push(r.keepAlive(1000));
      raws.push(r);
    }
    const before = h.rssMb();
    let dropped = 0;
    for (const r of raws) void r.closed.then(() => dropped++);
    const broadcastMs = quick ? 10_000 : 40_000;
    const end = performance.now() + broadcastMs;
    let events = 0;
    while (performance.now() < end) {
      await Promise.all(Array.from({ length: 20 }, () => call(h.url, 'POST', '/api/tickets', { serviceId: 'B' }, kiosk)));
      // The stalled sockets also ask for catch-ups they never read.
      for (const r of raws) r.send('420["hall:sync",{"lastSeq":0}]');
      events += 20;
      await sleep(50);
    }
    const after = h.rssMb();
    row(
      `hub memory after ${broadcastMs / 1000} s of broadcasts (${events} tickets) with ten sockets that stopped reading`,
      `+${f(after - before)} MB (RSS ${f(before, 0)} → ${f(after, 0)} MB); ${dropped} of 10 stalled sockets dropped`,
      '',
      `< 50 MB growth: ${after - before < 50 ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const s of sockets) s.close();
    for (const stop of pongs) stop();
    for (const r of raws) r.destroy();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
