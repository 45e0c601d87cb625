import { describe, expect, it } from 'vitest';
import { at, callNext, closeDay, DAY, finish, issue, Replay, signIn, spec } from '../../support/spec.ts';

describe('a given/when/then story across midnight', () => {
  const NEXT = '2026-11-24';
  const lateEvening = [
    issue('a1', 'A', at('21:00')), signIn('W1', 'S01', 'A', at('21:00')), callNext('W1', 'S01', at('21:01')),
    finish('W1', 'S01', 'done', at('21:10')), issue('a2', 'A', at('23:59')),
  ];

  it('the last ticket of the evening is A002 and waits; at midnight the day closes and abandons it', () => {
    const evening = spec().given(...lateEvening);
    expect(evening.state.tickets.get('a2')).toMatchObject({ number: 'A002', status: 'waiting', businessDay: DAY });
    const after = evening.when(closeDay(DAY, at('00:00', NEXT)))
      .then([{ type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a2'] } }]);
    expect(after.tickets.get('a1')?.status).toBe('done');
    expect(after.tickets.get('a2')?.status).toBe('abandoned');
    expect(after.lastAt).toBe('2026-11-24T00:00:00.000+08:00');
  });

  it('at 00:01 the new day\'s first ticket is A001', () => {
    spec().given(...lateEvening, closeDay(DAY, at('00:00', NEXT))).when(issue('n1', 'A', at('00:01', NEXT)))
      .then([{ type: 'TicketIssued', data: { ticketId: 'n1', number: 'A001', serviceId: 'A', priority: false, businessDay: NEXT } }]);
  });

  it('the first ticket after midnight is A001 of the new day, and the window must be signed in to again', () => {
    const r = new Replay().apply(...lateEvening, closeDay(DAY, at('00:00', NEXT)));
    expect(r.run(issue('n1', 'A', at('00:01', NEXT)))).toMatchObject([
      { type: 'TicketIssued', at: '2026-11-24T00:01:00.000+08:00', data: { number: 'A001', businessDay: NEXT } },
    ]);
    expect(() => r.run(callNext('W1', 'S01', at('08:00', NEXT)))).toThrow(expect.objectContaining({ code: 'NOT_SIGNED_IN' }));
    r.run(signIn('W1', 'S01', 'A', at('08:00', NEXT)));
    expect(r.run(callNext('W1', 'S01', at('08:01', NEXT)))).toMatchObject([{ type: 'TicketCalled', data: { ticketId: 'n1', number: 'A001' } }]);
    expect(() => r.run(callNext('W1', 'S01', at('08:02', NEXT)))).toThrow(expect.objectContaining({ code: 'TICKET_IN_HAND' }));
    // Seq runs on across days without a gap.
    r.events.forEach((e, i) => expect(e.seq).toBe(i + 1));
  });

  it('three days in a row each number from A001, with capped C issuing three a day', () => {
    const r = new Replay();
    for (const day of [DAY, NEXT, '2026-11-25']) {
      const numbers: string[] = [];
      for (let i = 0; i < 4; i++) {
        for (const serviceId of ['A', 'C']) {
          try {
            const [e] = r.run(issue(`${day}-${serviceId}${i}`, serviceId, at(`09:0${i}`, day)));
            if (e?.type === 'TicketIssued') numbers.push(e.data.number);
          } catch (err) {
            expect(err).toMatchObject({ code: 'SERVICE_FULL' });
            numbers.push('full');
          }
        }
      }
      expect(numbers).toEqual(['A001', 'C001', 'A002', 'C002', 'A003', 'C003', 'A004', 'full']);
      r.run(closeDay(day, at('00:00', day) + 24 * 3_600_000));
    }
  });
});
