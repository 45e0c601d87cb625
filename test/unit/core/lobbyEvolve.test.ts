import { describe, expect, it } from 'vitest';
import { initialState } from '../../../shared/state.ts';
import { evolve } from '../../../shared/state.ts';
import type { HallEvent } from '../../../shared/events.ts';
import { at, DAY, Replay, ref, type GivenEvent } from '../../support/spec.ts';
import { lobbyHall, slotIso } from '../../support/lobbySpec.ts';

// evolve folds the lobby's and appointments' events as they are: given events, then state.
const iso = (hhmm: string, day = DAY) => `${day}T${hhmm}:00.000+08:00`;
const given = (...events: GivenEvent[]) => new Replay(lobbyHall).apply(...events).state;
const issued = (id = 'a1', number = 'A001', ms = at('08:00')): GivenEvent =>
  ({ type: 'TicketIssued', data: { ...ref(id, number, 'A'), priority: false, businessDay: DAY }, at: ms });
const booked = (id = 'ap1', code = '111111', start = slotIso('09:00'), phone = '13800000001'): GivenEvent => ({
  type: 'AppointmentBooked',
  data: { appointmentId: id, code, serviceId: 'A', date: start.slice(0, 10), start, end: start.replace(/T(\d\d):00/, (_, h) => `T${h}:30`), phone, name: '', by: 'visitor' },
  at: at('07:00'),
});

describe('evolve, lobby events', () => {
  it('TicketMoved: the ticket changes service (issue time kept) and takes the pin it names', () => {
    const s = given(issued(), { type: 'TicketMoved', data: { ...ref('a1', 'A001', 'A'), toServiceId: 'B', toWindowId: 'W2', by: 'L01', reason: 'x' } });
    expect(s.tickets.get('a1')).toMatchObject({ serviceId: 'B', issuedServiceId: 'A', issuedMs: at('08:00'), pinnedWindowId: 'W2', status: 'waiting' });
  });

  it('TicketPrioritised: the ticket joins the green channel', () => {
    expect(given(issued(), { type: 'TicketPrioritised', data: { ...ref('a1', 'A001', 'A'), by: 'L01', reason: 'x' } }).tickets.get('a1')!.priority).toBe(true);
  });

  it('TicketCancelled: the ticket leaves the waiting set, cancelled', () => {
    const s = given(issued(), { type: 'TicketCancelled', data: { ...ref('a1', 'A001', 'A'), by: 'visitor', reason: '' } });
    expect(s.tickets.get('a1')!.status).toBe('cancelled');
    expect(s.waiting.size).toBe(0);
  });

  it('ServiceExtended: the service\'s extension for that day', () => {
    const s = given({ type: 'ServiceExtended', data: { serviceId: 'D', businessDay: DAY, until: '16:30', by: 'L01', reason: 'x' } });
    expect(s.extensions.get('D')).toEqual({ businessDay: DAY, until: '16:30' });
  });

  it('AppointmentBooked / Cancelled: a place taken and given back; the code finds the booking', () => {
    let s = given(booked());
    expect(s.appointments.byId.get('ap1')).toMatchObject({ status: 'booked', startMs: at('09:00'), bookedAt: iso('07:00') });
    expect(s.appointments.byCode.get('111111')).toBe('ap1');
    expect([...s.appointments.taken.values()]).toEqual([1]);
    s = given(booked(), { type: 'AppointmentCancelled', data: { appointmentId: 'ap1', serviceId: 'A', start: slotIso('09:00'), by: 'visitor', reason: '' } });
    expect(s.appointments.byId.get('ap1')!.status).toBe('cancelled');
    expect(s.appointments.taken.size).toBe(0);
  });

  it('AppointmentCheckedIn: the booking points at its ticket, and a ticket issued with a booking knows its slot', () => {
    const s = given(
      booked(),
      { type: 'TicketIssued', data: { ...ref('t1', 'A001', 'A'), priority: false, businessDay: DAY, appointmentId: 'ap1', slotStart: slotIso('09:00') }, at: at('08:40') },
      { type: 'AppointmentCheckedIn', data: { appointmentId: 'ap1', serviceId: 'A', start: slotIso('09:00'), ticketId: 't1', number: 'A001' }, at: at('08:40') },
    );
    expect(s.appointments.byId.get('ap1')).toMatchObject({ status: 'checked-in', ticketId: 't1', checkedInAt: iso('08:40') });
    expect(s.tickets.get('t1')).toMatchObject({ appointmentId: 'ap1', slotStartMs: at('09:00') });
  });

  it('AppointmentsMissed: bookings still open become missed, others are left alone', () => {
    const s = given(
      booked('ap1', '111111'), booked('ap2', '222222', slotIso('09:30'), '13800000002'),
      { type: 'AppointmentCancelled', data: { appointmentId: 'ap2', serviceId: 'A', start: slotIso('09:30'), by: 'visitor', reason: '' } },
      { type: 'AppointmentsMissed', data: { businessDay: DAY, appointmentIds: ['ap1', 'ap2'] } },
    );
    expect(s.appointments.byId.get('ap1')!.status).toBe('missed');
    expect(s.appointments.byId.get('ap2')!.status).toBe('cancelled');
  });

  it('appointment events fold without the tickets of their day (as they replay from earlier days)', () => {
    const s = initialState(lobbyHall);
    const e = (seq: number, body: Omit<HallEvent, 'seq' | 'at'>) => ({ ...body, seq, at: iso('08:40') }) as HallEvent;
    evolve(s, e(1, { type: 'AppointmentBooked', data: (booked() as unknown as { data: never }).data } as never));
    evolve(s, e(2, { type: 'AppointmentCheckedIn', data: { appointmentId: 'ap1', serviceId: 'A', start: slotIso('09:00'), ticketId: 'gone', number: 'A001' } } as never));
    expect(s.appointments.byId.get('ap1')!.status).toBe('checked-in');
    expect(s.tickets.size).toBe(0);
  });

  it('a new day\'s first ticket clears the tickets but keeps the bookings', () => {
    const s = given(booked('ap1', '111111', slotIso('09:00', '2026-11-24')), issued(), {
      type: 'TicketIssued', data: { ...ref('n1', 'A001', 'A'), priority: false, businessDay: '2026-11-24' }, at: at('08:00', '2026-11-24'),
    });
    expect([...s.tickets.keys()]).toEqual(['n1']);
    expect(s.appointments.byId.has('ap1')).toBe(true);
  });
});
