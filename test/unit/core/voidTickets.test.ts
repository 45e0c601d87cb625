import { describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/commands.ts';
import { at, callNext, called, issue, ref, signIn, spec } from '../../support/spec.ts';

const voidTickets = (ticketIds: string[], reason = '连按占号', ms = at('09:30')): Command => ({ type: 'VoidTickets', at: ms, ticketIds, reason, by: 'M01' });
const flood = [issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), issue('a3', 'A', at('08:02')), issue('a4', 'A', at('08:03'))];

describe('voiding a flood of tickets', () => {
  it('takes the waiting tickets out of the queue with who and why; their numbers stay used', () => {
    const s = spec().given(...flood).when(voidTickets(['a2', 'a3'])).then([
      { type: 'TicketsVoided', data: { ticketIds: ['a2', 'a3'], numbers: ['A002', 'A003'], reason: '连按占号', by: 'M01' } },
    ]);
    expect(s.tickets.get('a2')!.status).toBe('voided');
    expect([...s.waiting]).toEqual(['a1', 'a4']);
    spec().given(...flood, voidTickets(['a2', 'a3'])).when(issue('a5', 'A', at('09:40'))).then([
      { type: 'TicketIssued', data: { ticketId: 'a5', number: 'A005', serviceId: 'A', priority: false, businessDay: '2026-11-23' } },
    ]);
  });

  it('never lets a window call a voided ticket', () => {
    spec().given(...flood, voidTickets(['a1', 'a2']), signIn('W1', 'S01', 'A', at('09:35'))).when(callNext('W1', 'S01', at('09:36'))).then([
      called(ref('a3', 'A003', 'A'), 'W1', 'S01', 1),
    ]);
  });

  it('skips tickets already called or unknown, and refuses when nothing is left or no reason is given', () => {
    spec().given(...flood, signIn('W1', 'S01', 'A', at('09:00')), callNext('W1', 'S01', at('09:01'))).when(voidTickets(['a1', 'a2', 'nope'])).then([
      { type: 'TicketsVoided', data: { ticketIds: ['a2'], numbers: ['A002'], reason: '连按占号', by: 'M01' } },
    ]);
    spec().given(...flood, voidTickets(['a1'])).when(voidTickets(['a1'])).thenThrows('NOTHING_TO_VOID');
    spec().given(...flood).when(voidTickets(['a1'], '  ')).thenThrows('REASON_REQUIRED');
  });
});
