import { describe, expect, it } from 'vitest';
import { at, callNext, finish, issue, signIn, spec, start, transfer } from '../../support/spec.ts';

describe('finished services per service, kept as they happen', () => {
  it('sums start-to-finish time under the service served in, and starts over with the next day', () => {
    const s = spec().given(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), signIn('W1', 'S01', 'A', at('08:30')),
      callNext('W1', 'S01', at('09:00')), start('W1', 'S01', at('09:01')), finish('W1', 'S01', 'done', at('09:06')),
      callNext('W1', 'S01', at('09:10')), start('W1', 'S01', at('09:11')), transfer('W1', 'S01', 'B', '', at('09:12')),
    ).when(issue('a3', 'A', at('09:20'))).then([
      { type: 'TicketIssued', data: { ticketId: 'a3', number: 'A003', serviceId: 'A', priority: false, businessDay: '2026-11-23' } },
    ]);
    // The transferred ticket's service at A never finished: only the first counts.
    expect(s.servedPerService.get('A')).toEqual({ ms: 5 * 60_000, n: 1 });
    expect(s.servedPerService.get('B')).toBeUndefined();
    const next = spec().given(
      issue('a1', 'A', at('08:00')), signIn('W1', 'S01', 'A', at('08:30')), callNext('W1', 'S01', at('09:00')),
      finish('W1', 'S01', 'done', at('09:04')),
    ).when(issue('b1', 'A', at('08:00', '2026-11-24'))).then([
      { type: 'TicketIssued', data: { ticketId: 'b1', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-24' } },
    ]);
    expect(next.servedPerService.size).toBe(0);
  });
});
