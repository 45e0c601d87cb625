// `npm run network-demo`: a centre and three demo hubs joined to it, each hub driven by the
// simulator on a fast clock, so the centre's board moves within a minute. Ctrl-C stops them all.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { demoNetwork } from '../central/server/network.ts';
import { PAGE_DIRS } from './faces.mjs';

const root = join(import.meta.dirname, '..');
const DATA = join(root, 'data-network');
const CENTRAL_PORT = Number(process.env.CENTRAL_PORT ?? 8090);
const HUB_PORT = Number(process.env.DEMO_HUB_PORT ?? 8081);
/** Hall minutes per real minute: a hall's day (08:00–17:30) passes in under half an hour. */
const SPEED = Number(process.env.DEMO_CLOCK_SPEED ?? 20);
const TZ = demoNetwork.network.timezone;

/** The latest weekday up to today in the network's zone (the demo hall is closed at weekends). */
function demoDay(): string {
  const d = new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date())}T12:00:00Z`);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const newest = (dir: string): number => {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, script: string, args: string[], env: Record<string, string>, quiet = false): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const prefix = (b: Buffer) => b.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}`).join('\n');
  if (!quiet) child.stdout!.on('data', (b: Buffer) => console.log(prefix(b)));
  child.stderr!.on('data', (b: Buffer) => console.error(prefix(b)));
  child.on('exit', (code) => {
    if (!stopping && code !== 0) console.error(`[${name}] stopped with code ${code}`);
  });
  return child;
}

function ready(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (pattern.test(out)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code} before it was ready`)));
  });
}

async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping the demo network…');
    // Simulators and hubs first, the centre (and its PostgreSQL) last.
    for (const c of [...children].reverse()) if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => {
        c.once('exit', r);
        setTimeout(r, 15_000);
      });
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

async function main() {
  // DEMO_NO_BUILD=1 runs on the pages already built (e.g. while someone else's tests use dist/).
  if (!process.env.DEMO_NO_BUILD && Math.max(...PAGE_DIRS.map((d) => newest(join(root, d)))) > newest(join(root, 'dist'))) {
    console.log('building pages…');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // Every run starts a fresh network: the hubs' demo clocks restart at this morning's opening.
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  const day = demoDay();
  console.log(`starting the centre (embedded PostgreSQL in ${join(DATA, 'central')})…`);
  const central = run('centre', 'central/server/main.ts', [], { CENTRAL_PORT: String(CENTRAL_PORT), CENTRAL_DATA_DIR: join(DATA, 'central'), CENTRAL_CONFIG: '', CENTRAL_DATABASE_URL: '' }, true);
  await ready(central, /hall network centre ready/, 'the centre');
  const centralUrl = `http://127.0.0.1:${CENTRAL_PORT}`;

  const halls = demoNetwork.halls.map((h, i) => ({ ...h, port: HUB_PORT + i, url: `http://127.0.0.1:${HUB_PORT + i}` }));
  await Promise.all(halls.map(async (h) => {
    const hub = run(h.id, 'server/main.ts', [], {
      PORT: String(h.port), QUEUE_DATA_DIR: join(DATA, h.id), QUEUE_CONFIG: '',
      QUEUE_CLOCK_START: `${day}T08:20:00+08:00`, QUEUE_CLOCK_SPEED: String(SPEED),
      QUEUE_CENTRAL_URL: centralUrl, QUEUE_HALL_ID: h.id, QUEUE_HALL_KEY: h.key,
    }, true);
    await ready(hub, /hall hub ready/, `hub ${h.id}`);
  }));
  // Each hall its own seed and size, so the board's rows differ.
  halls.forEach((h, i) => run(`sim ${h.id}`, 'tools/simulate.ts', ['--url', h.url, '--days', '3', '--tickets', String(160 + 60 * i), '--seed', String(i + 1)], {}, true));

  const admin = demoNetwork.users.find((u) => u.role === 'admin')!;
  const viewer = demoNetwork.users.find((u) => u.role === 'viewer')!;
  console.log(`
hall network demo running (hall clocks start ${day} 08:20 and run ×${SPEED}):
  centre:  ${centralUrl}/central
           ${admin.id} / PIN ${admin.pin}  ${admin.name} (every hall)
           ${viewer.id} / PIN ${viewer.pin}  ${viewer.name} (${viewer.halls?.join(', ')} only)
${halls.map((h) => `  ${h.id} hub: ${h.url}/manager  (M01 / PIN 900001)  ${h.name}`).join('\n')}
  data:    ${DATA} (started fresh on every run)
Tickets start within a minute; press Ctrl-C to stop everything.`);
}

main().catch((e) => {
  console.error(`network demo: ${(e as Error).message}`);
  void stop(1);
});
