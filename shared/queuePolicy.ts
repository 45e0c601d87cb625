import type { HallState, Ticket, WindowRuntime } from './state.ts';

/**
 * Which waiting ticket a window gets next.
 * - Services in the window's order of preference: the first service with anyone waiting wins.
 * - Within it, first come first served by the original issue time (a transfer keeps it).
 * - Priority (green channel) tickets of any of the window's services go first, but after
 *   `maxConsecutivePriority` priority calls in a row the window must take a regular ticket if one
 *   waits, so nobody starves.
 */
export function pickNext(
  state: HallState,
  window: WindowRuntime,
  serviceIds: readonly string[],
  maxConsecutivePriority: number,
): Ticket | null {
  const rank = new Map(serviceIds.map((s, i) => [s, i]));
  let bestRegular: Ticket | null = null;
  let bestPriority: Ticket | null = null;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.status !== 'waiting') continue;
    const r = rank.get(t.serviceId);
    if (r === undefined) continue;
    if (t.priority) {
      if (!bestPriority || before(t, bestPriority, rank)) bestPriority = t;
    } else if (!bestRegular || before(t, bestRegular, rank)) {
      bestRegular = t;
    }
  }
  if (bestPriority && (window.priorityStreak < maxConsecutivePriority || !bestRegular)) return bestPriority;
  return bestRegular;
}

function before(a: Ticket, b: Ticket, rank: Map<string, number>): boolean {
  const ra = rank.get(a.serviceId)!;
  const rb = rank.get(b.serviceId)!;
  if (ra !== rb) return ra < rb;
  if (a.issuedMs !== b.issuedMs) return a.issuedMs < b.issuedMs;
  return a.number < b.number;
}

/**
 * How many tickets of the same service would be called before this one: earlier regular tickets,
 * and every priority ticket when this one is regular.
 */
export function aheadOf(state: HallState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  let n = 0;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t === ticket || t.serviceId !== ticket.serviceId || t.status !== 'waiting') continue;
    if (t.priority && !ticket.priority) n++;
    else if (t.priority === ticket.priority && (t.issuedMs < ticket.issuedMs || (t.issuedMs === ticket.issuedMs && t.number < ticket.number))) n++;
  }
  return n;
}

export function waitingCount(state: HallState, serviceId: string): number {
  let n = 0;
  for (const id of state.waiting) if (state.tickets.get(id)?.serviceId === serviceId) n++;
  return n;
}

/**
 * Estimated wait for someone joining behind `ahead` people: each open window that serves the
 * service takes its share; an empty hall is assumed to have one window so the estimate stays useful.
 */
export function estimateWaitMin(ahead: number, serviceMin: number, openWindows: number): number {
  return Math.ceil((ahead * serviceMin) / Math.max(1, openWindows));
}
