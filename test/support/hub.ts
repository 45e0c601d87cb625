import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createHub, type HubOptions, type RunningHub } from '../../server/app.ts';
import { manualClock, type Clock, type ManualClock } from '../../server/clock.ts';
import { demoHall } from '../../server/demoHall.ts';
import type { OpenFile } from '../../server/journal.ts';

export const DEMO_PINS: Record<string, string> = Object.fromEntries(demoHall.staff.map((s) => [s.id, s.pin]));

export function tempDir(prefix = 'hallhub-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestHub {
  url: string;
  running: RunningHub;
  dataDir: string;
  clock: ManualClock;
  api: <T = any>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => Promise<{ status: number; body: T }>;
  login: (staffId: string, pin?: string) => Promise<string>;
  socket: (auth?: Record<string, unknown>) => Socket;
  close: (opts?: { keepData?: boolean }) => Promise<void>;
}

/** A real hub on a temp dir, listening on a free loopback port. The clock is manual unless given. */
export async function startHub(opts: { dataDir?: string; config?: unknown; clock?: Clock; start?: string; webDir?: string; openJournalFile?: OpenFile; hubOptions?: Partial<HubOptions> } = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? tempDir();
  // Tests that pass their own clock know it has no set/advance.
  const clock = (opts.clock as ManualClock | undefined) ?? manualClock(Date.parse(opts.start ?? '2026-11-23T08:00:00+08:00'));
  const running = await createHub({ dataDir, config: opts.config, clock, log: () => {}, webDir: opts.webDir, openJournalFile: opts.openJournalFile, ...opts.hubOptions });
  const port = await running.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  const api: TestHub['api'] = async (method, path, body, token, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  };
  return {
    url, running, dataDir, clock, api,
    async login(staffId, pin = DEMO_PINS[staffId]) {
      const r = await api('POST', '/api/auth/login', { staffId, pin });
      if (r.status !== 200) throw new Error(`login ${staffId}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    socket(auth) {
      const s = ioClient(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async close(o = {}) {
      for (const s of sockets) s.close();
      await running.close();
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
