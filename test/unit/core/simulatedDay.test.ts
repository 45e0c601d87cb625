import { describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/commands.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { HallEvent } from '../../../shared/events.ts';
import type { HallState, Ticket } from '../../../shared/state.ts';
import {
  at, callNext, closeDay, DAY, finish, issue, noShow, pause, recall, Replay, resume, signIn, signOut, spec, specHall, start, transfer,
} from '../../support/spec.ts';
// mulberry32 from the simulator: a seeded PRNG, so each simulated day is the same on every run.
import { prng } from '../../../tools/sim/random.ts';

const cap = specHall.hall.priorityMaxConsecutive;
const posts: Record<string, [string, string]> = { W1: ['S01', 'S02'], W2: ['S03', 'S04'], W3: ['S05', 'S02'], W4: ['S06', 'S04'] };
const prefs = new Map(specHall.windows.map((w) => [w.id, w.serviceIds]));

/** The order a window must call in, worked out here from the rules rather than by the queue policy. */
function mayBeCalled(state: HallState, windowId: string, t: Ticket): string | null {
  const order = prefs.get(windowId)!;
  const rank = (x: Ticket) => order.indexOf(x.serviceId);
  if (rank(t) < 0) return `${t.number} is not served at ${windowId}`;
  const waiting = [...state.tickets.values()].filter((x) => x.status === 'waiting' && rank(x) >= 0);
  const before = (x: Ticket) => rank(x) < rank(t) || (rank(x) === rank(t) && x.issuedMs < t.issuedMs);
  const regular = waiting.filter((x) => !x.priority);
  const priority = waiting.filter((x) => x.priority);
  const streak = state.windows.get(windowId)!.priorityStreak;
  if (t.priority) {
    if (priority.some(before)) return `${t.number} called before an earlier priority ticket`;
    if (streak >= cap && regular.length) return `${t.number} is priority call ${streak + 1} in a row while regular tickets wait`;
  } else {
    if (regular.some(before)) return `${t.number} called before an earlier regular ticket (FIFO by preference)`;
    if (priority.length && streak < cap) return `${t.number} called while a priority ticket waits`;
  }
  return null;
}

/** Checks the events appended since the last check, then the whole state. */
function invariants() {
  let checked = 0;
  const numbers = new Set<string>();
  return (state: HallState, events: readonly HallEvent[]): void => {
    for (; checked < events.length; checked++) {
      const e = events[checked]!;
      // seq is gap-free from 1.
      if (e.seq !== checked + 1) expect.fail(`seq ${e.seq} at position ${checked + 1}`);
      // A number is issued once per business day.
      if (e.type === 'TicketIssued') {
        const key = `${e.data.businessDay} ${e.data.number}`;
        if (numbers.has(key)) expect.fail(`${key} issued twice`);
        numbers.add(key);
      }
    }
    expect(state.seq).toBe(events.length);
    checkState(state);
  };
}

function checkState(state: HallState): void {
  // Each called or serving ticket is at exactly one window, and each window holds at most one, in hand.
  const held = new Map<string, string>();
  for (const w of state.windows.values()) {
    if (w.state === 'closed') expect(w.staffId).toBeNull();
    if (!w.currentTicketId) continue;
    expect(w.state).toBe('open');
    expect(held.has(w.currentTicketId), `${w.currentTicketId} held at two windows`).toBe(false);
    held.set(w.currentTicketId, w.id);
  }
  // Plain checks in the loops (expect per ticket per step made a day CPU-bound for many seconds).
  for (const t of state.tickets.values()) {
    const inHand = t.status === 'called' || t.status === 'serving';
    if (held.get(t.id) !== (inHand ? t.windowId : undefined)) expect.fail(`${t.number} ${t.status} held at ${held.get(t.id)}`);
    if (state.waiting.has(t.id) !== (t.status === 'waiting')) expect.fail(`${t.number} ${t.status} ${state.waiting.has(t.id) ? 'in' : 'not in'} the waiting set`);
  }
  for (const [staffId, windowId] of state.staffWindow) expect(state.windows.get(windowId)?.staffId).toBe(staffId);
}

interface DayFigures { issued: number; served: number; noShow: number; transfers: number; requeued: number; takeovers: number; refusals: Map<string, number>; priorityCalls: number; capped: number; }

/** One day of ~`tickets` visitors over four windows, driven through decide and evolve only. */
function simulateDay(seed: number, tickets: number) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const replay = new Replay();
  const { state } = replay;
  const figures: DayFigures = { issued: 0, served: 0, noShow: 0, transfers: 0, requeued: 0, takeovers: 0, refusals: new Map(), priorityCalls: 0, capped: 0 };
  const calledOnce = new Set<string>();
  const check = invariants();
  let now = at('08:00');
  let n = 0;

  /** Runs a command; a refusal is counted and must leave the state as it was. */
  const step = (command: Command): HallEvent[] => {
    const seq = state.seq;
    try {
      return replay.run(command);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      figures.refusals.set(err.code, (figures.refusals.get(err.code) ?? 0) + 1);
      expect(state.seq).toBe(seq);
      return [];
    }
  };

  while (now < at('17:30')) {
    now += Math.floor(rnd() * 50_000);
    if (figures.issued < tickets && rnd() < 0.2) {
      const serviceId = pick(['A', 'A', 'A', 'B', 'B', 'C', 'D', 'D', 'X']);
      // A third priority: a busy green channel, so runs of priority calls meet the cap.
      figures.issued += step(issue(`t${++n}`, serviceId, now, rnd() < 0.35)).length;
      check(state, replay.events);
      continue;
    }
    const windowId = pick(['W1', 'W2', 'W3', 'W4']);
    const w = state.windows.get(windowId)!;
    const [postA, postB] = posts[windowId]!;
    const staff = w.staffId;
    const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    const r = rnd();
    let command: Command;
    if (!staff) {
      const who = r < 0.7 ? postA : postB;
      command = signIn(windowId, who, who === postA ? 'A' : 'B', now);
    } else if (w.state === 'paused') {
      command = r < 0.6 ? resume(windowId, staff, now) : signIn(windowId, staff === postA ? postB : postA, staff === postA ? 'B' : 'A', now);
    } else if (current?.status === 'called') {
      if (r < 0.55) command = start(windowId, staff, now);
      else if (r < 0.65) command = recall(windowId, staff, now);
      else if (r < 0.75) command = noShow(windowId, staff, now);
      else if (r < 0.82) command = transfer(windowId, staff, pick(['A', 'B', 'C', 'D']), '分流', now);
      else if (r < 0.87) command = signOut(windowId, staff, now);
      else command = finish(windowId, staff, 'done', now);
    } else if (current?.status === 'serving') {
      if (r < 0.85) command = finish(windowId, staff, pick(['done', 'done', 'done', 'one-time-notice', 'not-accepted']), now);
      else if (r < 0.95) command = transfer(windowId, staff, pick(['A', 'B', 'C', 'D']), '首问转办', now);
      else command = signOut(windowId, staff, now);
    } else if (r < 0.85) {
      command = callNext(windowId, staff, now);
    } else if (r < 0.95) {
      command = pause(windowId, staff, pick(['break', 'meeting', 'errand']), '稍后回来', null, now);
    } else {
      command = signOut(windowId, staff, now);
    }
    const before = command.type === 'CallNext' ? snapshotWaiting(state) : null;
    const produced = step(command);
    for (const e of produced) {
      if (e.type === 'TicketCalled') {
        const t = before!.copy(e.data.ticketId);
        expect(mayBeCalled(before!.state, windowId, t)).toBeNull();
        calledOnce.add(e.data.ticketId);
        if (t.priority) figures.priorityCalls++;
        // The cap decided this call: a regular ticket although a priority one waits for this window.
        else if (before!.state.windows.get(windowId)!.priorityStreak >= cap && waitingPriority(before!.state, windowId)) figures.capped++;
      }
      if (e.type === 'ServiceFinished') {
        expect(calledOnce.has(e.data.ticketId), `${e.data.number} finished without a call`).toBe(true);
        figures.served++;
      }
      if (e.type === 'TicketNoShow') figures.noShow++;
      if (e.type === 'TicketTransferred') figures.transfers++;
      if (e.type === 'TicketRequeued') figures.requeued++;
      if (e.type === 'StaffSignedIn' && e.data.takeoverFrom) figures.takeovers++;
    }
    check(state, replay.events);
  }
  return { replay, figures, check };
}

