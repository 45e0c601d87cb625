/**
 * Events of the lobby (二次分流, 延时服务) and of appointments (预约). Every departure from first
 * come, first served names who did it (`by`: a staff id, or "visitor" when the ticket's key or the
 * booking's code was shown) and why (`reason`), so the record can answer for it (三个一样).
 */

/** A staff id, or "visitor" for the ticket's holder (key) or the booker (code). */
export type Actor = string;
export const VISITOR: Actor = 'visitor';

interface OfTicket {
  ticketId: string;
  number: string;
  serviceId: string;
}

/** What a booking holds; `phone` and `name` are personal and never public. */
export interface BookingData {
  appointmentId: string;
  /** Six digits the booker shows at the kiosk; secret like a key. */
  code: string;
  serviceId: string;
  /** The slot's local date, start and end (ISO 8601 with the hall's offset). */
  date: string;
  start: string;
  end: string;
  phone: string;
  name: string;
  by: Actor;
}

export type LobbyEventBody =
  /**
   * A waiting ticket moved to another service (keeping its issue time) and/or pinned to one
   * window (only that window calls it). `toWindowId` null: not pinned (a move clears a pin).
   */
  | { type: 'TicketMoved'; data: OfTicket & { toServiceId: string; toWindowId: string | null; by: Actor; reason: string } }
  /** A waiting ticket joins the green channel, on the lobby's word. */
  | { type: 'TicketPrioritised'; data: OfTicket & { by: Actor; reason: string } }
  /** A waiting ticket leaves the queue: the visitor gave up, or the lobby took it out. */
  | { type: 'TicketCancelled'; data: OfTicket & { by: Actor; reason: string } }
  /** 延时服务: today the service keeps issuing until `until` (local HH:MM), past its cut-off. */
  | { type: 'ServiceExtended'; data: { serviceId: string; businessDay: string; until: string; by: Actor; reason: string } }
  | { type: 'AppointmentBooked'; data: BookingData }
  | { type: 'AppointmentCancelled'; data: { appointmentId: string; serviceId: string; start: string; by: Actor; reason: string } }
  /** The booker arrived: a ticket (issued by the TicketIssued just before) stands for the booking. */
  | { type: 'AppointmentCheckedIn'; data: { appointmentId: string; serviceId: string; start: string; ticketId: string; number: string } }
  /** At a day's close: these bookings were never checked in. */
  | { type: 'AppointmentsMissed'; data: { businessDay: string; appointmentIds: string[] } };

export type LobbyEventType = LobbyEventBody['type'];

export const LOBBY_EVENT_TYPES: readonly LobbyEventType[] = [
  'TicketMoved', 'TicketPrioritised', 'TicketCancelled', 'ServiceExtended',
  'AppointmentBooked', 'AppointmentCancelled', 'AppointmentCheckedIn', 'AppointmentsMissed',
];

/** Appointment events outlive the day they were journaled in: bookings span days. */
export const APPOINTMENT_EVENT_TYPES: readonly LobbyEventType[] = [
  'AppointmentBooked', 'AppointmentCancelled', 'AppointmentCheckedIn', 'AppointmentsMissed',
];
