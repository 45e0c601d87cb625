import { describe, expect, it } from 'vitest';

import { at, callNext, closeDay, finish, issue, Replay, signIn } from '../../support/spec.ts';
import { book, cancelBooking, cancelTicket, checkIn, extend, lobbyHall, move, slotIso } from '../../support/lobbySpec.ts';

// A whole Monday in the lobby hall (W1 serves [A, B], W2 [B, A]; A takes 2 bookings a slot;
// D stops issuing at 16:00): bookings, early and late arrivals, a no-show booking, moves, a pin,
// cancellations and an extension, through decide and evolve as the hub runs them.
const TUE = '2026-11-24';

function day() {
  const r = new Replay(lobbyHall);
  const calls: string[] = [];
  const serve = (windowId: string, staffId: string, hhmm: string) => {
    const [e] = r.run(callNext(windowId, staffId, at(hhmm)));
    if (e?.type !== 'TicketCalled') throw new Error('no call');
    calls.push(`${hhmm} W${e.data.windowNumber} ${e.data.number}`);
    r.run(finish(windowId, staffId, 'done', at(hhmm) + 60_000));
  };
  r.apply(
    book('ap1', '100001', slotIso('09:00'), '13800000001', at('07:00')),
    book('ap2', '100002', slotIso('09:00'), '13800000002', at('07:01')),
    book('ap3', '100003', slotIso('09:30'), '13800000003', at('07:02')),
    book('ap4', '100004', slotIso('10:00'), '13800000004', at('07:03')),
    book('ap5', '100005', slotIso('09:30'), '13800000005', at('07:04')),
    book('ap6', '100006', slotIso('10:00', TUE), '13800000006', at('07:05')),
    signIn('W1', 'S01', 'A', at('08:00')), signIn('W2', 'S03', 'A', at('08:00')),
    issue('w1', 'A', at('08:00')), issue('b1', 'B', at('08:02')), issue('w2', 'A', at('08:05')), issue('w3', 'A', at('08:10')),
    issue('b2', 'B', at('08:12')), issue('w4', 'A', at('08:15')), issue('w5', 'A', at('08:20')),
  );
  // ap1 comes 35 minutes early: too early to check in, the kiosk says from when.
  expect(() => r.run(checkIn('100001', 't1', at('08:25')))).toThrow(/08:30/);
  return { r, calls, serve };
}

describe('a whole day with the lobby and bookings', () => {
  it('calls everyone in the contract\'s order and ends with the right statuses', () => {
    const { r, calls, serve } = day();
    serve('W1', 'S01', '08:30'); // A001
    serve('W2', 'S03', '08:31'); // B001
    r.apply(checkIn('100001', 't1', at('08:32')), cancelBooking('ap5', at('08:33')));
    serve('W1', 'S01', '08:40'); // A002
    serve('W2', 'S03', '08:45'); // B002
    r.apply(
      move('w5', 'B', null, 'A 排队过长', at('08:50')),
      move('w4', null, 'W2', '熟悉该业务', at('08:51')),
      cancelTicket('w3', 'visitor', '', at('08:55')),
      checkIn('100002', 't2', at('08:58')),
      issue('w6', 'A', at('09:05')),
    );
    serve('W1', 'S01', '09:00'); // ap1's ticket: its slot started, checked in before ap2
    serve('W2', 'S03', '09:01'); // B prefers: A005 was moved to B, keeping 08:20
    serve('W1', 'S01', '09:10'); // ap2's ticket
    r.apply(checkIn('100003', 't3', at('09:12'))); // ap3 early for 09:30: waits as a walk-in of 09:12
    serve('W1', 'S01', '09:20'); // A: w4 is pinned to W2, w6 (09:05) before t3 (09:12)
    serve('W2', 'S03', '09:25'); // B empty; A: the pinned w4 (08:15)
    r.apply(issue('w7', 'A', at('09:29')));
    serve('W1', 'S01', '09:30'); // t3's slot has started: ahead of w7
    serve('W1', 'S01', '09:40'); // w7
    r.apply(extend('D', '16:30', at('15:55')), issue('d1', 'D', at('16:10')));
    expect(() => r.run(checkIn('100004', 't4', at('10:16')))).toThrow(/Check-in closed/);
    const closed = r.run(closeDay('2026-11-23', at('00:00', TUE)));

    expect(calls).toEqual([
      '08:30 W1 A001', '08:31 W2 B001', '08:40 W1 A002', '08:45 W2 B002',
      // A006 = ap1 (checked in 08:32), A007 = ap2 (08:58), A008 = w6 (09:05), A009 = ap3 (09:12), A010 = w7 (09:29).
      '09:00 W1 A006', '09:01 W2 A005', '09:10 W1 A007', '09:20 W1 A008', '09:25 W2 A004', '09:30 W1 A009', '09:40 W1 A010',
    ]);
    const status = (id: string) => r.state.tickets.get(id)!.status;
    expect(['w1', 'w2', 'w4', 'w5', 'w6', 'w7', 't1', 't2', 't3', 'b1', 'b2'].map(status).every((s) => s === 'done')).toBe(true);
    expect(status('w3')).toBe('cancelled');
    expect(status('d1')).toBe('abandoned');
    const ap = (id: string) => r.state.appointments.byId.get(id)!.status;
    expect(['ap1', 'ap2', 'ap3', 'ap4', 'ap5', 'ap6'].map(ap)).toEqual(['checked-in', 'checked-in', 'checked-in', 'missed', 'cancelled', 'booked']);
    expect(closed.map((e) => e.type)).toEqual(['DayClosed', 'AppointmentsMissed']);
    expect(closed[0]!.data).toEqual({ businessDay: '2026-11-23', abandonedTicketIds: ['d1'] });
    // Every departure from first come, first served is in the record with who and why.
    const departures = r.events.filter((e) => ['TicketMoved', 'TicketCancelled', 'ServiceExtended'].includes(e.type)).map((e) => [e.type, (e.data as { by: string }).by]);
    expect(departures).toEqual([['TicketMoved', 'L01'], ['TicketMoved', 'L01'], ['TicketCancelled', 'visitor'], ['ServiceExtended', 'L01']]);
    // Nobody was called twice and nobody waits at the end.
    expect(new Set(calls.map((c) => c.slice(-4))).size).toBe(calls.length);
    expect(r.state.waiting.size).toBe(0);
  });
});
