import { describe, expect, it } from 'vitest';
import { decodeDay, encodeDay } from '../../server/reports/compactFile.ts';
import { toColumns } from '../../shared/reports/dayColumns.ts';
import { dayFacts } from '../../shared/reports/dayFacts.ts';
import { departuresOfDay } from '../../shared/reports/departures.ts';
import { bookingCounts } from '../../shared/reports/lobbyFigures.ts';
import { ticketTimes } from '../../shared/reports/ticketTimes.ts';
import { waitsReport } from '../../shared/reports/waitsReport.ts';
import { at, callNext, closeDay, finish, issue, Replay, signIn, transfer } from '../support/spec.ts';
import { book, cancelBooking, cancelTicket, checkIn, extend, lobbyHall, move, prioritise, slotIso } from '../support/lobbySpec.ts';

// One Monday in the lobby hall (W1 serves [A, B], W2 [B, A]), every figure worked out by hand.
const DAY = '2026-11-23';

function monday() {
  const r = new Replay(lobbyHall);
  r.apply(
    book('ap1', '100001', slotIso('09:00'), '13800000001', at('07:00')),
    book('ap2', '100002', slotIso('09:00'), '13800000002', at('07:00')),
    book('ap3', '100003', slotIso('10:00'), '13800000003', at('07:00')), // never comes: missed
    book('ap4', '100004', slotIso('10:30'), '13800000004', at('07:00')),
    cancelBooking('ap4', at('07:30')), // cancelled: not counted as booked
    book('ap5', '100005', slotIso('09:00', '2026-11-24'), '13800000005', at('07:00')), // another day
    signIn('W1', 'S01', 'A', at('08:00')),
    issue('w1', 'A', at('08:00')), issue('w2', 'A', at('08:01')), issue('w3', 'A', at('08:02')), issue('w4', 'A', at('08:03')),
    checkIn('100001', 't1', at('08:40')), // A005, early: punctuality counts from 09:00
    move('w2', 'B', null, '医保窗口空闲', at('08:45')),
    cancelTicket('w3', 'visitor', '', at('08:46')),
    cancelTicket('w4', 'L01', '已离开', at('08:47')),
    callNext('W1', 'S01', at('09:05')), finish('W1', 'S01', 'done', at('09:08')), // t1: 5 min after its slot
    checkIn('100002', 't2', at('09:10')), // A006, late: counts from 09:10
    callNext('W1', 'S01', at('09:12')), finish('W1', 'S01', 'done', at('09:15')), // t2: 2 min
    issue('w5', 'A', at('09:20')), prioritise('w5', '行动不便', at('09:21')),
    callNext('W1', 'S01', at('09:22')), finish('W1', 'S01', 'done', at('09:25')), // w5 ahead of w1: priority
    callNext('W1', 'S01', at('09:30')), transfer('W1', 'S01', 'B', '需民政审核', at('09:31')), // w1 → B
    extend('D', '16:30', at('15:55')),
  );
  r.run(closeDay(DAY, at('00:00', '2026-11-24')));
  return r;
}

describe('what the lobby and bookings add to the wait report', () => {
  const r = monday();
  const serves = Object.fromEntries(lobbyHall.windows.map((w) => [w.id, w.serviceIds]));
  const day = toColumns(DAY, ticketTimes(r.events), dayFacts(r.events, serves));
  const report = waitsReport(DAY, DAY, [day], lobbyHall, { bookings: bookingCounts(r.state.appointments, DAY, DAY) });
  const A = report.services.find((s) => s.serviceId === 'A')!;

  it('counts cancelled (not abandoned) and moved tickets under the service they left', () => {
    expect(A).toMatchObject({ cancelled: 2, moved: 1, abandoned: 0, transferred: 1 });
    expect(report.services.find((s) => s.serviceId === 'B')).toMatchObject({ cancelled: 0, moved: 0, abandoned: 2 });
    expect(report.total).toMatchObject({ cancelled: 2, moved: 1 });
  });

  it('counts the period\'s bookings: booked (not cancelled), checked in, missed', () => {
    expect(A).toMatchObject({ booked: 3, checkedIn: 2, missed: 1 });
    expect(report.total).toMatchObject({ booked: 3, checkedIn: 2, missed: 1 });
    expect(bookingCounts(r.state.appointments, '2026-11-24', '2026-11-24').get('A')).toEqual({ booked: 1, checkedIn: 0, missed: 0 });
  });

  it('measures punctuality from the later of the slot\'s start and the check-in to the first call', () => {
    // t1: slot 09:00, checked in 08:40, called 09:05 → 300 s; t2: slot 09:00, checked in 09:10, called 09:12 → 120 s.
    expect(A).toMatchObject({ appointmentServed: 2, appointmentWaitAvgSec: 210, appointmentWaitP90Sec: 300 });
    expect(report.services.find((s) => s.serviceId === 'B')).toMatchObject({ appointmentServed: 0, appointmentWaitAvgSec: null, appointmentWaitP90Sec: null });
  });

  it('keeps the new columns through a compact day file', () => {
    const back = decodeDay(encodeDay(day, 1))!.day;
    expect(waitsReport(DAY, DAY, [back], lobbyHall, { bookings: bookingCounts(r.state.appointments, DAY, DAY) }).services).toEqual(report.services);
  });
});

describe('the departures from first come, first served', () => {
  it('lists moves, priorities, staff cancels, transfers, extensions and calls ahead of earlier tickets, with who and why', () => {
    const list = departuresOfDay(monday().events, lobbyHall).map((d) => [d.kind, d.number, d.by, d.reason, d.overtook]);
    expect(list).toEqual([
      ['move', 'A002', 'L01', '医保窗口空闲', null],
      // The visitor who left (w3) is no departure; the lobby taking w4 out is.
      ['cancel', 'A004', 'L01', '已离开', null],
      ['called-ahead', 'A005', 'S01', 'appointment', 1],
      ['called-ahead', 'A006', 'S01', 'appointment', 1],
      ['priority', 'A007', 'L01', '行动不便', null],
      ['called-ahead', 'A007', 'S01', 'priority', 1],
      ['transfer', 'A001', 'S01', '需民政审核', null],
      ['extend', null, 'L01', '16:30 仍有人排队', null],
    ]);
  });

  it('flags a call ahead of earlier tickets that no rule explains', () => {
    // A journal of a window that skipped A001 (say, an old client): the list shows it without a reason.
    const r = new Replay(lobbyHall).apply(issue('w1', 'A', at('08:00')), issue('w2', 'A', at('08:01')), signIn('W1', 'S01', 'A', at('08:00')));
    r.apply({ type: 'TicketCalled', data: { ticketId: 'w2', number: 'A002', serviceId: 'A', windowId: 'W1', staffId: 'S01', windowNumber: 1, post: 'A' }, at: at('08:10') });
    expect(departuresOfDay(r.events, lobbyHall)).toMatchObject([{ kind: 'called-ahead', number: 'A002', reason: '', overtook: 1 }]);
  });
});
