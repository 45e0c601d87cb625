import { describe, expect, it } from 'vitest';
import {
  at, callNext, closeDay, DAY, finish, issue, noShow, pause, ref, Replay, signIn, spec, start,
} from '../../support/spec.ts';

const NEXT = '2026-11-24';
const midnight = at('00:00', NEXT);
/** A day at 17:30: A001 done, A002 serving at W1, B001 called at W2, A003 and B002 waiting, W3 paused. */
const busyEvening = [
  issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), issue('b1', 'B', at('08:02')),
  issue('a3', 'A', at('08:03')), issue('b2', 'B', at('08:04')),
  signIn('W1', 'S01', 'A', at('08:30')), signIn('W2', 'S03', 'A', at('08:30')), signIn('W3', 'S05', 'A', at('08:30')),
  callNext('W1', 'S01', at('09:00')), finish('W1', 'S01', 'done', at('09:10')),
  callNext('W1', 'S01', at('09:11')), start('W1', 'S01', at('09:12')), callNext('W2', 'S03', at('09:13')),
  pause('W3', 'S05', 'errand', '去档案室', null, at('17:00')),
];

describe('closing a business day', () => {
  it('abandons the tickets still waiting; called and serving ones stay in their staffer\'s hand', () => {
    const s = spec().given(...busyEvening).when(closeDay(DAY, midnight)).then([
      { type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a3', 'b2'], heldTicketIds: ['a2', 'b1'] } },
    ]);
    expect([...s.tickets.values()].map((t) => [t.number, t.status])).toEqual([
      ['A001', 'done'], ['A002', 'serving'], ['B001', 'called'], ['A003', 'abandoned'], ['B002', 'abandoned'],
    ]);
    expect(s.waiting.size).toBe(0);
    expect(s.businessDay).toBeNull();
  });

  it('signs out everyone without a ticket in hand, paused windows included', () => {
    const s = spec().given(...busyEvening).when(closeDay(DAY, midnight)).then([
      { type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a3', 'b2'], heldTicketIds: ['a2', 'b1'] } },
    ]);
    expect(s.windows.get('W3')).toMatchObject({ state: 'closed', staffId: null, currentTicketId: null, pause: null });
    expect(s.windows.get('W1')).toMatchObject({ staffId: 'S01', currentTicketId: 'a2' });
    expect(s.windows.get('W2')).toMatchObject({ staffId: 'S03', currentTicketId: 'b1' });
    expect([...s.staffWindow]).toEqual([['S01', 'W1'], ['S03', 'W2']]);
  });

  it('lets the staffer finish a ticket in service at the close after midnight, with its outcome and times', () => {
    const s = spec().given(...busyEvening, closeDay(DAY, midnight)).when(finish('W1', 'S01', 'one-time-notice', at('00:10', NEXT)))
      .then([{ type: 'ServiceFinished', data: { ...ref('a2', 'A002', 'A'), windowId: 'W1', staffId: 'S01', outcome: 'one-time-notice' } }]);
    expect(s.tickets.get('a2')).toMatchObject({ status: 'done', outcome: 'one-time-notice', businessDay: DAY });
    expect(s.tickets.get('a2')?.startedAt).not.toBeNull();
    expect(s.tickets.get('a2')?.finishedAt).not.toBeNull();
  });

  it('lets the staffer start or mark no-show a ticket called at the close', () => {
    const closed = [...busyEvening, closeDay(DAY, midnight)];
    spec().given(...closed).when(start('W2', 'S03', at('00:01', NEXT)))
      .then([{ type: 'ServiceStarted', data: { ...ref('b1', 'B001', 'B'), windowId: 'W2', staffId: 'S03' } }]);
    spec().given(...closed).when(noShow('W2', 'S03', at('00:01', NEXT)))
      .then([{ type: 'TicketNoShow', data: { ...ref('b1', 'B001', 'B'), windowId: 'W2', staffId: 'S03' } }]);
  });

  it('keeps a held ticket through the next day\'s first ticket, which still numbers from 001', () => {
    const s = spec().given(...busyEvening, closeDay(DAY, midnight)).when(issue('n1', 'A', at('00:05', NEXT)))
      .then([{ type: 'TicketIssued', data: { ...ref('n1', 'A001', 'A'), priority: false, businessDay: NEXT } }]);
    expect([...s.tickets.keys()]).toEqual(['a2', 'b1', 'n1']);
    expect([...s.waiting]).toEqual(['n1']);
  });

  it('abandons a ticket still in hand at the next day\'s close: one night at most', () => {
    const later = at('00:00', '2026-11-25');
    const s = spec().given(...busyEvening, closeDay(DAY, midnight), finish('W1', 'S01', 'done', at('00:10', NEXT)))
      .when(closeDay(NEXT, later))
      .then([{ type: 'DayClosed', data: { businessDay: NEXT, abandonedTicketIds: ['b1'] } }]);
    expect(s.tickets.get('b1')?.status).toBe('abandoned');
    expect(s.staffWindow.size).toBe(0);
  });

  it('closes a day on which staff signed in but nobody took a ticket', () => {
    const s = spec().given(signIn('W1', 'S01', 'A', at('08:00'))).when(closeDay(DAY, midnight))
      .then([{ type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: [] } }]);
    expect(s.windows.get('W1')?.state).toBe('closed');
  });

  it('does nothing for a day with nothing open', () => {
    spec().given().when(closeDay(DAY, midnight)).then([]);
    spec().given(...busyEvening, closeDay(DAY, midnight)).when(closeDay(DAY, midnight + 1000)).then([]);
    spec().given(issue('a1', 'A', at('08:00', NEXT))).when(closeDay(DAY, at('09:00', NEXT))).then([]);
  });

  it('lets the next day number from 001 again and start with an empty queue', () => {
    const s = spec().given(...busyEvening, closeDay(DAY, midnight)).when(issue('n1', 'A', at('08:00', NEXT)))
      .then([{ type: 'TicketIssued', data: { ...ref('n1', 'A001', 'A'), priority: false, businessDay: NEXT } }]);
    expect(s.businessDay).toBe(NEXT);
    // Only the tickets still in hand since the close come along (see below); the rest stay in the old day.
    expect([...s.tickets.keys()]).toEqual(['a2', 'b1', 'n1']);
    expect([...s.waiting]).toEqual(['n1']);
    expect(s.issuedPerService.get('B')).toBeUndefined();
  });

  it('does not let an abandoned ticket be called the next day', () => {
    const r = new Replay().apply(...busyEvening, closeDay(DAY, midnight), signIn('W3', 'S05', 'A', at('08:00', NEXT)));
    expect(() => r.run(callNext('W3', 'S05', at('08:01', NEXT)))).toThrow(expect.objectContaining({ code: 'QUEUE_EMPTY' }));
  });

  it('closed early, the same business day numbers on without repeating a number and keeps its tickets', () => {
    const s = spec().given(...busyEvening, closeDay(DAY, at('17:45'))).when(issue('late', 'A', at('17:50')))
      .then([{ type: 'TicketIssued', data: { ...ref('late', 'A004', 'A'), priority: false, businessDay: DAY } }]);
    expect(s.tickets.get('a1')?.status).toBe('done');
    expect(s.tickets.get('a2')?.status).toBe('serving');
    expect(s.tickets.get('a3')?.status).toBe('abandoned');
    expect(s.businessDay).toBe(DAY);
  });
});
