/**
 * The lobby's index of today's tickets, folded from the hall's events: finds a ticket by the
 * number a visitor shows, and lists who waits in a service, in issue order. It only points the way:
 * the ticket itself is always read from the hub before anyone acts on it.
 */

export type IndexStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled' | 'abandoned';

export interface IndexedTicket {
  id: string;
  number: string;
  serviceId: string;
  status: IndexStatus;
  priority: boolean;
  issuedAt: string;
  /** The window only it may call it from, when the lobby pinned it. */
  pinnedWindowId: string | null;
  /** The booking's slot start, for a ticket issued on check-in. */
  slotStart: string | null;
  /** It left its first service (a transfer at a window or a lobby move). */
  moved: boolean;
}

/** The slice of a hall event the index reads: type, time and the data's fields it may carry. */
export interface IndexEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

interface SnapshotTicket {
  id: string;
  number: string;
  serviceId: string;
  status: string;
  priority?: boolean;
  issuedAt?: string;
  pinnedWindowId?: string | null;
  slotStart?: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export class TicketIndex {
  private readonly byId = new Map<string, IndexedTicket>();
  private readonly byNumber = new Map<string, string>();

  /** Starts over from a snapshot (tickets still in play). */
  reset(tickets: readonly SnapshotTicket[] = []): void {
    this.byId.clear();
    this.byNumber.clear();
    for (const t of tickets) {
      const status = (['waiting', 'called', 'serving'].includes(t.status) ? t.status : 'done') as IndexStatus;
      this.put({
        id: t.id, number: t.number, serviceId: t.serviceId, status, priority: !!t.priority, issuedAt: t.issuedAt ?? '',
        pinnedWindowId: t.pinnedWindowId ?? null, slotStart: t.slotStart ?? null, moved: false,
      });
    }
  }

  private put(t: IndexedTicket): void {
    this.byId.set(t.id, t);
    this.byNumber.set(t.number.toUpperCase(), t.id);
  }

  apply(e: IndexEvent): void {
    const d = e.data;
    if (e.type === 'DayClosed') return this.reset();
    if (e.type === 'TicketIssued') {
      const id = str(d.ticketId);
      const number = str(d.number);
      const serviceId = str(d.serviceId);
      if (!id || !number || !serviceId) return;
      this.put({
        id, number, serviceId, status: 'waiting', priority: d.priority === true, issuedAt: e.at,
        pinnedWindowId: null, slotStart: str(d.slotStart), moved: false,
      });
      return;
    }
    const t = this.byId.get(str(d.ticketId) ?? '');
    if (!t) return;
    switch (e.type) {
      case 'TicketCalled':
      case 'TicketRecalled':
        t.status = 'called';
        break;
      case 'ServiceStarted':
        t.status = 'serving';
        break;
      case 'ServiceFinished':
        t.status = 'done';
        break;
      case 'TicketNoShow':
        t.status = 'no-show';
        break;
      case 'TicketRequeued':
        t.status = 'waiting';
        break;
      case 'TicketTransferred':
        t.status = 'waiting';
        t.serviceId = str(d.toServiceId) ?? t.serviceId;
        t.pinnedWindowId = null;
        t.moved = true;
        break;
      case 'TicketMoved': {
        const to = str(d.toServiceId);
        if (to && to !== t.serviceId) t.moved = true;
        t.serviceId = to ?? t.serviceId;
        t.pinnedWindowId = str(d.toWindowId);
        break;
      }
      case 'TicketPrioritised':
        t.priority = true;
        break;
      case 'TicketCancelled':
        t.status = 'cancelled';
        break;
      case 'AppointmentCheckedIn':
        t.slotStart = str(d.start) ?? t.slotStart;
        break;
    }
  }

  /** A ticket of today by its number ("a012", " A012 " and "A12" find A012). */
  find(raw: string): IndexedTicket | null {
    const s = raw.trim().toUpperCase();
    const exact = this.byNumber.get(s);
    if (exact) return this.byId.get(exact) ?? null;
    // People drop the leading zeros they hear: "A12" is A012.
    const m = /^([A-Z]*)(\d+)$/.exec(s);
    if (!m) return null;
    for (const [num, id] of this.byNumber) {
      const n = /^([A-Z]*)(\d+)$/.exec(num);
      if (n && n[1] === m[1] && Number(n[2]) === Number(m[2])) return this.byId.get(id) ?? null;
    }
    return null;
  }

  get(id: string): IndexedTicket | null {
    return this.byId.get(id) ?? null;
  }

  /** Who waits for a service, in issue order. */
  waitingIn(serviceId: string): IndexedTicket[] {
    return [...this.byId.values()]
      .filter((t) => t.status === 'waiting' && t.serviceId === serviceId)
      .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.number.localeCompare(b.number)));
  }

  get size(): number {
    return this.byId.size;
  }
}
