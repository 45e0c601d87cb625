import { describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/commands.ts';
import { at, callNext, finish, issue, signIn, spec } from '../../support/spec.ts';

const reissue = (ticketId: string, keyHash: string, ms = at('10:00')): Command => ({ type: 'ReissueTicketKey', at: ms, ticketId, keyHash, by: 'L01' });
const withKey = (ticketId: string, keyHash: string): Command => ({ ...issue(ticketId, 'A', at('08:00')), keyHash } as Command);

describe('a reprinted ticket\'s fresh key', () => {
  it('replaces the ticket\'s key hash, with who asked, and leaves the ticket where it was', () => {
    const s = spec().given(withKey('a1', 'old')).when(reissue('a1', 'new')).then([
      { type: 'TicketKeyReissued', data: { ticketId: 'a1', number: 'A001', serviceId: 'A', keyHash: 'new', by: 'L01' } },
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ keyHash: 'new', status: 'waiting' });
    expect([...s.waiting]).toEqual(['a1']);
  });

  it('works for a finished ticket too (its visitor may still rate it)', () => {
    const served = [withKey('a1', 'old'), signIn('W1', 'S01', 'A', at('08:30')), callNext('W1', 'S01', at('09:00')), finish('W1', 'S01', 'done', at('09:10'))];
    const s = spec().given(...served).when(reissue('a1', 'new')).then([
      { type: 'TicketKeyReissued', data: { ticketId: 'a1', number: 'A001', serviceId: 'A', keyHash: 'new', by: 'L01' } },
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ keyHash: 'new', status: 'done' });
  });

  it('is refused for a ticket the open day does not hold', () => {
    spec().given(withKey('a1', 'old')).when(reissue('zz', 'new')).thenThrows('UNKNOWN_TICKET');
  });
});
