import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/hub.ts';
import { spawnHub } from '../support/process.ts';

const root = join(import.meta.dirname, '../..');

/** Runs the hub expecting it to exit; returns its code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
      cwd: root, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const hallFile = (cfg: unknown) => {
  const p = join(tempDir(), 'hall.json');
  writeFileSync(p, JSON.stringify(cfg));
  return p;
};

const contractExample = {
  hall: { name: '示例镇便民服务中心', timezone: 'Asia/Shanghai', hours: [['08:00', '12:00'], ['14:30', '17:30']] },
  services: [{ id: 'A', name: '社保医保', prefix: 'A', targetWaitMin: 15, targetServiceMin: 10 }],
  windows: [{ id: 'W1', number: 1, name: '综合窗口1', serviceIds: ['A'], postA: 'S01', postB: 'S02' }],
  staff: [
    { id: 'S01', name: '张三', pin: '482913', role: 'staff' },
    { id: 'S02', name: '李四', pin: '482914', role: 'staff' },
    { id: 'M01', name: '王主任', pin: '730521', role: 'manager' },
  ],
};

describe('starting the hub', () => {
  it('imports QUEUE_CONFIG, never stores PINs in clear, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const hub = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CONFIG: hallFile(contractExample) });
    expect(hub.output()).toMatch(/hall hub ready: 示例镇便民服务中心/);
    const services = (await (await fetch(`${hub.url}/api/services`)).json()) as { id: string }[];
    expect(services.map((s) => s.id)).toEqual(['A']);
    const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: 'S01', pin: '482913' }) });
    expect(login.status).toBe(200);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    const stored = (await import('node:fs')).readFileSync(join(dataDir, 'hall.json'), 'utf8');
    expect(stored).not.toContain('482913');
    expect(stored).toContain('scrypt$');
  });

  it('keeps the imported hall on a restart, and takes an edited file with QUEUE_CONFIG_UPDATE=1', async () => {
    const dataDir = tempDir();
    const first = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CONFIG: hallFile(contractExample) });
    first.child.kill('SIGTERM');
    await first.exited;

    const edited = structuredClone(contractExample);
    edited.services.push({ id: 'B', name: '民政', prefix: 'B', targetWaitMin: 10, targetServiceMin: 5 });
    edited.windows[0]!.serviceIds = ['A', 'B'];
    edited.staff[1]!.pin = '111111';
    const file = hallFile(edited);
    const ignored = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CONFIG: file });
    expect(((await (await fetch(`${ignored.url}/api/services`)).json()) as unknown[]).length).toBe(1);
    ignored.child.kill('SIGTERM');
    await ignored.exited;

    const updated = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CONFIG: file, QUEUE_CONFIG_UPDATE: '1' });
    try {
      expect(updated.output()).toMatch(/hall config updated: services added B; new PINs for S02/);
      expect(((await (await fetch(`${updated.url}/api/services`)).json()) as { id: string }[]).map((s) => s.id)).toEqual(['A', 'B']);
      const login = (staffId: string, pin: string) =>
        fetch(`${updated.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId, pin }) });
      expect((await login('S02', '111111')).status).toBe(200);
      expect((await login('S01', '482913')).status).toBe(200);
    } finally {
      updated.child.kill('SIGTERM');
      await updated.exited;
    }
  });

  it('exits non-zero naming the missing id of a bad config', async () => {
    const bad = structuredClone(contractExample);
    bad.windows[0]!.serviceIds = ['A', 'Q'];
    const r = await runToExit({ QUEUE_DATA_DIR: tempDir(), QUEUE_CONFIG: hallFile(bad) });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/missing service "Q"/);
  });

  it('exits non-zero on a port in use and on a bad clock setting', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const r = await runToExit({ QUEUE_DATA_DIR: tempDir(), PORT: String(port) });
    server.close();
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(new RegExp(`port ${port} is in use`));
    const c = await runToExit({ QUEUE_DATA_DIR: tempDir(), QUEUE_CLOCK_START: 'tomorrow' });
    expect(c.code).not.toBe(0);
    expect(c.out).toMatch(/QUEUE_CLOCK_START must be an ISO 8601 instant/);
  });

  it('runs its clock from QUEUE_CLOCK_START at QUEUE_CLOCK_SPEED', async () => {
    const hub = await spawnHub({ QUEUE_DATA_DIR: tempDir(), QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00', QUEUE_CLOCK_SPEED: '60' });
    try {
      // Bounded by the real time around the two readings, so a slow or busy machine cannot fail it.
      const t0 = performance.now();
      const a = (await (await fetch(`${hub.url}/api/health`)).json()) as { now: string; businessDay: string };
      const t1 = performance.now();
      await new Promise((r) => setTimeout(r, 1000));
      const t2 = performance.now();
      const b = (await (await fetch(`${hub.url}/api/health`)).json()) as { now: string };
      const t3 = performance.now();
      expect(a.businessDay).toBe('2026-11-23');
      const gained = Date.parse(b.now) - Date.parse(a.now);
      expect(gained).toBeGreaterThanOrEqual(60 * (t2 - t1) - 60);
      expect(gained).toBeLessThanOrEqual(60 * (t3 - t0) + 60);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
});
