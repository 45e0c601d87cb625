import type { Actor } from './lobbyEvents.ts';

/**
 * Commands of the lobby and of appointments. `by` is the staff id that acts, or "visitor" when
 * the hub has checked the ticket's key or the booking's code; `reason` is required where the
 * command departs from first come, first served.
 */
export type LobbyCommand =
  | { type: 'MoveTicket'; at: number; ticketId: string; serviceId: string | null; windowId: string | null; by: Actor; reason: string }
  | { type: 'PrioritiseTicket'; at: number; ticketId: string; by: Actor; reason: string }
  | { type: 'CancelTicket'; at: number; ticketId: string; by: Actor; reason: string }
  | { type: 'ExtendService'; at: number; serviceId: string; until: string; by: Actor; reason: string }
  /**
   * The hub draws `appointmentId` and `code` (no randomness in the core); a code already held by
   * a kept booking is refused so the hub draws again. `works` says whether the slot's date is a
   * working day of the hall (the hub's calendar).
   */
  | {
      type: 'BookAppointment';
      at: number;
      appointmentId: string;
      code: string;
      serviceId: string;
      start: string;
      phone: string;
      name: string;
      by: Actor;
      works: boolean;
    }
  | { type: 'CancelAppointment'; at: number; appointmentId: string; by: Actor; reason: string }
  /** Issues the booking's ticket; `keyHash` and `issuedBy` as for IssueTicket. */
  | { type: 'CheckInAppointment'; at: number; code: string; ticketId: string; keyHash?: string; issuedBy?: { address: string; deviceId: string | null } };

export type LobbyCommandType = LobbyCommand['type'];
