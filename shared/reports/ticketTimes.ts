import type { HallEvent, Outcome } from '../events.ts';
import type { TicketStatus } from '../state.ts';

/**
 * The life of one ticket as the wait-time reports need it, folded from a day's events.
 * Times are epoch ms. The contract's definitions hold here and nowhere else:
 *   wait    = first call − issue (a recall, a requeue or a transfer does not move the first call);
 *   service = finish − the last start before the finish;
 *   a ticket is served in the service whose queue it was in when it finished.
 */
export interface TicketTimes {
  id: string;
  number: string;
  priority: boolean;
  /** The service it was issued for: `issued` counts it there. */
  issuedServiceId: string;
  /** The service it is in now: served, no-show or abandoned are counted here. */
  serviceId: string;
  issuedMs: number;
  /** Local hour of issue (0–23), read from the journaled time, which carries the hall's offset. */
  issuedHour: number;
  calledMs: number | null;
  startedMs: number | null;
  finishedMs: number | null;
  status: TicketStatus;
  outcome: Outcome | null;
  /** Window and staffer of the finish, or of the last call when it never finished. */
  windowId: string | null;
  staffId: string | null;
  /** Services the ticket was moved out of, each once, in the order it left them. */
  transferredFrom: string[];
  /** Services the lobby moved it out of while it waited (二次分流), each once. */
  movedFrom: string[];
  /** A booking's ticket: its slot's start (punctuality is measured from the later of this and the check-in). */
  slotStartMs: number | null;
  recalls: number;
  rating: number | null;
}

/** Folds a business day's events into one row per ticket, in issue order. */
export function ticketTimes(events: Iterable<HallEvent>, opts: { closed?: boolean } = {}): TicketTimes[] {
  const fold = new TicketFold();
  for (const e of events) fold.add(e);
  return fold.rows(opts);
}

/**
 * The same fold, one event at a time: a journal read line by line never holds a day's events
 * at once, only these rows.
 */
export class TicketFold {
  private readonly byId = new Map<string, TicketTimes>();
  private readonly list: TicketTimes[] = [];

  add(e: HallEvent): void {
    const get = (id: string) => this.byId.get(id);
    switch (e.type) {
      case 'TicketIssued': {
        const d = e.data;
        const row: TicketTimes = {
          id: d.ticketId, number: d.number, priority: d.priority, issuedServiceId: d.serviceId, serviceId: d.serviceId,
          issuedMs: Date.parse(e.at), issuedHour: localHour(e.at), calledMs: null, startedMs: null, finishedMs: null,
          status: 'waiting', outcome: null, windowId: null, staffId: null, transferredFrom: [], movedFrom: [], slotStartMs: d.slotStart ? Date.parse(d.slotStart) : null, recalls: 0, rating: null,
        };
        this.byId.set(d.ticketId, row);
        this.list.push(row);
        break;
      }
      case 'TicketCalled': {
        const t = get(e.data.ticketId);
        if (!t) break;
        t.calledMs ??= Date.parse(e.at);
        t.status = 'called';
        t.windowId = e.data.windowId;
        t.staffId = e.data.staffId;
        break;
      }
      case 'TicketRecalled': {
        const t = get(e.data.ticketId);
        if (t) t.recalls += 1;
        break;
      }
      case 'ServiceStarted': {
        const t = get(e.data.ticketId);
        if (!t) break;
        t.startedMs = Date.parse(e.at);
        t.status = 'serving';
        break;
      }
      case 'ServiceFinished': {
        const t = get(e.data.ticketId);
        if (!t) break;
        t.finishedMs = Date.parse(e.at);
        t.status = 'done';
        t.outcome = e.data.outcome;
        t.windowId = e.data.windowId;
        t.staffId = e.data.staffId;
        break;
      }
      case 'TicketNoShow': {
        const t = get(e.data.ticketId);
        if (!t) break;
        t.status = 'no-show';
        t.windowId = e.data.windowId;
        t.staffId = e.data.staffId;
        break;
      }
      case 'TicketTransferred': {
        const t = get(e.data.ticketId);
        if (!t) break;
        if (!t.transferredFrom.includes(t.serviceId)) t.transferredFrom.push(t.serviceId);
        t.serviceId = e.data.toServiceId;
        // Service at the first desk ended with the transfer; only a start after it counts.
        t.startedMs = null;
        t.status = 'waiting';
        break;
      }
      case 'TicketRequeued': {
        const t = get(e.data.ticketId);
        if (t) t.status = 'waiting';
        break;
      }
      case 'TicketRated': {
        const t = get(e.data.ticketId);
        if (t) t.rating = e.data.score;
        break;
      }
      case 'DayClosed': {
        for (const id of e.data.abandonedTicketIds) {
          const t = get(id);
          if (t) t.status = 'abandoned';
        }
        break;
      }
      case 'TicketMoved': {
        const t = get(e.data.ticketId);
        if (!t || e.data.toServiceId === t.serviceId) break;
        if (!t.movedFrom.includes(t.serviceId)) t.movedFrom.push(t.serviceId);
        t.serviceId = e.data.toServiceId;
        break;
      }
      case 'TicketCancelled': {
        const t = get(e.data.ticketId);
        if (t) t.status = 'cancelled';
        break;
      }
      case 'TicketsVoided': {
        for (const id of e.data.ticketIds) {
          const t = get(id);
          if (t) t.status = 'voided';
        }
        break;
      }
      case 'TicketPrioritised':
      case 'ServiceExtended':
      case 'AppointmentBooked':
      case 'AppointmentCancelled':
      case 'AppointmentCheckedIn':
      case 'AppointmentsMissed':
      case 'StaffSignedIn':
      case 'StaffSignedOut':
      case 'WindowPaused':
      case 'WindowResumed':
      case 'TicketKeyReissued':
        break;
      default:
        unreachable(e);
    }
  }

  rows(opts: { closed?: boolean } = {}): TicketTimes[] {
    // A past day whose close was never journaled (the hub was off at midnight): whoever was still
    // in the hall then left without service all the same.
    if (opts.closed) {
      for (const t of this.list) if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') t.status = 'abandoned';
    }
    return this.list;
  }
}

/** "2026-11-23T09:05:00.000+08:00" → 9: the hub writes every time in the hall's zone. */
export function localHour(iso: string): number {
  return (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48);
}

function unreachable(x: never): void {
  void x;
}
