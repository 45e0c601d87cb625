import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { prng } from '../support/busyDay.ts';
import { DEMO_PINS, tempDir } from '../support/hub.ts';
import { pairKiosk, spawnHub } from '../support/process.ts';

/**
 * A fixed amount of hall work (tickets issued, called, served, some recalled, no-shows and pauses)
 * while screens drop and reconnect at random. It asserts what must hold at any machine speed:
 * every answered ticket is in the journal and was dealt with, every screen saw the journal's
 * gap-free sequence without a reset, and memory grows by a bounded amount per event. How fast it
 * went is `npm run bench`'s business. `HALLHUB_SOAK_FULL=1` runs 500 sockets and 3,000 tickets.
 */
const FULL = process.env.HALLHUB_SOAK_FULL === '1';
const SOCKETS = FULL ? 500 : 100;
const TICKETS = FULL ? 3000 : 300;
// Slow enough that even a very slow run stays inside the morning's opening hours (08:00–12:00).
const SPEED = 10;

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

describe(`soak: ${TICKETS} tickets with ${SOCKETS} screens dropping and reconnecting`, () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses nothing and leaves every screen with the journal\'s gap-free sequence and bounded memory', { timeout: FULL ? 600_000 : 240_000 }, async () => {
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
      const kiosk = await pairKiosk(hub.url);
      const rssSamples: number[] = [rss()];
      const issued: string[] = [];
      const refused: unknown[] = [];
      let visitorsDone = false;

      const visitors = (async () => {
        for (let n = 0; n < TICKETS; n++) {
          const r = await post(hub.url, '/api/tickets', { serviceId: ['A', 'B', 'C', 'E'][Math.floor(rnd() * 4)], priority: rnd() < 0.05 }, kiosk);
          if (r.status === 201) issued.push(r.body.id);
          else refused.push(r.body);
          if (rnd() < 0.3) await new Promise((r) => setTimeout(r, rnd() * 20));
        }
        visitorsDone = true;
      })();
      // Each window calls until the visitors are done and its queue is empty.
      const counters = staff.map(async ([, w], i) => {
        for (;;) {
          const c = await post(hub.url, `/api/windows/${w}/call-next`, undefined, tokens[i]);
          if (c.status === 200) {
            if (rnd() < 0.1) await post(hub.url, `/api/windows/${w}/recall`, undefined, tokens[i]);
            if (rnd() < 0.05) await post(hub.url, `/api/windows/${w}/no-show`, undefined, tokens[i]);
            else {
              await post(hub.url, `/api/windows/${w}/start`, undefined, tokens[i]);
              await post(hub.url, `/api/windows/${w}/finish`, { outcome: 'done' }, tokens[i]);
            }
          } else if (visitorsDone) return;
          else await new Promise((r) => setTimeout(r, 20));
          if (rnd() < 0.02) {
            await post(hub.url, `/api/windows/${w}/pause`, { reason: 'break', note: '' }, tokens[i]);
            await post(hub.url, `/api/windows/${w}/resume`, undefined, tokens[i]);
          }
        }
      });
      const chaos = (async () => {
        while (running) {
          const s = screens[Math.floor(rnd() * screens.length)]!;
          if (s.socket.connected) {
            s.socket.disconnect();
            setTimeout(() => s.socket.connect(), 50 + rnd() * 400);
          }
          await new Promise((r) => setTimeout(r, 1000 / SOCKETS * 20));
        }
      })();
      const memory = (async () => {
        while (running) {
          rssSamples.push(rss());
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      await Promise.all([visitors, ...counters]);
      running = false;
      await Promise.all([chaos, memory]);
      rssSamples.push(rss());

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
      // Nothing lost: every ticket the hub answered is in the journal and was called and ended.
      expect(refused).toEqual([]);
      expect(issued).toHaveLength(TICKETS);
      const inJournal = new Set(journal.filter((e) => e.type === 'TicketIssued').map((e) => (e.data as { ticketId: string }).ticketId));
      expect(issued.filter((id) => !inJournal.has(id))).toEqual([]);
      const ended = new Set(journal.filter((e) => e.type === 'ServiceFinished' || e.type === 'TicketNoShow').map((e) => (e.data as { ticketId: string }).ticketId));
      expect(issued.filter((id) => !ended.has(id))).toEqual([]);
      // Bounded memory: after the first sample (heap warm-up), growth stays under a fixed allowance
      // for the garbage collector's slack plus 16 KB per event (a ticket's state is well under 2 KB).
      const growth = Math.max(...rssSamples.slice(1)) - rssSamples[1]!;
      console.log(`soak: ${journal.length} events, ${SOCKETS} screens, RSS ${rssSamples[1]!.toFixed(0)} → peak ${Math.max(...rssSamples).toFixed(0)} → ${rssSamples.at(-1)!.toFixed(0)} MB`);
      expect(growth).toBeLessThan(48 + (journal.length * 16) / 1024);
    } finally {
      running = false;
      for (const s of screens) s.socket.close();
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
});
