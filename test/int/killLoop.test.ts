import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { prng } from '../support/busyDay.ts';
import { DEMO_PINS, tempDir } from '../support/hub.ts';
import { pairKiosk, spawnHub } from '../support/process.ts';

/** Rounds of SIGKILL; `HALLHUB_KILL_ROUNDS` raises it for a longer run. */
// The time allowed is generous: a round is a hub process start, which a loaded machine slows.
const ROUNDS = Number(process.env.HALLHUB_KILL_ROUNDS ?? 20);

const json = async (url: string, method: string, body?: unknown, token?: string) => {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe(`SIGKILL at ${ROUNDS} random moments under load`, () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no answered ticket, repeats no number and never calls one ticket at two windows', { timeout: 60_000 + ROUNDS * 20_000 }, async () => {
    const rnd = prng(2026);
    const env = { QUEUE_DATA_DIR: dataDir, QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00' };
    const answered = new Map<string, string>();
    const refusals: unknown[] = [];
    const windows: [string, string][] = [['S01', 'W1'], ['S02', 'W2'], ['S06', 'W6']];
    let kiosk = '';
    for (let round = 0; round < ROUNDS; round++) {
      const hub = await spawnHub(env);
      // The paired kiosk's token is kept in the data dir: pairing once lasts every restart.
      kiosk ||= await pairKiosk(hub.url);
      let alive = true;
      const tokens = await Promise.all(windows.map(async ([s]) => (await json(`${hub.url}/api/auth/login`, 'POST', { staffId: s, pin: DEMO_PINS[s] })).body.token as string));
      await Promise.all(windows.map(([, w], i) => json(`${hub.url}/api/windows/${w}/sign-in`, 'POST', { post: 'A' }, tokens[i])));
      const issuers = Array.from({ length: 4 }, async (_, c) => {
        while (alive) {
          try {
            const r = await json(`${hub.url}/api/tickets`, 'POST', { serviceId: c % 2 ? 'A' : 'E' }, kiosk);
            if (r.status === 201) answered.set(r.body.id, r.body.number);
            else refusals.push(r.body);
          } catch {
            return;
          }
        }
      });
      const counters = windows.map(async ([, w], i) => {
        while (alive) {
          try {
            const r = await json(`${hub.url}/api/windows/${w}/call-next`, 'POST', undefined, tokens[i]);
            if (r.status === 409) await json(`${hub.url}/api/windows/${w}/finish`, 'POST', {}, tokens[i]);
          } catch {
            return;
          }
        }
      });
      // Every round kills a hub that has answered tickets, however slow the machine is today.
      const before = answered.size;
      while (answered.size < before + 6 && refusals.length === 0) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 150 + rnd() * 600));
      hub.child.kill('SIGKILL');
      alive = false;
      await Promise.all([...issuers, ...counters]);
      await hub.exited;
    }

    const last = await spawnHub(env);
    try {
      for (const [id, number] of answered) {
        const r = await json(`${last.url}/api/tickets/${id}`, 'GET');
        expect(r.status, `${number} was answered 201`).toBe(200);
        expect(r.body.number).toBe(number);
      }
    } finally {
      last.child.kill('SIGTERM');
      await last.exited;
    }
    const events: HallEvent[] = readdirSync(join(dataDir, 'journal'))
      .sort()
      .flatMap((f) => readFileSync(join(dataDir, 'journal', f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HallEvent));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const numbers = events.filter((e) => e.type === 'TicketIssued').map((e) => e.data.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // A ticket is held by at most one window at a time.
    const holder = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'TicketCalled') {
        expect(holder.get(e.data.ticketId) ?? e.data.windowId, `${e.data.number} called at two windows`).toBe(e.data.windowId);
        holder.set(e.data.ticketId, e.data.windowId);
      } else if (e.type === 'ServiceFinished' || e.type === 'TicketNoShow' || e.type === 'TicketRequeued' || e.type === 'TicketTransferred') {
        holder.delete(e.data.ticketId);
      } else if (e.type === 'StaffSignedOut') {
        for (const [t, w] of holder) if (w === e.data.windowId) holder.delete(t);
      }
    }
    console.log(`${ROUNDS} kills: ${answered.size} tickets answered, ${events.length} events journaled, all kept`);
    expect(refusals).toEqual([]);
    expect(answered.size).toBeGreaterThan(ROUNDS * 5);
  });
});
