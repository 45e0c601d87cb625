import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export interface BenchHub {
  child: ChildProcess;
  url: string;
  rssMb: () => number;
  stop: () => Promise<void>;
  startMs: number;
}

/** The hub as production runs it: its own process, started with `server/main.ts`. */
export function spawnBenchHub(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchHub> {
  const t0 = performance.now();
  // HUB_PROF=<dir> writes a V8 CPU profile of the hub, to see where its time goes under load.
  const child = spawn(process.execPath, [...(process.env.HUB_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.HUB_PROF] : []), ...nodeArgs, '--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /hall hub ready: .* on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve({
          child, url: `http://127.0.0.1:${m[1]}`, startMs: performance.now() - t0,
          rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
          stop: () => new Promise((r) => {
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited ${code}: ${out}`)));
  });
}

/** Start-up of a bare `node --import tsx` that does nothing: what every start pays before the hub's own work. */
export function spawnBare(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', 'console.log("ready")'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((r) => child.once('exit', () => r(performance.now() - t0)));
}
