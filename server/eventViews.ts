import type { StaffRole } from '../shared/config.ts';
import type { HallEvent } from '../shared/events.ts';

/**
 * What each kind of socket sees of an event. Tokenless sockets (wall displays, kiosks, phones,
 * pads) get a **public view**: per event type, an allow-list of fields — numbers, windows, who is
 * on duty, pause notices (去向留言 is public by rule). Free text typed about a visitor (transfer
 * and move reasons, complaint text), booking names and phones, and who issued a ticket never reach
 * them. A type missing from the list goes out with empty data, so a new event cannot leak by
 * default, and `seq` stays gap-free for every screen.
 *
 * Staff sockets also see reasons (the next window reads why a visitor was sent); managers see
 * everything but secrets. Secrets (a ticket's key hash, a booking's code) reach no socket.
 */
export type Audience = 'public' | 'staff' | 'manager';

const TICKET = ['ticketId', 'number', 'serviceId'] as const;
const AT_WINDOW = ['windowId', 'staffId'] as const;

/** Public fields per event type. */
const PUBLIC: Record<string, readonly string[]> = {
  TicketIssued: [...TICKET, 'priority', 'businessDay', 'appointmentId', 'slotStart'],
  TicketCalled: [...TICKET, ...AT_WINDOW, 'windowNumber', 'post'],
  TicketRecalled: [...TICKET, ...AT_WINDOW, 'windowNumber'],
  ServiceStarted: [...TICKET, ...AT_WINDOW],
  ServiceFinished: [...TICKET, ...AT_WINDOW, 'outcome'],
  TicketNoShow: [...TICKET, ...AT_WINDOW],
  TicketTransferred: [...TICKET, ...AT_WINDOW, 'toServiceId'],
  TicketRequeued: [...TICKET, ...AT_WINDOW],
  TicketRated: ['ticketId', 'number', 'score', ...AT_WINDOW],
  StaffSignedIn: [...AT_WINDOW, 'windowNumber', 'staffName', 'post', 'takeoverFrom'],
  StaffSignedOut: [...AT_WINDOW, 'reason'],
  WindowPaused: [...AT_WINDOW, 'reason', 'note', 'expectedBackAt'],
  WindowResumed: [...AT_WINDOW],
  DayClosed: ['businessDay', 'abandonedTicketIds', 'heldTicketIds', 'finishedTicketIds'],
  TicketsVoided: ['ticketIds', 'numbers'],
  TicketKeyReissued: [...TICKET],
  TicketMoved: [...TICKET, 'toServiceId', 'toWindowId'],
  TicketPrioritised: [...TICKET],
  TicketCancelled: [...TICKET],
  ServiceExtended: ['serviceId', 'businessDay', 'until'],
  AppointmentBooked: ['appointmentId', 'serviceId', 'date', 'start', 'end'],
  AppointmentCancelled: ['appointmentId', 'serviceId', 'start'],
  AppointmentCheckedIn: ['appointmentId', 'serviceId', 'start', 'ticketId', 'number'],
  AppointmentsMissed: ['businessDay', 'appointmentIds'],
};

/** What staff and lobby sockets see beyond the public view. Booking phones and names stay out. */
const STAFF_EXTRA: Record<string, readonly string[]> = {
  TicketTransferred: ['reason'],
  TicketMoved: ['by', 'reason'],
  TicketPrioritised: ['by', 'reason'],
  TicketCancelled: ['by', 'reason'],
  ServiceExtended: ['by', 'reason'],
  AppointmentCancelled: ['by', 'reason'],
  TicketsVoided: ['reason', 'by'],
};

/** Never on any socket: proofs a visitor holds. */
const SECRET = new Set(['keyHash', 'key', 'code']);

function pick(data: Record<string, unknown>, fields: readonly string[], extra: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of [...fields, ...extra]) if (Object.hasOwn(data, f)) out[f] = data[f];
  return out;
}

/** The event as an audience may see it; never mutates the journaled event. */
export function eventFor(audience: Audience, e: HallEvent): HallEvent {
  const data = (e.data ?? {}) as Record<string, unknown>;
  let shown: Record<string, unknown>;
  if (audience === 'manager') {
    shown = {};
    for (const [k, v] of Object.entries(data)) if (!SECRET.has(k)) shown[k] = v;
  } else {
    const fields = Object.hasOwn(PUBLIC, e.type) ? PUBLIC[e.type]! : [];
    shown = pick(data, fields, audience === 'staff' && Object.hasOwn(STAFF_EXTRA, e.type) ? STAFF_EXTRA[e.type] : []);
  }
  return { seq: e.seq, type: e.type, at: e.at, data: shown } as HallEvent;
}

/** The public view: what a socket without a staff token gets. */
export const publicEvent = (e: HallEvent): HallEvent => eventFor('public', e);

export function audienceOf(role: StaffRole | null | undefined): Audience {
  if (role === 'manager') return 'manager';
  return role ? 'staff' : 'public';
}
