import { describe, expect, it } from 'vitest';
import { bannedUntil, maskPhone, slotsOn, slotsView } from '../../../shared/appointments.ts';
import { at, closeDay, Replay, spec } from '../../support/spec.ts';
import { book, cancelBooking, checkIn, lobbyHall, slotIso } from '../../support/lobbySpec.ts';

// Lobby hall: A takes 2 bookings per 30-minute slot, 7 days ahead, check-in 30 before to 15 after.
// Hours 08:00–12:00 and 14:30–17:30. 2026-11-23 is a Monday; 2026-11-25 is a closed date.
const A = lobbyHall.services.find((s) => s.id === 'A')!;
const lobby = () => spec(lobbyHall);
const TUE = '2026-11-24';

describe('slots', () => {
  it('tile the hall\'s hours on working days, slotMin long', () => {
    const slots = slotsOn(lobbyHall, A, TUE);
    expect(slots).toHaveLength(8 + 6);
    expect(slots[0]).toEqual({ startMs: at('08:00', TUE), endMs: at('08:30', TUE) });
    expect(slots[8]).toEqual({ startMs: at('14:30', TUE), endMs: at('15:00', TUE) });
  });

  it('none at weekends, on the hall\'s closed dates, or for a service without bookings', () => {
    expect(slotsOn(lobbyHall, A, '2026-11-28')).toEqual([]);
    expect(slotsOn(lobbyHall, A, '2026-11-25')).toEqual([]);
    expect(slotsOn(lobbyHall, lobbyHall.services.find((s) => s.id === 'B')!, TUE)).toEqual([]);
  });

  it('show what is free; past slots and days beyond daysAhead show nothing free', () => {
    const r = new Replay(lobbyHall).apply(book('ap1', '111111', slotIso('10:00', TUE), '13800000001', at('08:00')));
    const view = slotsView(lobbyHall, r.state.appointments, A, TUE, at('09:00'));
    expect(view.find((s) => s.start === slotIso('10:00', TUE))!.free).toBe(1);
    expect(view.find((s) => s.start === slotIso('10:30', TUE))!.free).toBe(2);
    expect(slotsView(lobbyHall, r.state.appointments, A, '2026-11-23', at('09:00')).find((s) => s.start === slotIso('09:00'))!.free).toBe(0);
    expect(slotsView(lobbyHall, r.state.appointments, A, '2026-12-01', at('09:00')).every((s) => s.free === 0)).toBe(true);
    expect(slotsView(lobbyHall, r.state.appointments, A, '2026-11-30', at('09:00')).some((s) => s.free === 2)).toBe(true);
  });
});

