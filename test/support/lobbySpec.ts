import type { Command } from '../../shared/commands.ts';
import type { HallConfig, HallConfigInput } from '../../shared/config.ts';
import { at, hallConfig, specHallInput } from './spec.ts';

/**
 * The spec hall with bookings: service A takes 2 bookings per 30-minute slot, 7 days ahead,
 * check-in from 30 minutes before to 15 after the slot's start. The spec day (2026-11-23) is a Monday.
 */
export const lobbyHallInput: HallConfigInput = {
  ...specHallInput,
  hall: { ...specHallInput.hall, closedDates: ['2026-11-25'] },
  services: specHallInput.services.map((s) =>
    s.id === 'A' ? { ...s, appointments: { slotMin: 30, perSlot: 2, daysAhead: 7, earlyMin: 30, lateMin: 15 } } : s,
  ),
  staff: [...specHallInput.staff, { id: 'L01', name: '钱大堂', pin: '300001', role: 'lobby' }],
};
export const lobbyHall: HallConfig = hallConfig(lobbyHallInput);

/** A slot's start on the spec day (or `day`) as the API writes it. */
export const slotIso = (hhmm: string, day = '2026-11-23') => `${day}T${hhmm}:00.000+08:00`;

export const move = (ticketId: string, serviceId: string | null, windowId: string | null, reason = '二次分流', ms = at('09:00'), by = 'L01'): Command =>
  ({ type: 'MoveTicket', at: ms, ticketId, serviceId, windowId, by, reason });
export const prioritise = (ticketId: string, reason = '老人', ms = at('09:00'), by = 'L01'): Command =>
  ({ type: 'PrioritiseTicket', at: ms, ticketId, by, reason });
export const cancelTicket = (ticketId: string, by = 'visitor', reason = '', ms = at('09:00')): Command =>
  ({ type: 'CancelTicket', at: ms, ticketId, by, reason });
export const extend = (serviceId: string, until: string, ms = at('15:50'), reason = '仍有人排队', by = 'L01'): Command =>
  ({ type: 'ExtendService', at: ms, serviceId, until, by, reason });
export const book = (
  appointmentId: string, code: string, start: string, phone = '13800001234', ms = at('08:00'), opts: { serviceId?: string; name?: string; by?: string; works?: boolean } = {},
): Command => ({
  type: 'BookAppointment', at: ms, appointmentId, code, serviceId: opts.serviceId ?? 'A', start, phone,
  name: opts.name ?? '', by: opts.by ?? 'visitor', works: opts.works ?? true,
});
export const cancelBooking = (appointmentId: string, ms = at('08:30'), by = 'visitor', reason = ''): Command =>
  ({ type: 'CancelAppointment', at: ms, appointmentId, by, reason });
export const checkIn = (code: string, ticketId: string, ms = at('09:00')): Command => ({ type: 'CheckInAppointment', at: ms, code, ticketId });
