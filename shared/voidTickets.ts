import { conflict, invalid } from './errors.ts';
import type { HallState } from './state.ts';

/**
 * A manager voids a flood of tickets in one action (one client took a day's numbers in seconds).
 * Voided tickets leave the queue with status `voided`; their numbers stay used, so no number is
 * ever given twice. Only waiting tickets can be voided: someone called is someone at a window.
 */
export type VoidCommand = { type: 'VoidTickets'; at: number; ticketIds: string[]; reason: string; by: string };

export type VoidEventBody = { type: 'TicketsVoided'; data: { ticketIds: string[]; numbers: string[]; reason: string; by: string } };

/** The most tickets one action voids: a whole day of a busy service fits. */
export const MAX_VOID = 5000;

export function decideVoid(command: VoidCommand, state: HallState): VoidEventBody[] {
  const reason = command.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', '作废号票须填写原因', 'Voiding tickets needs a reason');
  const ids: string[] = [];
  const numbers: string[] = [];
  for (const id of new Set(command.ticketIds)) {
    const t = state.tickets.get(id);
    if (t?.status !== 'waiting') continue;
    ids.push(id);
    numbers.push(t.number);
  }
  if (!ids.length) throw conflict('NOTHING_TO_VOID', '没有可作废的等候号', 'None of those tickets is waiting');
  if (ids.length > MAX_VOID) throw invalid('TOO_MANY', `一次最多作废 ${MAX_VOID} 个号`, `At most ${MAX_VOID} tickets at once`);
  return [{ type: 'TicketsVoided', data: { ticketIds: ids, numbers, reason, by: command.by } }];
}

export function evolveVoid(state: HallState, event: VoidEventBody): HallState {
  for (const id of event.data.ticketIds) {
    const t = state.tickets.get(id);
    if (!t) continue;
    t.status = 'voided';
    state.waiting.delete(id);
  }
  return state;
}