describe('booking', () => {
  it('holds a place with its code, phone and name; the booker is recorded', () => {
    const s = lobby().given().when(book('ap1', '123456', slotIso('10:00', TUE), '13800001234', at('08:00'), { name: '王阿姨', by: 'L01' })).then([
      {
        type: 'AppointmentBooked',
        data: { appointmentId: 'ap1', code: '123456', serviceId: 'A', date: TUE, start: slotIso('10:00', TUE), end: slotIso('10:30', TUE), phone: '13800001234', name: '王阿姨', by: 'L01' },
      },
    ]);
    expect(s.appointments.byId.get('ap1')).toMatchObject({ status: 'booked', ticketId: null });
  });

  it('refuses a full slot, a second booking of one phone for a service and day, and a code already held', () => {
    const two = [book('ap1', '111111', slotIso('10:00', TUE), '13800000001'), book('ap2', '222222', slotIso('10:00', TUE), '13800000002')];
    lobby().given(...two).when(book('ap3', '333333', slotIso('10:00', TUE), '13800000003')).thenThrows('SLOT_FULL');
    lobby().given(...two).when(book('ap3', '333333', slotIso('15:00', TUE), '13800000001')).thenThrows('ALREADY_BOOKED');
    lobby().given(...two).when(book('ap3', '111111', slotIso('15:00', TUE), '13800000003')).thenThrows('CODE_TAKEN');
  });

  it('a cancelled booking gives its place back and lets the phone book again', () => {
    const r = new Replay(lobbyHall).apply(book('ap1', '111111', slotIso('10:00', TUE), '13800000001'), book('ap2', '222222', slotIso('10:00', TUE), '13800000002'));
    expect(r.run(cancelBooking('ap1'))).toMatchObject([{ type: 'AppointmentCancelled', data: { appointmentId: 'ap1', by: 'visitor' } }]);
    r.run(book('ap3', '333333', slotIso('10:00', TUE), '13800000001', at('08:40')));
    expect(r.state.appointments.byId.get('ap3')!.status).toBe('booked');
    lobby().given(book('ap1', '111111', slotIso('10:00', TUE), '13800000001'), cancelBooking('ap1')).when(cancelBooking('ap1')).thenThrows('NOT_BOOKED');
    lobby().given().when(cancelBooking('nope')).thenThrows('UNKNOWN_APPOINTMENT');
  });

  it('refuses a bad phone, a time that is no slot start, a past slot, beyond daysAhead, and a day without slots', () => {
    lobby().given().when(book('ap1', '111111', slotIso('10:00', TUE), '2380000000')).thenThrows('BAD_PHONE');
    lobby().given().when(book('ap1', '111111', slotIso('10:10', TUE))).thenThrows('NOT_A_SLOT');
    lobby().given().when(book('ap1', '111111', slotIso('10:00', '2026-11-28'))).thenThrows('NOT_A_SLOT');
    lobby().given().when(book('ap1', '111111', slotIso('10:00', TUE), '13800001234', at('08:00'), { works: false })).thenThrows('NOT_A_SLOT');
    lobby().given().when(book('ap1', '111111', slotIso('09:00'), '13800001234', at('09:00'))).thenThrows('SLOT_CLOSED');
    lobby().given().when(book('ap1', '111111', slotIso('09:00', '2026-12-01'))).thenThrows('SLOT_CLOSED');
    lobby().given().when(book('ap1', '111111', slotIso('09:00'), '13800001234', at('08:00'), { serviceId: 'B' })).thenThrows('NO_APPOINTMENTS');
    lobby().given().when(book('ap1', '111111', slotIso('09:00'), '13800001234', at('08:00'), { serviceId: 'Z' })).thenThrows('UNKNOWN_SERVICE');
  });
});

