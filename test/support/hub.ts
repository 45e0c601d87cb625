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
  /**
   * HTTP to the hub, acting as the hall's own devices would: a ticket or a check-in without a token
   * goes with the test kiosk's token, and a rating or cancel without a token or key carries the
   * key of that ticket's 201 answer. `rawApi` sends exactly what it is given.
   */
  api: <T = any>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => Promise<{ status: number; body: T }>;
  rawApi: <T = any>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => Promise<{ status: number; body: T }>;
  /** The paired test kiosk's device token. */
  kioskToken: string;
  /** The key a ticket's 201 answer carried (issued through `api`). */
  keyOf: (ticketId: string) => string | undefined;
  /** Creates and pairs a device directly in the hub: its device id and token. */
  pairDevice: (kind: 'kiosk' | 'pad', windowId?: string) => Promise<{ deviceId: string; token: string }>;
  /** A fresh, unused pairing code for a new device: browser tests open `/rate/1?pair=<code>` with it. */
  pairingCode: (kind: 'kiosk' | 'pad', windowId?: string) => Promise<string>;
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
  const rawApi: TestHub['api'] = async (method, path, body, token, headers = {}) => {
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
  const pairDevice: TestHub['pairDevice'] = async (kind, windowId) => {
    const now = clock.now();
    const { pairingCode } = await running.trust.devices.create({ kind, name: `test ${kind}`, windowId: windowId ?? null, createdBy: 'test' }, now);
    const paired = await running.trust.devices.pair(pairingCode, now);
    return { deviceId: paired!.device.id, token: paired!.token };
  };
  const pairingCode: TestHub['pairingCode'] = async (kind, windowId) =>
    (await running.trust.devices.create({ kind, name: `test ${kind}`, windowId: windowId ?? null, createdBy: 'test' }, clock.now())).pairingCode;
  const kioskToken = (await pairDevice('kiosk')).token;
  const keys = new Map<string, string>();
  const api: TestHub['api'] = async (method, path, body, token, headers) => {
    const issuing = method === 'POST' && (path === '/api/tickets' || path === '/api/appointments/check-in');
    const keyed = method === 'POST' && /^\/api\/tickets\/[^/]+\/(rating|cancel)$/.test(path);
    let sent = body;
    if (keyed && token === undefined && body && typeof body === 'object' && !Array.isArray(body) && !('key' in body)) {
      const key = keys.get(decodeURIComponent(path.split('/')[3]!));
      if (key) sent = { ...body, key };
    }
    const r = await rawApi(method, path, sent, token ?? (issuing ? kioskToken : undefined), headers);
    if (issuing && r.status === 201 && r.body && typeof r.body.key === 'string') keys.set(r.body.id, r.body.key);
    return r;
  };
  return {
    url, running, dataDir, clock, api, rawApi, kioskToken, pairDevice, pairingCode, keyOf: (id) => keys.get(id),
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
