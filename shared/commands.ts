import type { IssuedBy, Outcome, PauseReason, Post } from './events.ts';
import type { LobbyCommand } from './lobbyCommands.ts';
import type { VoidCommand } from './voidTickets.ts';
import type { ReissueKeyCommand } from './ticketKeyReissue.ts';

/**
 * What people ask the hall to do. The hub stamps `at` (its clock, ms) and, where one is created,
 * the new id; the core never reads a clock or draws a random number.
 */
export type Command =
  | LobbyCommand
  | VoidCommand
  | ReissueKeyCommand
  | { type: 'IssueTicket'; at: number; ticketId: string; serviceId: string; priority: boolean; keyHash?: string; issuedBy?: IssuedBy; appointment?: { appointmentId: string; slotStart: string } }
  /**
   * `handover`: the window's other post takes over a window that is open, in one step, so it
   * never goes dark (B arrives as A leaves).
   */
  | { type: 'SignIn'; at: number; windowId: string; staffId: string; post: Post; handover?: boolean }
  | { type: 'SignOut'; at: number; windowId: string; staffId: string }
  | { type: 'CallNext'; at: number; windowId: string; staffId: string }
  | { type: 'Recall'; at: number; windowId: string; staffId: string }
  | { type: 'StartService'; at: number; windowId: string; staffId: string }
  | { type: 'FinishService'; at: number; windowId: string; staffId: string; outcome: Outcome }
  | { type: 'MarkNoShow'; at: number; windowId: string; staffId: string }
  | { type: 'Transfer'; at: number; windowId: string; staffId: string; serviceId: string; reason: string }
  | {
      type: 'Pause';
      at: number;
      windowId: string;
      staffId: string;
      reason: PauseReason;
      note: string;
      expectedBackAt: string | null;
    }
  | { type: 'Resume'; at: number; windowId: string; staffId: string }
  | { type: 'RateTicket'; at: number; ticketId: string; score: number }
  | { type: 'CloseDay'; at: number; businessDay: string };

export type CommandType = Command['type'];
export type WindowCommand = Extract<Command, { windowId: string; staffId: string }>;
