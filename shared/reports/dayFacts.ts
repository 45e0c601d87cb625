import type { HallEvent } from '../events.ts';

/**
 * What a day's queue looked like over time, beyond single tickets: the longest queue of each
 * service, and for each window how long it was open, paused, and open but idle while tickets it
 * could serve were waiting (a staffer who does not press "call next"). Folded in one sweep over
 * the events: between two events nothing changes, so each interval is charged to whatever held
 * during it.
 */
export interface QueuePeak {
  /** Most tickets waiting at once (called or serving ones are not waiting). */
  max: number;
  /** When that peak was first reached, epoch ms. */
  atMs: number | null;
}

export interface WindowTime {
  /** Signed in and not paused. */
  openMs: number;
  pausedMs: number;
  /** Open, no called or serving ticket, and a ticket of one of its services waiting. */
  idleQueuedMs: number;
}

export interface DayFacts {
  queues: Record<string, QueuePeak>;
  windows: Record<string, WindowTime>;
  /** The same idle time, charged to whoever was signed in at the window. */
  staffIdleQueuedMs: Record<string, number>;
}

interface WindowNow {
  staffId: string | null;
  paused: boolean;
  current: string | null;
}

/**
 * `serves` maps each window to the services it calls (the hall's config). `endMs` closes the
 * last interval of a day still open (now); a closed day ends at its last event.
 */
export function dayFacts(events: Iterable<HallEvent>, serves: Record<string, readonly string[]>, endMs?: number): DayFacts {
  const fold = dayFactsFold(serves);
  for (const e of events) fold.add(e);
  return fold.finish(endMs);
}

/** The same sweep, one event at a time, for a journal read line by line. */
export function dayFactsFold(serves: Record<string, readonly string[]>): { add(e: HallEvent): void; finish(endMs?: number): DayFacts } {
  const waitingIn = new Map<string, number>();
  const ticketService = new Map<string, string>();
  const waitingTickets = new Set<string>();
  const win = new Map<string, WindowNow>();
  const facts: DayFacts = { queues: {}, windows: {}, staffIdleQueuedMs: {} };
  const windowOf = (id: string) => {
    let w = win.get(id);
    if (!w) {
      w = { staffId: null, paused: false, current: null };
      win.set(id, w);
      facts.windows[id] ??= { openMs: 0, pausedMs: 0, idleQueuedMs: 0 };
    }
    return w;
  };
  for (const id of Object.keys(serves)) windowOf(id);
  const bump = (service: string, by: number, at: number) => {
    const n = (waitingIn.get(service) ?? 0) + by;
    waitingIn.set(service, n);
    const peak = (facts.queues[service] ??= { max: 0, atMs: null });
    if (n > peak.max) {
      peak.max = n;
      peak.atMs = at;
    }
  };
  const join = (ticketId: string, service: string, at: number) => {
    ticketService.set(ticketId, service);
    if (!waitingTickets.has(ticketId)) {
      waitingTickets.add(ticketId);
      bump(service, 1, at);
    }
  };
  const leave = (ticketId: string, at: number) => {
    if (waitingTickets.delete(ticketId)) bump(ticketService.get(ticketId)!, -1, at);
  };

  let last: number | null = null;
  const charge = (until: number) => {
    if (last === null || until <= last) return;
    const dt = until - last;
    for (const [id, w] of win) {
      if (!w.staffId) continue;
      const f = facts.windows[id]!;
      if (w.paused) {
        f.pausedMs += dt;
        continue;
      }
      f.openMs += dt;
      if (w.current === null && (serves[id] ?? []).some((s) => (waitingIn.get(s) ?? 0) > 0)) {
        f.idleQueuedMs += dt;
        facts.staffIdleQueuedMs[w.staffId] = (facts.staffIdleQueuedMs[w.staffId] ?? 0) + dt;
      }
    }
  };

  const add = (e: HallEvent) => {
    const at = Date.parse(e.at);
    charge(at);
    if (last === null || at > last) last = at;
    switch (e.type) {
      case 'TicketIssued':
        join(e.data.ticketId, e.data.serviceId, at);
        break;
      case 'TicketCalled':
        leave(e.data.ticketId, at);
        windowOf(e.data.windowId).current = e.data.ticketId;
        break;
      case 'TicketTransferred':
        windowOf(e.data.windowId).current = null;
        join(e.data.ticketId, e.data.toServiceId, at);
        break;
      case 'TicketRequeued':
        windowOf(e.data.windowId).current = null;
        join(e.data.ticketId, e.data.serviceId, at);
        break;
      case 'ServiceFinished':
      case 'TicketNoShow':
        windowOf(e.data.windowId).current = null;
        break;
      case 'StaffSignedIn':
        Object.assign(windowOf(e.data.windowId), { staffId: e.data.staffId, paused: false });
        break;
      case 'StaffSignedOut':
        Object.assign(windowOf(e.data.windowId), { staffId: null, paused: false, current: null });
        break;
      case 'WindowPaused':
        windowOf(e.data.windowId).paused = true;
        break;
      case 'WindowResumed':
        windowOf(e.data.windowId).paused = false;
        break;
      case 'TicketsVoided':
        for (const id of e.data.ticketIds) leave(id, at);
        break;
      case 'DayClosed':
        for (const w of win.values()) Object.assign(w, { staffId: null, paused: false, current: null });
        for (const id of [...waitingTickets]) leave(id, at);
        break;
      default:
        break;
    }
  };
  return {
    add,
    finish(endMs?: number) {
      if (endMs !== undefined) charge(endMs);
      return facts;
    },
  };
}
