import type { HallState } from '../../shared/state.ts';

export interface WaitingNow {
  /** Visitors holding a ticket that nobody has called yet. */
  waitingNow: number;
  /** Whole minutes the longest of them has waited since taking the ticket; null when nobody waits. */
  longestWaitingMin: number | null;
}

/**
 * Who is still waiting on the open day, per service (the queue the ticket is in now) and in
 * total. A report of served tickets alone reads "0:00, 100% within target" while four visitors
 * have waited 80 minutes: these figures are shown before it.
 */
export function waitingNow(state: HallState, serviceIds: readonly string[], now: number): { services: Map<string, WaitingNow>; total: WaitingNow } {
  const services = new Map<string, WaitingNow>(serviceIds.map((id) => [id, { waitingNow: 0, longestWaitingMin: null }]));
  const total: WaitingNow = { waitingNow: 0, longestWaitingMin: null };
  const add = (f: WaitingNow, min: number) => {
    f.waitingNow++;
    f.longestWaitingMin = Math.max(f.longestWaitingMin ?? 0, min);
  };
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.status !== 'waiting') continue;
    const min = Math.max(0, Math.floor((now - t.issuedMs) / 60_000));
    let f = services.get(t.serviceId);
    if (!f) services.set(t.serviceId, (f = { waitingNow: 0, longestWaitingMin: null }));
    add(f, min);
    add(total, min);
  }
  return { services, total };
}