describe('check-in', () => {
  const booked = book('ap1', '111111', slotIso('09:00'), '13800000001', at('07:00'));

  it('issues a ticket for the booking, marked with its slot, from earlyMin before the start', () => {
    const s = lobby().given(booked).when(checkIn('111111', 't1', at('08:30'))).then([
      { type: 'TicketIssued', data: { ticketId: 't1', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-23', appointmentId: 'ap1', slotStart: slotIso('09:00') } },
      { type: 'AppointmentCheckedIn', data: { appointmentId: 'ap1', serviceId: 'A', start: slotIso('09:00'), ticketId: 't1', number: 'A001' } },
    ]);
    expect(s.tickets.get('t1')).toMatchObject({ appointmentId: 'ap1', slotStartMs: at('09:00') });
    expect(s.appointments.byId.get('ap1')).toMatchObject({ status: 'checked-in', ticketId: 't1' });
  });

  it('TOO_EARLY before, TOO_LATE after lateMin, ALREADY_CHECKED_IN the second time, UNKNOWN_CODE, and a cancelled booking', () => {
    lobby().given(booked).when(checkIn('111111', 't1', at('08:29:59'))).thenThrows('TOO_EARLY');
    lobby().given(booked).when(checkIn('111111', 't1', at('09:15'))).then([expect.objectContaining({ type: 'TicketIssued' }), expect.objectContaining({ type: 'AppointmentCheckedIn' })]);
    lobby().given(booked).when(checkIn('111111', 't1', at('09:15:01'))).thenThrows('TOO_LATE');
    lobby().given(booked, checkIn('111111', 't1', at('08:45'))).when(checkIn('111111', 't2', at('08:50'))).thenThrows('ALREADY_CHECKED_IN');
    lobby().given(booked).when(checkIn('999999', 't1', at('08:45'))).thenThrows('UNKNOWN_CODE');
    lobby().given(booked, cancelBooking('ap1', at('08:00'))).when(checkIn('111111', 't1', at('08:45'))).thenThrows('APPOINTMENT_CANCELLED');
  });

  it('is neither cut off nor capped: the booking reserved the place', () => {
    // D stops issuing at 16:00 and C is capped at 3 a day; A's check-in ignores both kinds of limit.
    const late = book('ap9', '999999', slotIso('17:00'), '13800000009', at('07:00'));
    const capped = { ...lobbyHall, services: lobbyHall.services.map((s) => (s.id === 'A' ? { ...s, dailyCap: 1, issueUntil: '16:00' } : s)) };
    spec(capped).given(late, { type: 'IssueTicket', at: at('08:00'), ticketId: 'w1', serviceId: 'A', priority: false }).when(checkIn('999999', 't9', at('16:50'))).then([
      expect.objectContaining({ type: 'TicketIssued', data: expect.objectContaining({ number: 'A002', appointmentId: 'ap9' }) }),
      expect.objectContaining({ type: 'AppointmentCheckedIn' }),
    ]);
  });
});

describe('the day\'s close', () => {
  it('turns bookings of that day (and earlier) not checked in into missed; later days stay booked', () => {
    const r = new Replay(lobbyHall).apply(
      book('ap1', '111111', slotIso('09:00'), '13800000001', at('07:00')),
      book('ap2', '222222', slotIso('10:00'), '13800000002', at('07:00')),
      book('ap3', '333333', slotIso('10:00', TUE), '13800000003', at('07:00')),
      checkIn('111111', 't1', at('08:45')),
    );
    const events = r.run(closeDay('2026-11-23', at('00:00', TUE)));
    expect(events.map((e) => e.type)).toEqual(['DayClosed', 'AppointmentsMissed']);
    expect(events[1]!.data).toEqual({ businessDay: '2026-11-23', appointmentIds: ['ap2'] });
    expect(r.state.appointments.byId.get('ap2')!.status).toBe('missed');
    expect(r.state.appointments.byId.get('ap3')!.status).toBe('booked');
    expect(r.state.appointments.byId.get('ap1')!.status).toBe('checked-in');
  });

  it('still sweeps bookings on a day without a single ticket', () => {
    lobby().given(book('ap1', '111111', slotIso('09:00'), '13800000001', at('07:00'))).when(closeDay('2026-11-23', at('00:00', TUE))).then([
      { type: 'AppointmentsMissed', data: { businessDay: '2026-11-23', appointmentIds: ['ap1'] } },
    ]);
  });
});

describe('a phone that keeps missing', () => {
  /** Books and misses on the given days (each a working day, booked the day before at noon). */
  function missOn(r: Replay, phone: string, days: string[]) {
    days.forEach((d, i) => {
      const prev = new Date(Date.parse(`${d}T12:00:00+08:00`) - 86_400_000);
      r.run(book(`m${i}${phone}`, `${phone.slice(-4)}${String(i).padStart(2, '0')}`, slotIso('09:00', d), phone, prev.getTime()));
      r.run(closeDay(d, Date.parse(`${d}T23:59:00+08:00`)));
    });
  }

  it('cannot book for 30 days after its third miss within 30 days, and is told until when', () => {
    const r = new Replay(lobbyHall);
    missOn(r, '13900000001', ['2026-11-02', '2026-11-10', '2026-11-20']);
    expect(bannedUntil(lobbyHall, r.state.appointments, '13900000001', '2026-11-23')).toBe('2026-12-21');
    let err: { code: string; zh: string; en: string } | null = null;
    try {
      r.run(book('x', '654321', slotIso('10:00', TUE), '13900000001', at('09:00')));
    } catch (e) {
      err = e as typeof err;
    }
    expect(err).toMatchObject({ code: 'BOOKING_BLOCKED' });
    expect(err!.zh).toContain('2026-12-20');
    expect(err!.en).toContain('2026-12-20');
    expect(bannedUntil(lobbyHall, r.state.appointments, '13900000001', '2026-12-21')).toBeNull();
  });

  it('three misses spread over more than 30 days, or two, do not block', () => {
    const r = new Replay(lobbyHall);
    missOn(r, '13900000002', ['2026-10-05', '2026-10-20', '2026-11-05']);
    missOn(r, '13900000003', ['2026-11-10', '2026-11-20']);
    expect(bannedUntil(lobbyHall, r.state.appointments, '13900000002', '2026-11-23')).toBeNull();
    expect(bannedUntil(lobbyHall, r.state.appointments, '13900000003', '2026-11-23')).toBeNull();
  });
});

it('staff and lobby see a booker\'s phone masked', () => {
  expect(maskPhone('13812341234')).toBe('138****1234');
});
