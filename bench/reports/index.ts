import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../hub/http.ts';
import { spawnBenchHub, type BenchHub } from '../hub/spawn.ts';
import { dirBytes, generateYear, parseJournalsMs, readFilesMs, sortMs } from './yearData.ts';

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mb = (b: number) => `${f(b / 2 ** 20)} MB`;
/** A hub process's resident memory now and at its peak (VmHWM), in MB. */
const memory = (hub: BenchHub) => {
  const status = readFileSync(`/proc/${hub.child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
};

/**
 * The full-year wait report of a busy hall (250 business days × 3,000 tickets), timed through a
 * hub process: the very first time (every journal folded once and compacted), cold (a fresh
 * process reading the compact days) and warm (days in memory), each beside a reference measured
 * in the same run. Returns markdown table rows.
 */
export async function reportsBench(log: (line: string) => void = console.log, quick = false): Promise<string[]> {
  const days = quick ? 20 : 250;
  const tickets = 3000;
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-year-'));
  const rows: string[] = [];
  const row = (what: string, figure: string, reference: string, goal: string) => {
    const line = `| ${what} | ${figure} | ${reference} | ${goal} |`;
    rows.push(line);
    log(line);
  };
  const hubs: BenchHub[] = [];
  try {
    log(`generating ${days} business days × ${tickets} tickets into ${dir} …`);
    const y = await generateYear(dir, days, tickets);
    const env = {
      QUEUE_DATA_DIR: dir, QUEUE_CONFIG: join(dir, 'hall-config.json'), QUEUE_CLOCK_START: '2026-01-05T07:00:00+08:00',
    };
    const path = `/api/reports/waits?from=2025-01-01&to=2025-12-31`;
    const timed = async (hub: BenchHub, token: string) => {
      const t0 = performance.now();
      const r = await call(hub.url, 'GET', path, undefined, token);
      const ms = performance.now() - t0;
      if (r.status !== 200 || r.body.total.issued !== y.tickets) throw new Error(`report answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      return { ms, body: r.body };
    };
    const login = async (hub: BenchHub) => (await call(hub.url, 'POST', '/api/auth/login', { staffId: 'M01', pin: '900001' })).body.token as string;

    log('| what | figure | reference (same run) | goal |');
    log('| --- | --- | --- | --- |');
    const parseMs = parseJournalsMs(join(dir, 'journal'));
    row(
      `year generated: ${y.days.length} days (${y.first} … ${y.last}), ${y.tickets.toLocaleString('en')} tickets, ${y.events.toLocaleString('en')} events`,
      `${f(y.ms / 1000, 1)} s through the core; journals ${mb(y.journalBytes)}`,
      `read + JSON.parse of those journals alone: ${f(parseMs)} ms`, '',
    );

    // The hall is set up first, as in a hall that upgrades: importing the config hashes every PIN
    // (scrypt, 16 MB each, on four threads), memory the allocator keeps for that process's life
    // and that has nothing to do with reports.
    const setup = await spawnBenchHub(env);
    const setupRss = memory(setup).peak;
    await setup.stop();

    const a = await spawnBenchHub(env);
    const restA = memory(a).now;
    hubs.push(a);
    const tokenA = await login(a);
    const first = await timed(a, tokenA);
    row('full-year report, first ever (every journal folded and compacted)', `${f(first.ms)} ms`, `read + JSON.parse of the journals: ${f(parseMs)} ms`, 'once per day in practice: a day is compacted when it closes');
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await timed(a, tokenA)).ms);
    warm.sort((p, q) => p - q);
    const sorted = sortMs(y.tickets);
    row('full-year report, warm: asked again (median of 5)', `${f(warm[2]!)} ms (max ${f(warm[4]!)} ms)`, `one Int32Array sort of ${y.tickets.toLocaleString('en')} values: ${f(sorted)} ms`, `< 1 s: ${warm[4]! < 1000 ? 'met' : 'NOT met'}`);
    const fresh: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await call(a.url, 'GET', `${path}&suspectFactor=${5 + i}`, undefined, tokenA);
      fresh.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`report answered ${r.status}`);
    }
    fresh.sort((p, q) => p - q);
    row('full-year report, days in memory, a question not asked before (median of 3)', `${f(fresh[1]!)} ms (max ${f(fresh[2]!)} ms)`, `one Int32Array sort of ${y.tickets.toLocaleString('en')} values: ${f(sorted)} ms`, `< 1 s: ${fresh[2]! < 1000 ? 'met' : 'NOT met'}`);
    const rssA = memory(a);
    await a.stop();
    hubs.pop();

    const b = await spawnBenchHub(env);
    hubs.push(b);
    const tokenB = await login(b);
    const cold = await timed(b, tokenB);
    const readMs = readFilesMs(join(dir, 'reports'));
    row('full-year report, cold (fresh hub process, compact days on disk)', `${f(cold.ms)} ms`, `reading the ${mb(dirBytes(join(dir, 'reports')))} of compact days: ${f(readMs)} ms; hub start ${f(b.startMs)} ms`, `< 3 s: ${cold.ms < 3000 ? 'met' : 'NOT met'}`);
    const same = JSON.stringify(cold.body) === JSON.stringify(first.body);
    const t0 = performance.now();
    const csv = await call(b.url, 'GET', `${path}&format=csv&groupBy=staff`, undefined, tokenB);
    const csvMs = performance.now() - t0;
    const rssB = memory(b);
    const peak = Math.max(rssA.peak, rssB.peak);
    row(
      'hub memory, peak RSS (VmHWM) of each process over all its questions',
      `${f(peak)} MB (first-ever process ${f(rssA.peak)}, cold process ${f(rssB.peak)}; at the end ${f(rssA.now)} and ${f(rssB.now)})`,
      `hub at rest before the first question ${f(restA)} MB; the set-up start that imported the config peaked at ${f(setupRss)} MB; same figures cold as first: ${same ? 'yes' : 'NO'}; CSV by staff ${f(csvMs)} ms, ${csv.status}`,
      `< 300 MB: ${peak < 300 ? 'met' : 'NOT met'}`,
    );
    return rows;
  } finally {
    for (const h of hubs) await h.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
