/** Everything that happens in a hall, in the past tense. The journal stores these, one per line. */
import { LOBBY_EVENT_TYPES, type LobbyEventBody } from './lobbyEvents.ts';
import type { VoidEventBody } from './voidTickets.ts';
import type { KeyReissuedEventBody } from './ticketKeyReissue.ts';

export type Post = 'A' | 'B';
export type Outcome = 'done' | 'one-time-notice' | 'not-accepted';
export type PauseReason = 'break' | 'meeting' | 'errand' | 'leave' | 'other';
export const OUTCOMES: readonly Outcome[] = ['done', 'one-time-notice', 'not-accepted'];
export const PAUSE_REASONS: readonly PauseReason[] = ['break', 'meeting', 'errand', 'leave', 'other'];

interface AtWindow {
  windowId: string;
  staffId: string;
}
interface OfTicket {
  ticketId: string;
  number: string;
  serviceId: string;
}

/**
 * Who issued a ticket and the hash of its key (the visitor's proof, see server/ticketKeys.ts).
 * Journaled so a flood can be traced and a key still works after a restart; never public.
 */
export interface TicketOrigin {
  keyHash?: string;
  issuedBy?: IssuedBy;
}
export interface IssuedBy {
  /** The client address the request came from. */
  address: string;
  /** The paired kiosk that sent it, if any. */
  deviceId: string | null;
  /** The staffer whose token sent it (a lobby staffer taking a ticket for a visitor). */
  staffId?: string;
}

/** A ticket issued on a booking's check-in: which booking, and its slot's start. */
export interface TicketAppointment {
  appointmentId?: string;
  slotStart?: string;
}

export type HallEventBody =
  | LobbyEventBody
  | VoidEventBody
  | KeyReissuedEventBody
  | { type: 'TicketIssued'; data: OfTicket & { priority: boolean; businessDay: string } & TicketOrigin & TicketAppointment }
  | { type: 'TicketCalled'; data: OfTicket & AtWindow & { windowNumber: number; post: Post } }
  | { type: 'TicketRecalled'; data: OfTicket & AtWindow & { windowNumber: number } }
  | { type: 'ServiceStarted'; data: OfTicket & AtWindow }
  | { type: 'ServiceFinished'; data: OfTicket & AtWindow & { outcome: Outcome } }
  | { type: 'TicketNoShow'; data: OfTicket & AtWindow }
  | { type: 'TicketTransferred'; data: OfTicket & AtWindow & { toServiceId: string; reason: string } }
  /** A called ticket goes back to its place in the queue (its staffer signed out before it came). */
  | { type: 'TicketRequeued'; data: OfTicket & AtWindow }
  | { type: 'TicketRated'; data: { ticketId: string; number: string; score: number; windowId: string; staffId: string } }
  | {
      type: 'StaffSignedIn';
      data: AtWindow & { windowNumber: number; staffName: string; post: Post; takeoverFrom: string | null };
    }
  | { type: 'StaffSignedOut'; data: AtWindow & { reason: 'sign-out' | 'taken-over' | 'day-closed' } }
  | {
      type: 'WindowPaused';
      data: AtWindow & { reason: PauseReason; note: string; expectedBackAt: string | null };
    }
  | { type: 'WindowResumed'; data: AtWindow }
  | {
      type: 'DayClosed';
      /**
       * `heldTicketIds`: tickets called or in service at the close; they stay with their staffer, who
       * ends them after midnight as usual (absent when none, and in journals written before the rule).
       */
      data: { businessDay: string; abandonedTicketIds: string[]; heldTicketIds?: string[] };
    };

export type HallEventType = HallEventBody['type'];

/** An event as journaled and broadcast: gap-free `seq` per hall, `at` ISO 8601 with offset. */
export type HallEvent = HallEventBody & { seq: number; at: string };

export type EventOf<T extends HallEventType> = Extract<HallEvent, { type: T }>;

export const EVENT_TYPES: readonly HallEventType[] = [
  'TicketIssued', 'TicketCalled', 'TicketRecalled', 'ServiceStarted', 'ServiceFinished', 'TicketNoShow',
  'TicketTransferred', 'TicketRequeued', 'TicketRated', 'StaffSignedIn', 'StaffSignedOut', 'WindowPaused',
  'WindowResumed', 'DayClosed', ...LOBBY_EVENT_TYPES, 'TicketsVoided', 'TicketKeyReissued',
];
