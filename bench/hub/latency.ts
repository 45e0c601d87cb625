import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import type { HallEvent } from '../../shared/events.ts';
import { bigHall } from './bigHall.ts';
import { benchKiosk, call, percentile } from './http.ts';
import { spawnBenchHub } from './spawn.ts';

export interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  calls: number;
  rssMb: number;
  /** Answer at the counter → each screen (0 when the screen had it first). */
  answered: { p50: number; p99: number; max: number; aheadPct: number };
  ref: { p50: number; p99: number; max: number };
}

const connect = (url: string) =>
  new Promise<Socket>((resolve) => {
    const s = io(url, { transports: ['websocket'], forceNew: true });
    s.once('connect', () => resolve(s));
  });

/**
 * A city-sized hall under load: `windows` counters calling and finishing, `displays` wall screens
 * and `phones` status pages connected, tickets issued at `ticketsPerSec`. Latency is from the
 * moment a counter sends its call to the moment each display holds the TicketCalled event — the
 * whole path, fsync and HTTP included, so it bounds "answered → received" from above.
 */
export async function callLatency(opts: { windows?: number; displays?: number; phones?: number; ticketsPerSec?: number; ms?: number } = {}): Promise<LatencyResult> {
  const windows = opts.windows ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-bench-'));
  const cfgFile = join(dir, 'hall.json');
  const cfg = bigHall(windows, 20);
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const hub = await spawnBenchHub({ QUEUE_DATA_DIR: join(dir, 'data'), QUEUE_CONFIG: cfgFile, QUEUE_CLOCK_START: '2026-11-23T08:30:00+08:00' });
  const sockets: Socket[] = [];
  try {
    const staff = cfg.staff.slice(0, windows);
    const tokens: string[] = [];
    for (let i = 0; i < staff.length; i += 4) {
      const batch = await Promise.all(staff.slice(i, i + 4).map((s) => call(hub.url, 'POST', '/api/auth/login', { staffId: s.id, pin: s.pin })));
      for (const b of batch) tokens.push(b.body.token);
    }
    await Promise.all(cfg.windows.map((w, i) => call(hub.url, 'POST', `/api/windows/${w.id}/sign-in`, { post: 'A' }, tokens[i])));
    const services = cfg.services.map((s) => s.id);
    const kiosk = await benchKiosk(hub.url);
    for (let i = 0; i < 400; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => call(hub.url, 'POST', '/api/tickets', { serviceId: services[(i + j) % services.length] }, kiosk)));

    const sentAt = new Map<string, number>();
    const received: number[][] = [];
    // Per call (window|ticket): when each display got it, and when the counter got its answer.
    const gotAt = new Map<string, number[]>();
    const answeredAt = new Map<string, number>();
    const displays = await Promise.all(Array.from({ length: opts.displays ?? 20 }, () => connect(hub.url)));
    const phones = await Promise.all(Array.from({ length: opts.phones ?? 300 }, () => connect(hub.url)));
    sockets.push(...displays, ...phones);
    displays.forEach((d, di) => {
      received[di] = [];
      d.on('hall:event', (e: HallEvent) => {
        if (e.type !== 'TicketCalled') return;
        // Each window has one call in flight, so its send time identifies the call.
        const now = performance.now();
        const t = sentAt.get(e.data.windowId);
        if (t !== undefined) received[di]!.push(now - t);
        const key = `${e.data.windowId}|${e.data.ticketId}`;
        const list = gotAt.get(key) ?? [];
        list.push(now);
        gotAt.set(key, list);
      });
    });

    let running = true;
    const issuer = setInterval(() => void call(hub.url, 'POST', '/api/tickets', { serviceId: services[Math.floor(Math.random() * services.length)] }, kiosk), 1000 / (opts.ticketsPerSec ?? 20));
    let calls = 0;
    const end = performance.now() + (opts.ms ?? 15_000);
    await Promise.all(
      cfg.windows.map(async (w, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3000));
        while (running && performance.now() < end) {
          sentAt.set(w.id, performance.now());
          const r = await call(hub.url, 'POST', `/api/windows/${w.id}/call-next`, undefined, tokens[i]);
          if (r.status === 200) {
            answeredAt.set(`${w.id}|${r.body.ticket.id}`, performance.now());
            calls++;
            await new Promise((res) => setTimeout(res, 1500 + Math.random() * 2500));
            await call(hub.url, 'POST', `/api/windows/${w.id}/finish`, {}, tokens[i]);
          } else {
            sentAt.delete(w.id);
            await new Promise((res) => setTimeout(res, 1000));
          }
        }
      }),
    );
    running = false;
    clearInterval(issuer);
    await new Promise((r) => setTimeout(r, 300));
    const all = received.flat().sort((a, b) => a - b);
    // The goal's own definition: from the answer reaching the counter to each screen holding the
    // event. The hub broadcasts before it answers, so most screens are ahead (counted as 0).
    const afterAnswer: number[] = [];
    let ahead = 0;
    for (const [key, times] of gotAt) {
      const a = answeredAt.get(key);
      if (a === undefined) continue;
      for (const t of times) {
        if (t <= a) ahead++;
        afterAnswer.push(Math.max(0, t - a));
      }
    }
    afterAnswer.sort((a, b) => a - b);
    const rssMb = hub.rssMb();
    return {
      p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? NaN, samples: all.length, calls, rssMb,
      answered: { p50: percentile(afterAnswer, 50), p99: percentile(afterAnswer, 99), max: afterAnswer.at(-1) ?? NaN, aheadPct: (100 * ahead) / Math.max(1, afterAnswer.length) },
      ref: await socketRoundTrip(),
    };
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reference: a bare socket.io emit → server → emit back on loopback, no hub behind it. */
export async function socketRoundTrip(n = 2000): Promise<{ p50: number; p99: number; max: number }> {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (s) => s.on('ping', (t: number) => s.emit('pong', t)));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  const client = await connect(`http://127.0.0.1:${port}`);
  const rtts: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise<void>((r) => {
      const t = performance.now();
      client.once('pong', () => {
        rtts.push(performance.now() - t);
        r();
      });
      client.emit('ping', t);
    });
  }
  client.close();
  await new Promise((r) => server.close(() => r(undefined)));
  rtts.sort((a, b) => a - b);
  return { p50: percentile(rtts, 50), p99: percentile(rtts, 99), max: rtts.at(-1)! };
}
