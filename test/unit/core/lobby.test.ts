import { describe, expect, it } from 'vitest';
import { aheadOf } from '../../../shared/queuePolicy.ts';
import { at, callNext, called, finish, issue, ref, Replay, signIn, spec, drain } from '../../support/spec.ts';
import { cancelTicket, extend, lobbyHall, move, prioritise } from '../../support/lobbySpec.ts';

// Lobby hall: W1 serves [A, B], W2 serves [B, A], W3 [C], W4 [D, C]; D stops issuing at 16:00.
const lobby = () => spec(lobbyHall);
const waitingA = [issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:05')), issue('b1', 'B', at('08:10'))];

describe('moving a waiting ticket (二次分流)', () => {
  it('moves it to another service with who and why, keeping its issue time', () => {
    const s = lobby().given(...waitingA).when(move('a2', 'B', null, '社保排队过长', at('09:00'))).then([
      { type: 'TicketMoved', data: { ...ref('a2', 'A002', 'A'), toServiceId: 'B', toWindowId: null, by: 'L01', reason: '社保排队过长' } },
    ]);
    expect(s.tickets.get('a2')).toMatchObject({ serviceId: 'B', issuedServiceId: 'A', issuedMs: at('08:05'), status: 'waiting' });
    // Issued before b1, so it goes before b1 in B's queue.
    expect(aheadOf(s, s.tickets.get('b1')!)).toBe(1);
  });

  it('pins it to a window: only that window calls it', () => {
    const r = new Replay(lobbyHall).apply(...waitingA, move('a1', null, 'W2', '窗口2空闲'), signIn('W1', 'S01'), signIn('W2', 'S03'));
    // W1 prefers A but a1 is pinned to W2: W1 gets a2.
    expect(r.run(callNext('W1', 'S01', at('09:10')))[0]).toMatchObject(called(ref('a2', 'A002', 'A'), 'W1', 'S01', 1));
    // W2 prefers B; b1 (08:10) and the pinned a1 are in different services: W2 takes its first preference, B.
    expect(r.run(callNext('W2', 'S03', at('09:11')))[0]).toMatchObject(called(ref('b1', 'B001', 'B'), 'W2', 'S03', 2));
    r.run(finish('W2', 'S03', 'done', at('09:12')));
    expect(r.run(callNext('W2', 'S03', at('09:13')))[0]).toMatchObject(called(ref('a1', 'A001', 'A'), 'W2', 'S03', 2));
  });

  it('never gives a pinned ticket to another window, even an idle one', () => {
    lobby().given(issue('a1', 'A', at('08:00')), move('a1', null, 'W2'), signIn('W1', 'S01')).when(callNext('W1', 'S01', at('09:30'))).thenThrows('QUEUE_EMPTY');
  });

  it('refuses a window that does not serve the service, an unknown window or service, and no reason', () => {
    lobby().given(...waitingA).when(move('a1', null, 'W3')).thenThrows('WINDOW_NOT_SERVING');
    lobby().given(...waitingA).when(move('a1', null, 'W9')).thenThrows('UNKNOWN_WINDOW');
    lobby().given(...waitingA).when(move('a1', 'Z', null)).thenThrows('UNKNOWN_SERVICE');
    lobby().given(...waitingA).when(move('a1', 'B', null, '  ')).thenThrows('REASON_REQUIRED');
    lobby().given(...waitingA).when(move('a1', 'A', null)).thenThrows('ALREADY_THERE');
  });

  it('refuses a ticket that is no longer waiting (409)', () => {
    lobby().given(...waitingA, signIn('W1', 'S01'), callNext('W1', 'S01', at('08:30'))).when(move('a1', 'B', null)).thenThrows('NOT_WAITING');
    lobby().given(...waitingA).when(move('zz', 'B', null)).thenThrows('UNKNOWN_TICKET');
  });

  it('a move to another service clears a pin unless a window is named again', () => {
    const s = lobby().given(...waitingA, move('a1', null, 'W1')).when(move('a1', 'B', null, '改办医保')).then([
      { type: 'TicketMoved', data: { ...ref('a1', 'A001', 'A'), toServiceId: 'B', toWindowId: null, by: 'L01', reason: '改办医保' } },
    ]);
    expect(s.tickets.get('a1')!.pinnedWindowId).toBeNull();
  });
});

describe('the green channel on the lobby\'s word', () => {
  it('makes a waiting ticket a priority ticket, recorded with who and why', () => {
    const r = new Replay(lobbyHall).apply(...waitingA);
    expect(r.run(prioritise('a2', '八旬老人'))).toMatchObject([{ type: 'TicketPrioritised', data: { ticketId: 'a2', by: 'L01', reason: '八旬老人' } }]);
    r.apply(signIn('W1', 'S01'));
    expect(drain(r, 'W1', 'S01')).toEqual(['A002', 'A001', 'B001']);
  });

  it('refuses twice, without a reason, or when not waiting', () => {
    lobby().given(...waitingA, prioritise('a1')).when(prioritise('a1')).thenThrows('ALREADY_PRIORITY');
    lobby().given(...waitingA).when(prioritise('a1', '')).thenThrows('REASON_REQUIRED');
    lobby().given(...waitingA, cancelTicket('a1')).when(prioritise('a1')).thenThrows('NOT_WAITING');
  });
});

describe('cancelling a waiting ticket', () => {
  it('by the visitor: the ticket leaves the queue as cancelled, never called', () => {
    const s = lobby().given(...waitingA).when(cancelTicket('a1', 'visitor', '', at('08:20'))).then([
      { type: 'TicketCancelled', data: { ...ref('a1', 'A001', 'A'), by: 'visitor', reason: '' } },
    ]);
    expect(s.tickets.get('a1')!.status).toBe('cancelled');
    expect(s.waiting.has('a1')).toBe(false);
    expect(aheadOf(s, s.tickets.get('a2')!)).toBe(0);
  });

  it('by the lobby, with a reason; and a cancelled ticket is not abandoned at the close', () => {
    const r = new Replay(lobbyHall).apply(...waitingA, cancelTicket('a1', 'L01', '已离开'), signIn('W1', 'S01'));
    expect(drain(r, 'W1', 'S01')).toEqual(['A002', 'B001']);
    expect(r.run({ type: 'CloseDay', at: at('23:59'), businessDay: '2026-11-23' })[0]).toMatchObject({ type: 'DayClosed', data: { abandonedTicketIds: [] } });
  });

  it('refuses a ticket already called or cancelled', () => {
    lobby().given(...waitingA, cancelTicket('a1')).when(cancelTicket('a1')).thenThrows('NOT_WAITING');
    lobby().given(...waitingA, signIn('W1', 'S01'), callNext('W1', 'S01')).when(cancelTicket('a1')).thenThrows('NOT_WAITING');
  });
});

describe('延时服务: extending a service past its cut-off', () => {
  it('keeps issuing until the new time today, then stops', () => {
    const s = lobby().given().when(extend('D', '16:30', at('15:50'))).then([
      { type: 'ServiceExtended', data: { serviceId: 'D', businessDay: '2026-11-23', until: '16:30', by: 'L01', reason: '仍有人排队' } },
    ]);
    expect(s.extensions.get('D')).toEqual({ businessDay: '2026-11-23', until: '16:30' });
    lobby().given(extend('D', '16:30', at('15:50'))).when(issue('d1', 'D', at('16:10'))).then([
      { type: 'TicketIssued', data: { ...ref('d1', 'D001', 'D'), priority: false, businessDay: '2026-11-23' } },
    ]);
    lobby().given(extend('D', '16:30', at('15:50'))).when(issue('d1', 'D', at('16:30'))).thenThrows('SERVICE_CUT_OFF');
  });

  it('lasts for its day only', () => {
    lobby().given(extend('D', '16:30', at('15:50'))).when(issue('d1', 'D', at('16:10', '2026-11-24'))).thenThrows('SERVICE_CUT_OFF');
  });

  it('refuses a time before the cut-off or before now, a service without a cut-off, and no reason', () => {
    lobby().given().when(extend('D', '15:30', at('09:00'))).thenThrows('EXTEND_TOO_SHORT');
    lobby().given().when(extend('D', '16:10', at('16:20'))).thenThrows('EXTEND_TOO_SHORT');
    lobby().given().when(extend('A', '18:00')).thenThrows('NO_CUT_OFF');
    lobby().given().when(extend('D', '17:00', at('15:50'), ' ')).thenThrows('REASON_REQUIRED');
    lobby().given().when(extend('D', '25:00')).thenThrows('BAD_TIME');
  });
});

describe('the lobby role', () => {
  it('serves at no window: a lobby staffer cannot sign in at one', () => {
    lobby().given().when(signIn('W1', 'L01')).thenThrows('LOBBY_AT_NO_WINDOW');
  });
});
