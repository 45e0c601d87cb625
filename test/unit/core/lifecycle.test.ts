import { describe, expect, it } from 'vitest';
import type { HallEventBody } from '../../../shared/events.ts';
import {
  at, callNext, called, finish, issue, noShow, rate, recall, ref, signIn, spec, start, transfer,
} from '../../support/spec.ts';

const A001 = ref('a1', 'A001', 'A');
const atW1 = { windowId: 'W1', staffId: 'S01' };
/** A001 issued at 08:00 and called at window 1 at 09:00. */
const calledA001 = [issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), signIn('W1', 'S01', 'A', at('08:30')), callNext('W1', 'S01', at('09:00'))];
const servingA001 = [...calledA001, start('W1', 'S01', at('09:01'))];
const doneA001 = [...servingA001, finish('W1', 'S01', 'done', at('09:10'))];

describe('a ticket from call to finish', () => {
  it('starts service when the visitor arrives', () => {
    const s = spec().given(...calledA001).when(start('W1', 'S01', at('09:01')))
      .then([{ type: 'ServiceStarted', data: { ...A001, ...atW1 } }]);
    expect(s.tickets.get('a1')).toMatchObject({ status: 'serving', startedAt: '2026-11-23T09:01:00.000+08:00' });
  });

  for (const outcome of ['done', 'one-time-notice', 'not-accepted'] as const) {
    it(`finishes with the outcome "${outcome}"`, () => {
      const s = spec().given(...servingA001).when(finish('W1', 'S01', outcome, at('09:10')))
        .then([{ type: 'ServiceFinished', data: { ...A001, ...atW1, outcome } }]);
      expect(s.tickets.get('a1')).toMatchObject({ status: 'done', outcome, finishedAt: '2026-11-23T09:10:00.000+08:00' });
      expect(s.windows.get('W1')?.currentTicketId).toBeNull();
    });
  }

  it('finishing a ticket that was only called starts and finishes it at the same instant', () => {
    const s = spec().given(...calledA001).when(finish('W1', 'S01', 'done', at('09:05'))).then([
      { type: 'ServiceStarted', data: { ...A001, ...atW1 } },
      { type: 'ServiceFinished', data: { ...A001, ...atW1, outcome: 'done' } },
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ startedAt: '2026-11-23T09:05:00.000+08:00', finishedAt: '2026-11-23T09:05:00.000+08:00' });
  });

  it('is recalled: the first call time stays, the last call time moves', () => {
    const s = spec().given(...calledA001).when(recall('W1', 'S01', at('09:02')))
      .then([{ type: 'TicketRecalled', data: { ...A001, ...atW1, windowNumber: 1 } }]);
    expect(s.tickets.get('a1')).toMatchObject({
      status: 'called', calledAt: '2026-11-23T09:00:00.000+08:00', lastCalledAt: '2026-11-23T09:02:00.000+08:00', calls: 2,
    });
  });

  it('is marked no-show when the visitor does not come, freeing the window', () => {
    const s = spec().given(...calledA001).when(noShow('W1', 'S01', at('09:03')))
      .then([{ type: 'TicketNoShow', data: { ...A001, ...atW1 } }]);
    expect(s.tickets.get('a1')?.status).toBe('no-show');
    expect(s.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('is transferred: same id and number, back to waiting in the new service, first call kept', () => {
    const s = spec().given(...servingA001).when(transfer('W1', 'S01', 'B', '应办医保', at('09:05')))
      .then([{ type: 'TicketTransferred', data: { ...A001, ...atW1, toServiceId: 'B', reason: '应办医保' } }]);
    expect(s.tickets.get('a1')).toMatchObject({
      id: 'a1', number: 'A001', serviceId: 'B', issuedServiceId: 'A', status: 'waiting', startedAt: null,
      calledAt: '2026-11-23T09:00:00.000+08:00', issuedAt: '2026-11-23T08:00:00.000+08:00',
      transfers: [{ fromServiceId: 'A', toServiceId: 'B', at: '2026-11-23T09:05:00.000+08:00', windowId: 'W1', staffId: 'S01' }],
    });
    expect(s.waiting.has('a1')).toBe(true);
    expect(s.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('a called ticket can be transferred too', () => {
    spec().given(...calledA001).when(transfer('W1', 'S01', 'C', '', at('09:02')))
      .then([{ type: 'TicketTransferred', data: { ...A001, ...atW1, toServiceId: 'C', reason: '' } }]);
  });
});

describe('window actions are refused', () => {
  it('call-next while the window still holds a called or serving ticket: TICKET_IN_HAND', () => {
    spec().given(...calledA001).when(callNext('W1', 'S01', at('09:02'))).thenThrows('TICKET_IN_HAND');
    spec().given(...servingA001).when(callNext('W1', 'S01', at('09:02'))).thenThrows('TICKET_IN_HAND');
  });

  it('with no current ticket: NO_CURRENT_TICKET', () => {
    for (const c of [recall('W1', 'S01'), start('W1', 'S01'), finish('W1', 'S01'), noShow('W1', 'S01'), transfer('W1', 'S01', 'B')]) {
      spec().given(signIn('W1', 'S01', 'A', at('08:30'))).when(c).thenThrows('NO_CURRENT_TICKET');
      spec().given(...doneA001).when({ ...c, at: at('09:11') }).thenThrows('NO_CURRENT_TICKET');
    }
  });

  it('in the wrong ticket state: WRONG_TICKET_STATE (no start, recall or no-show once service began)', () => {
    for (const c of [start('W1', 'S01', at('09:02')), recall('W1', 'S01', at('09:02')), noShow('W1', 'S01', at('09:02'))]) {
      spec().given(...servingA001).when(c).thenThrows('WRONG_TICKET_STATE');
    }
  });

  it('transfer to the service the ticket is already in: SAME_SERVICE', () => {
    spec().given(...servingA001).when(transfer('W1', 'S01', 'A', '', at('09:02'))).thenThrows('SAME_SERVICE');
  });

  it('transfer to a service that does not exist: UNKNOWN_SERVICE', () => {
    spec().given(...servingA001).when(transfer('W1', 'S01', 'Z', '', at('09:02'))).thenThrows('UNKNOWN_SERVICE');
  });

  it('at an unknown window: UNKNOWN_WINDOW', () => {
    spec().given(...calledA001).when(callNext('W9', 'S01', at('09:02'))).thenThrows('UNKNOWN_WINDOW');
  });
});

describe('rating', () => {
  const rated = (score: number): HallEventBody => ({ type: 'TicketRated', data: { ticketId: 'a1', number: 'A001', score, ...atW1 } });

  it('is taken after the service ended, attributed to the window and staffer who served', () => {
    const s = spec().given(...doneA001).when(rate('a1', 5, at('09:11'))).then([rated(5)]);
    expect(s.tickets.get('a1')?.rating).toBe(5);
  });

  it('is taken for every outcome that ended a service, including one-time notice', () => {
    spec().given(...servingA001, finish('W1', 'S01', 'one-time-notice', at('09:10'))).when(rate('a1', 3, at('09:11'))).then([rated(3)]);
  });

  it('is taken only once: ALREADY_RATED', () => {
    spec().given(...doneA001, rate('a1', 4, at('09:11'))).when(rate('a1', 1, at('09:12'))).thenThrows('ALREADY_RATED');
  });

  it('is refused before the service ended: NOT_FINISHED', () => {
    spec().given(issue('a1', 'A', at('08:00'))).when(rate('a1', 5)).thenThrows('NOT_FINISHED');
    spec().given(...calledA001).when(rate('a1', 5, at('09:02'))).thenThrows('NOT_FINISHED');
    spec().given(...servingA001).when(rate('a1', 5, at('09:02'))).thenThrows('NOT_FINISHED');
  });

  it('is refused for a no-show ticket, which was never served', () => {
    spec().given(...calledA001, noShow('W1', 'S01', at('09:03'))).when(rate('a1', 1, at('09:04'))).thenThrows('NOT_FINISHED');
  });

  it('is refused for an unknown ticket: UNKNOWN_TICKET', () => {
    spec().given(...doneA001).when(rate('nope', 5, at('09:11'))).thenThrows('UNKNOWN_TICKET');
  });
});

describe('the window after each ending calls the next in line', () => {
  it('after done, no-show and transfer alike', () => {
    const next = called(ref('a2', 'A002', 'A'), 'W1', 'S01', 1);
    spec().given(...doneA001).when(callNext('W1', 'S01', at('09:11'))).then([next]);
    spec().given(...calledA001, noShow('W1', 'S01', at('09:03'))).when(callNext('W1', 'S01', at('09:04'))).then([next]);
    spec().given(...calledA001, transfer('W1', 'S01', 'C', '', at('09:03'))).when(callNext('W1', 'S01', at('09:04'))).then([next]);
  });
});