function waitingPriority(state: HallState, windowId: string): boolean {
  const order = prefs.get(windowId)!;
  return [...state.tickets.values()].some((x) => x.status === 'waiting' && x.priority && order.includes(x.serviceId));
}

/** The waiting tickets and streaks as they were before a call, for checking the choice after it. */
function snapshotWaiting(state: HallState) {
  const tickets = new Map([...state.tickets].map(([id, t]) => [id, { ...t }]));
  const windows = new Map([...state.windows].map(([id, w]) => [id, { ...w }]));
  const copy: HallState = { ...state, tickets, windows, waiting: new Set(state.waiting) };
  return { state: copy, copy: (id: string) => tickets.get(id)! };
}

describe('a whole simulated day through decide and evolve', () => {
  for (const seed of [1, 2026, 90210]) {
    it(`keeps every invariant after every step (seed ${seed})`, () => {
      const { replay, figures, check } = simulateDay(seed, 200);
      const { state } = replay;
      // The day was a real one: many visitors, most served, and the rarer paths taken too.
      expect(figures.issued).toBeGreaterThanOrEqual(180);
      expect(figures.served).toBeGreaterThanOrEqual(140);
      for (const k of ['noShow', 'transfers', 'requeued', 'takeovers'] as const) expect(figures[k], k).toBeGreaterThan(0);
      // The green channel was busy enough that the cap on priority calls in a row decided calls.
      expect(figures.priorityCalls).toBeGreaterThan(10);
      expect(figures.capped, 'calls decided by the priority cap').toBeGreaterThan(0);
      for (const code of ['UNKNOWN_SERVICE', 'SERVICE_FULL', 'SERVICE_CUT_OFF', 'PRIORITY_NOT_OFFERED', 'QUEUE_EMPTY', 'TICKET_IN_SERVICE']) {
        expect(figures.refusals.get(code), code).toBeGreaterThan(0);
      }
      expect([...state.tickets.values()].filter((t) => t.serviceId === 'C' || t.issuedServiceId === 'C').length).toBeGreaterThanOrEqual(3);
      expect(state.issuedPerService.get('C')).toBe(3);

      replay.run(closeDay(DAY, at('00:00', '2026-11-24')));
      check(state, replay.events);
      // Whoever was called or in service at midnight stays at that window, signed in; everyone else is out.
      for (const t of state.tickets.values()) expect(['done', 'no-show', 'abandoned', 'called', 'serving']).toContain(t.status);
      const inHand = [...state.windows.values()].filter((w) => w.currentTicketId !== null);
      for (const w of inHand) expect(['called', 'serving']).toContain(state.tickets.get(w.currentTicketId!)?.status);
      expect(state.staffWindow.size).toBe(inHand.length);
      expect([...state.tickets.values()].filter((t) => t.status === 'called' || t.status === 'serving').length).toBe(inHand.length);
      const issuedToday = replay.events.filter((e) => e.type === 'TicketIssued').length;
      expect(state.tickets.size).toBe(issuedToday);
    });
  }
});

