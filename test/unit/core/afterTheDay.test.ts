import { describe, expect, it } from 'vitest';
import { at, callNext, closeDay, finish, issue, rate, signIn, signOut, spec, transfer } from '../../support/spec.ts';

const served = [issue('a1', 'A', at('08:00')), signIn('W1', 'S01', 'A', at('08:30')), callNext('W1', 'S01', at('09:00')), finish('W1', 'S01', 'done', at('09:10'))];

describe('a rating after the ticket\'s business day', () => {
  it('is refused once the hall\'s local date has moved on, even before the next day\'s first ticket', () => {
    spec().given(...served).when(rate('a1', 5, at('00:10', '2026-11-24'))).thenThrows('RATING_CLOSED');
  });

  it('of a ticket held over the close and finished after midnight is taken that day, after the next day\'s first ticket too', () => {
    const heldOver = [issue('a1', 'A', at('23:40')), signIn('W1', 'S01', 'A', at('23:40')), callNext('W1', 'S01', at('23:50')), closeDay('2026-11-23', at('00:00', '2026-11-24')), finish('W1', 'S01', 'done', at('00:10', '2026-11-24')), issue('n1', 'A', at('08:00', '2026-11-24'))];
    spec().given(...heldOver).when(rate('a1', 5, at('09:00', '2026-11-24'))).then([{ type: 'TicketRated', data: { ticketId: 'a1', number: 'A001', score: 5, windowId: 'W1', staffId: 'S01' } }]);
    // The day after the finish, it is closed like any other.
    spec().given(...heldOver).when(rate('a1', 5, at('00:10', '2026-11-25'))).thenThrows('RATING_CLOSED');
  });

  it('is taken the same evening', () => {
    spec().given(...served).when(rate('a1', 4, at('23:59'))).then([{ type: 'TicketRated', data: { ticketId: 'a1', number: 'A001', score: 4, windowId: 'W1', staffId: 'S01' } }]);
  });
});

describe('a ticket waiting again', () => {
  const calledA1 = [issue('a1', 'A', at('08:00')), signIn('W1', 'S01', 'A', at('08:30')), callNext('W1', 'S01', at('09:00'))];

  it('after a transfer belongs to no window until it is called again', () => {
    const s = spec().given(...calledA1).when(transfer('W1', 'S01', 'B', 'wrong desk', at('09:02'))).then([
      { type: 'TicketTransferred', data: { ticketId: 'a1', number: 'A001', serviceId: 'A', windowId: 'W1', staffId: 'S01', toServiceId: 'B', reason: 'wrong desk' } },
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ status: 'waiting', serviceId: 'B', windowId: null, staffId: null, post: null, calledAt: '2026-11-23T09:00:00.000+08:00' });
  });

  it('after its staffer signed out belongs to no window either', () => {
    const s = spec().given(...calledA1).when(signOut('W1', 'S01', at('09:05'))).then([
      { type: 'TicketRequeued', data: { ticketId: 'a1', number: 'A001', serviceId: 'A', windowId: 'W1', staffId: 'S01' } },
      { type: 'StaffSignedOut', data: { windowId: 'W1', staffId: 'S01', reason: 'sign-out' } },
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ status: 'waiting', windowId: null, staffId: null });
  });
});
