import type { HallState, Ticket, WindowRuntime } from './state.ts';

/**
 * Which waiting ticket a window gets next, at the instant `now`.
 * - Services in the window's order of preference: the first service with anyone waiting wins.
 * - Priority (green channel) tickets of any of the window's services go first, but after
 *   `maxConsecutivePriority` priority calls in a row the window must take a regular ticket if one
 *   waits, so nobody starves.
 * - Within a service: checked-in appointment tickets whose slot has started (by slot start, then
 *   check-in time), then everyone else by original issue time (a transfer or a move keeps it). An
 *   appointment checked in before its slot waits as an ordinary ticket until the slot starts, so
 *   coming early never costs a place.
 * - A ticket pinned to a window by the lobby is called by that window only, in its order.
 */
export function pickNext(
  state: HallState,
  window: WindowRuntime,
  serviceIds: readonly string[],
  maxConsecutivePriority: number,
  now: number,
): Ticket | null {
  const rank = new Map(serviceIds.map((s, i) => [s, i]));
  let bestRegular: Ticket | null = null;
  let bestPriority: Ticket | null = null;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.status !== 'waiting') continue;
    const r = rank.get(t.serviceId);
    if (r === undefined) continue;
    if (t.pinnedWindowId !== null && t.pinnedWindowId !== window.id) continue;
    if (t.priority) {
      if (!bestPriority || before(t, bestPriority, rank, now)) bestPriority = t;
    } else if (!bestRegular || before(t, bestRegular, rank, now)) {
      bestRegular = t;
    }
  }
  if (bestPriority && (window.priorityStreak < maxConsecutivePriority || !bestRegular)) return bestPriority;
  return bestRegular;
}

/** Whether an appointment ticket's slot has started: from then on it goes ahead of walk-ins. */
export const appointmentDue = (t: Ticket, now: number): boolean => t.slotStartMs !== null && t.slotStartMs <= now;

/** The queue order within one service: negative when `a` is called before `b`. */
export function compareInService(a: Ticket, b: Ticket, now: number): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (!a.priority) {
    const da = appointmentDue(a, now);
    const db = appointmentDue(b, now);
    if (da !== db) return da ? -1 : 1;
    if (da && a.slotStartMs !== b.slotStartMs) return a.slotStartMs! - b.slotStartMs!;
  }
  if (a.issuedMs !== b.issuedMs) return a.issuedMs - b.issuedMs;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

function before(a: Ticket, b: Ticket, rank: Map<string, number>, now: number): boolean {
  const ra = rank.get(a.serviceId)!;
  const rb = rank.get(b.serviceId)!;
  if (ra !== rb) return ra < rb;
  return compareInService(a, b, now) < 0;
}

/** The instant a pure view falls back on when the caller has no clock: the last event's time. */
export const stateNow = (state: HallState): number => (state.lastAt ? Date.parse(state.lastAt) : -Infinity);

/**
 * How many tickets of the same service would be called before this one, in the order above
 * (every priority ticket counts ahead of a regular one). A pinned ticket does not count tickets
 * pinned to other windows.
 */
export function aheadOf(state: HallState, ticket: Ticket, now: number = stateNow(state)): number {
  if (ticket.status !== 'waiting') return 0;
  let n = 0;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t === ticket || t.serviceId !== ticket.serviceId || t.status !== 'waiting') continue;
    if (ticket.pinnedWindowId !== null && t.pinnedWindowId !== null && t.pinnedWindowId !== ticket.pinnedWindowId) continue;
    if (compareInService(t, ticket, now) < 0) n++;
  }
  return n;
}

/**
 * People ahead of a ticket as the windows will really call them: for a green-channel ticket, the
 * priority tickets before it and the regular tickets that the `maxConsecutivePriority` rule lets
 * in between them (one after every run of that many priority calls, while regular ones wait).
 */
export function aheadInTurn(state: HallState, ticket: Ticket, maxConsecutivePriority: number, now: number = stateNow(state)): number {
  const ahead = aheadOf(state, ticket, now);
  if (!ticket.priority || ticket.status !== 'waiting' || maxConsecutivePriority < 1) return ahead;
  let regular = 0;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t && t.status === 'waiting' && t.serviceId === ticket.serviceId && !t.priority) regular++;
  }
  return ahead + Math.min(regular, Math.floor(ahead / maxConsecutivePriority));
}

export function waitingCount(state: HallState, serviceId: string): number {
  let n = 0;
  for (const id of state.waiting) if (state.tickets.get(id)?.serviceId === serviceId) n++;
  return n;
}

/**
 * Estimated wait for someone joining behind `ahead` people. Each open window serving the service
 * takes its share; a window busy with a visitor (`busyWindows`) is taken to be half way through
 * them, so the first in line at a busy window is not told "0 minutes" (priority tickets included).
 * Nobody waits while more windows are free than people ahead. An empty hall is assumed to have
 * one window so the estimate stays useful.
 */
export function estimateWaitMin(ahead: number, serviceMin: number, openWindows: number, busyWindows = 0): number {
  const open = Math.max(1, openWindows);
  const busy = Math.min(Math.max(0, busyWindows), open);
  if (ahead < open - busy) return 0;
  return Math.ceil(((ahead + busy / 2) * serviceMin) / open);
}
