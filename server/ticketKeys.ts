import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ticket } from '../shared/state.ts';

/**
 * A ticket's key: the visitor's proof that the ticket is theirs (rating it from the phone page,
 * cancelling it). 96 random bits, URL-safe, printed in the ticket's QR (`/t/<id>?k=<key>`). Only
 * its hash is journaled, so neither the journal nor anything derived from it can rate a service.
 */
export function newTicketKey(): { key: string; keyHash: string } {
  const key = randomBytes(12).toString('base64url');
  return { key, keyHash: hashTicketKey(key) };
}

export function hashTicketKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Whether `key` is this ticket's key; a ticket from before keys existed has none to match. */
export function ticketKeyMatches(ticket: Pick<Ticket, 'keyHash'>, key: unknown): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 100 || !ticket.keyHash) return false;
  const want = Buffer.from(ticket.keyHash, 'hex');
  const got = Buffer.from(hashTicketKey(key), 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}
