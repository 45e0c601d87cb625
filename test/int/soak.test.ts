import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { prng } from '../support/busyDay.ts';
import { DEMO_PINS, tempDir } from '../support/hub.ts';
import { spawnHub } from '../support/process.ts';

/**
 * A hall day at an accelerated clock while screens drop and reconnect at random. CI runs a short
 * setting; `HALLHUB_SOAK_FULL=1` runs 500 sockets over a day at 600× (about a minute).
 */
const FULL = process.env.HALLHUB_SOAK_FULL === '1';
const SOCKETS = FULL ? 500 : 100;
const SPEED = FULL ? 600 : 3600;
const DAY_MS = 9 * 3_600_000;

const post = async (url: string, path: string, body?: unknown, token?: string) => {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
  return { status: r.status, body: (await r.json()) as any };
};

class Screen {
  seqs: number[] = [];
  types: string[] = [];
  lastSeq = 0;
  resets = 0;
  constructor(readonly socket: Socket) {
    socket.on('hall:event', (e: HallEvent) => {
      if (e.seq <= this.lastSeq) return;
      if (e.seq !== this.lastSeq + 1) return void this.sync();
      this.take(e);
    });
    socket.on('connect', () => void this.sync());
  }
  take(e: HallEvent) {
    this.seqs.push(e.seq);
    this.types.push(e.type);
    this.lastSeq = e.seq;
  }
  async sync() {
    try {
      const a = await this.socket.timeout(5000).emitWithAck('hall:sync', { lastSeq: this.lastSeq });
      if (a.events) for (const e of a.events as HallEvent[]) if (e.seq === this.lastSeq + 1) this.take(e);
      if (a.snapshot) this.resets++;
    } catch {
      /* dropped mid-sync: the next connect syncs again */
    }
  }
}

describe(`soak: a day at ${SPEED}× with ${SOCKETS} screens dropping and reconnecting`, () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves every screen with the journal\'s gap-free sequence and bounded memory', { timeout: FULL ? 300_000 : 90_000 }, async () => {
    const rnd = prng(500);
    const hub = await spawnHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CLOCK_START: '2026-11-23T08:00:00+08:00', QUEUE_CLOCK_SPEED: String(SPEED) });
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${hub.child.pid}/status`, 'utf8'))![1]) / 1024;
    const screens: Screen[] = [];
    let running = true;
    try {
      for (let i = 0; i < SOCKETS; i++) screens.push(new Screen(io(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false })));
      const staff: [string, string][] = [['S01', 'W1'], ['S02', 'W2'], ['S03', 'W3'], ['S04', 'W4'], ['S05', 'W5'], ['S06', 'W6']];
      const tokens = await Promise.all(staff.map(async ([s]) => (await post(hub.url, '/api/auth/login', { staffId: s, pin: DEMO_PINS[s] })).body.token as string));
      await Promise.all(staff.map(([, w], i) => post(hub.url, `/api/windows/${w}/sign-in`, { post: 'A' }, tokens[i])));
      const realMs = DAY_MS / SPEED;
      const end = Date.now() + realMs;
      const rssSamples: number[] = [];

      const visitors = (async () => {
        while (Date.now() < end) {
          await post(hub.url, '/api/tickets', { serviceId: ['A', 'B', 'C', 'E'][Math.floor(rnd() * 4)], priority: rnd() < 0.05 });
          await new Promise((r) => setTimeout(r, 10 + rnd() * 40));
        }
      })();
      const counters = staff.map(async ([, w], i) => {
        while (Date.now() < end) {
          const c = await post(hub.url, `/api/windows/${w}/call-next`, undefined, tokens[i]);
          if (c.status === 200) {
            if (rnd() < 0.1) await post(hub.url, `/api/windows/${w}/recall`, undefined, tokens[i]);
            if (rnd() < 0.05) await post(hub.url, `/api/windows/${w}/no-show`, undefined, tokens[i]);
            else {
              await post(hub.url, `/api/windows/${w}/start`, undefined, tokens[i]);
              await new Promise((r) => setTimeout(r, 20 + rnd() * 60));
              await post(hub.url, `/api/windows/${w}/finish`, { outcome: 'done' }, tokens[i]);
            }
          } else await new Promise((r) => setTimeout(r, 50));
          if (rnd() < 0.02) {
            await post(hub.url, `/api/windows/${w}/pause`, { reason: 'break', note: '' }, tokens[i]);
            await new Promise((r) => setTimeout(r, 50));
            await post(hub.url, `/api/windows/${w}/resume`, undefined, tokens[i]);
          }
        }
      });
      const chaos = (async () => {
        while (running && Date.now() < end) {
          const s = screens[Math.floor(rnd() * screens.length)]!;
          if (s.socket.connected) {
            s.socket.disconnect();
            setTimeout(() => s.socket.connect(), 50 + rnd() * 400);
          }
          await new Promise((r) => setTimeout(r, 1000 / SOCKETS * 20));
        }
      })();
      const memory = (async () => {
        while (Date.now() < end) {
          rssSamples.push(rss());
          await new Promise((r) => setTimeout(r, realMs / 10));
        }
      })();
      await Promise.all([visitors, ...counters, chaos, memory]);
      running = false;

      for (const s of screens) if (!s.socket.connected) s.socket.connect();
      const journal = readFileSync(join(dataDir, 'journal', '2026-11-23.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HallEvent);
      const last = journal.at(-1)!.seq;
      const deadline = Date.now() + 30_000;
      while (screens.some((s) => s.lastSeq < last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        for (const s of screens) if (s.socket.connected && s.lastSeq < last) void s.sync();
      }
      const want = journal.map((e) => e.seq);
      const types = journal.map((e) => e.type);
      for (const [i, s] of screens.entries()) {
        expect(s.resets, `screen ${i} needed a snapshot`).toBe(0);
        expect(s.seqs, `screen ${i}`).toEqual(want);
        expect(s.types).toEqual(types);
      }
      const growth = rssSamples.at(-1)! - rssSamples[1]!;
      console.log(`soak: ${journal.length} events, ${SOCKETS} screens, RSS ${rssSamples.map((x) => x.toFixed(0)).join(' → ')} MB`);
      expect(journal.filter((e) => e.type === 'TicketIssued').length).toBeGreaterThan(50);
      expect(growth).toBeLessThan(100);
    } finally {
      running = false;
      for (const s of screens) s.socket.close();
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
});
