import { describe, expect, it } from 'vitest';
import {
  at, callNext, closeDay, DAY, finish, issue, pause, ref, Replay, signIn, spec, start,
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
  it('abandons every ticket still waiting, called or serving, and keeps finished ones', () => {
    const s = spec().given(...busyEvening).when(closeDay(DAY, midnight)).then([
      { type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a2', 'b1', 'a3', 'b2'] } },
    ]);
    expect([...s.tickets.values()].map((t) => [t.number, t.status])).toEqual([
      ['A001', 'done'], ['A002', 'abandoned'], ['B001', 'abandoned'], ['A003', 'abandoned'], ['B002', 'abandoned'],
    ]);
    expect(s.waiting.size).toBe(0);
    expect(s.businessDay).toBeNull();
  });

  it('signs everyone out, paused windows included', () => {
    const s = spec().given(...busyEvening).when(closeDay(DAY, midnight)).then([
      { type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a2', 'b1', 'a3', 'b2'] } },
    ]);
    for (const w of s.windows.values()) {
      expect(w).toMatchObject({ state: 'closed', staffId: null, currentTicketId: null, pause: null });
    }
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
    expect([...s.tickets.keys()]).toEqual(['n1']);
    expect([...s.waiting]).toEqual(['n1']);
    expect(s.issuedPerService.get('B')).toBeUndefined();
  });

  it('does not let an abandoned ticket be called the next day', () => {
    const r = new Replay().apply(...busyEvening, closeDay(DAY, midnight), signIn('W2', 'S03', 'A', at('08:00', NEXT)));
    expect(() => r.run(callNext('W2', 'S03', at('08:01', NEXT)))).toThrow(expect.objectContaining({ code: 'QUEUE_EMPTY' }));
  });

  it('closed early, the same business day numbers on without repeating a number and keeps its tickets', () => {
    const s = spec().given(...busyEvening, closeDay(DAY, at('17:45'))).when(issue('late', 'A', at('17:50')))
      .then([{ type: 'TicketIssued', data: { ...ref('late', 'A004', 'A'), priority: false, businessDay: DAY } }]);
    expect(s.tickets.get('a1')?.status).toBe('done');
    expect(s.tickets.get('a2')?.status).toBe('abandoned');
    expect(s.businessDay).toBe(DAY);
  });
});
