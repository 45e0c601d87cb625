import { notFound } from './errors.ts';
import type { HallState } from './state.ts';

/**
 * A lost ticket reprinted by the lobby or a manager gets a fresh key, so its QR can follow the
 * ticket and rate or cancel it. The hub keeps only hashes of keys, so the lost paper's key cannot be
 * printed again; the fresh key's hash replaces it, and whoever finds the lost paper can no longer
 * use it. The hash is journaled like the first one, so the new key survives a restart.
 */
export type ReissueKeyCommand = { type: 'ReissueTicketKey'; at: number; ticketId: string; keyHash: string; by: string };

export type KeyReissuedEventBody = { type: 'TicketKeyReissued'; data: { ticketId: string; number: string; serviceId: string; keyHash: string; by: string } };

export function decideReissueKey(command: ReissueKeyCommand, state: HallState): KeyReissuedEventBody[] {
  const t = state.tickets.get(command.ticketId);
  if (!t) throw notFound('UNKNOWN_TICKET', '今天没有这张票', 'No such ticket today');
  return [{ type: 'TicketKeyReissued', data: { ticketId: t.id, number: t.number, serviceId: t.serviceId, keyHash: command.keyHash, by: command.by } }];
}

export function evolveReissueKey(state: HallState, event: KeyReissuedEventBody): HallState {
  const t = state.tickets.get(event.data.ticketId);
  if (t) t.keyHash = event.data.keyHash;
  return state;
}
