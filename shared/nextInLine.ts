import { pickNext, stateNow } from './queuePolicy.ts';
import type { HallState, Ticket, WindowRuntime } from './state.ts';

/**
 * The tickets a window would call next, in the order it would call them, if nobody else called
 * first: `pickNext` applied again and again, each pick taken out of a copy of the waiting set and
 * the window's run of priority calls carried along. Reusing `pickNext` keeps the counter's preview
 * the same as the real call order, whatever the policy becomes.
 */
export function nextInLine(
  state: HallState,
  window: WindowRuntime,
  serviceIds: readonly string[],
  maxConsecutivePriority: number,
  limit: number,
  now: number = stateNow(state),
): Ticket[] {
  const waiting = new Set(state.waiting);
  const view: HallState = { ...state, waiting };
  let streak = window.priorityStreak;
  const out: Ticket[] = [];
  while (out.length < limit) {
    const t = pickNext(view, { ...window, priorityStreak: streak }, serviceIds, maxConsecutivePriority, now);
    if (!t) break;
    out.push(t);
    waiting.delete(t.id);
    streak = t.priority ? streak + 1 : 0;
  }
  return out;
}

/**
 * How many waiting tickets a window with these services could be given; with `windowId`, tickets
 * the lobby pinned to other windows are not counted.
 */
export function waitingFor(state: HallState, serviceIds: readonly string[], windowId?: string): number {
  const mine = new Set(serviceIds);
  let n = 0;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.status !== 'waiting' || !mine.has(t.serviceId)) continue;
    if (windowId !== undefined && t.pinnedWindowId !== null && t.pinnedWindowId !== windowId) continue;
    n++;
  }
  return n;
}