describe('the checks the simulated day relies on', () => {
  it('catch a call out of order, a number issued twice, a seq gap and a ticket at two windows', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), issue('p1', 'B', at('08:02'), true),
      signIn('W1', 'S01', 'A', at('08:03')), signIn('W2', 'S03', 'A', at('08:03')),
    );
    const t = (id: string) => r.state.tickets.get(id)!;
    expect(mayBeCalled(r.state, 'W1', t('a2'))).toMatch(/earlier regular/);
    expect(mayBeCalled(r.state, 'W1', t('a1'))).toMatch(/priority ticket waits/);
    expect(mayBeCalled(r.state, 'W3', t('a1'))).toMatch(/not served/);
    expect(mayBeCalled(r.state, 'W1', t('p1'))).toBeNull();

    const check = invariants();
    check(r.state, r.events);
    const copy = r.events[0]!;
    expect(() => invariants()(r.state, [...r.events, { ...copy, seq: r.events.length + 1 }])).toThrow(/issued twice/);
    expect(() => invariants()(r.state, [copy, ...r.events.slice(2)])).toThrow(/seq/);
    r.run(callNext('W1', 'S01', at('08:04')));
    r.state.windows.get('W2')!.currentTicketId = r.state.windows.get('W1')!.currentTicketId;
    expect(() => check(r.state, r.events)).toThrow(/two windows/);
  });
});
