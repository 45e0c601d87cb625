import type { HallConfig, ServiceConfig } from './config.ts';
import { conflict, invalid, notFound } from './errors.ts';
import type { BookingData } from './lobbyEvents.ts';
import { addDays, localDate, localTimeToMs, toIso, weekday } from './time.ts';

/**
 * Appointment rules (预约): slots, free places, the check-in window, codes and the ban on phones
 * that keep missing. Pure: the instant and the hall's calendar come in as arguments.
 */

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled' | 'missed';

export interface Appointment extends BookingData {
  startMs: number;
  bookedAt: string;
  status: AppointmentStatus;
  ticketId: string | null;
  checkedInAt: string | null;
}

/**
 * Every kept booking, across days: unlike tickets, bookings outlive the day's state. Kept for
 * `KEEP_DAYS` after their date so the missed-booking ban can look back.
 */
export interface AppointmentBook {
  byId: Map<string, Appointment>;
  /** Code → booking, for every kept booking (the hub never reuses a kept code). */
  byCode: Map<string, string>;
  /** Bookings holding a place (booked or checked in) per `serviceId|startMs`. */
  taken: Map<string, number>;
  /** Booking ids per phone: a booking's checks look at that phone's history only, not every kept booking. */
  byPhone: Map<string, string[]>;
}

/** Days a booking is kept after its date: the ban looks back up to a year and a bit. */
export const KEEP_DAYS = 800;

export function emptyBook(): AppointmentBook {
  return { byId: new Map(), byCode: new Map(), taken: new Map(), byPhone: new Map() };
}

export const slotKey = (serviceId: string, startMs: number) => `${serviceId}|${startMs}`;

export interface Slot {
  startMs: number;
  endMs: number;
}

/** Whether a service has slots on a date: its weekdays, not a closed date of the hall. */
export function hasSlotsOn(config: HallConfig, service: ServiceConfig, date: string): boolean {
  const a = service.appointments;
  if (!a) return false;
  if (config.hall.closedDates?.includes(date)) return false;
  return a.weekdays.includes(weekday(date));
}

/** The slots of a service on a date, tiling each span of the hall's hours (a short tail is left out). */
export function slotsOn(config: HallConfig, service: ServiceConfig, date: string): Slot[] {
  const a = service.appointments;
  if (!a || !hasSlotsOn(config, service, date)) return [];
  const tz = config.hall.timezone;
  const out: Slot[] = [];
  for (const [from, to] of config.hall.hours) {
    const end = localTimeToMs(date, to, tz);
    for (let s = localTimeToMs(date, from, tz); s + a.slotMin * 60_000 <= end; s += a.slotMin * 60_000) {
      out.push({ startMs: s, endMs: s + a.slotMin * 60_000 });
    }
  }
  return out;
}

/** Places still free in a slot, whatever the time. */
export function freeIn(book: AppointmentBook, service: ServiceConfig, startMs: number): number {
  const per = service.appointments?.perSlot ?? 0;
  return Math.max(0, per - (book.taken.get(slotKey(service.id, startMs)) ?? 0));
}

/** Whether a slot can be booked now: it has not started and its date is within `daysAhead`. */
export function bookable(config: HallConfig, service: ServiceConfig, startMs: number, now: number): boolean {
  const a = service.appointments;
  if (!a || startMs <= now) return false;
  const tz = config.hall.timezone;
  return localDate(startMs, tz) <= addDays(localDate(now, tz), a.daysAhead);
}

/** A day's slots as the API lists them: past slots and days beyond `daysAhead` have nothing free. */
export function slotsView(config: HallConfig, book: AppointmentBook, service: ServiceConfig, date: string, now: number) {
  const tz = config.hall.timezone;
  return slotsOn(config, service, date).map((s) => ({
    start: toIso(s.startMs, tz),
    end: toIso(s.endMs, tz),
    free: bookable(config, service, s.startMs, now) ? freeIn(book, service, s.startMs) : 0,
  }));
}

/** The kept bookings of one phone. */
export function ofPhone(book: AppointmentBook, phone: string): Appointment[] {
  return (book.byPhone.get(phone) ?? []).map((id) => book.byId.get(id)).filter((a): a is Appointment => a !== undefined);
}

const banRule = (config: HallConfig) => config.hall.bookingBan ?? { missed: 3, withinDays: 30, banDays: 30 };

/** A mainland mobile number: 11 digits, the first a 1. */
export const isMobile = (phone: string) => /^1\d{10}$/.test(phone);

/** 138****1234: what staff and lobby see of a booker's phone. */
export const maskPhone = (phone: string) => (phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****');

/**
 * The date until which a phone may not book (exclusive), or null: after `missed` bookings missed
 * within `withinDays` of each other, no booking for `banDays` from the last of them.
 */
export function bannedUntil(config: HallConfig, book: AppointmentBook, phone: string, today: string): string | null {
  const { missed, withinDays, banDays } = banRule(config);
  if (banDays === 0) return null;
  const dates = ofPhone(book, phone).filter((a) => a.status === 'missed').map((a) => a.date).sort();
  let until: string | null = null;
  for (let i = missed - 1; i < dates.length; i++) {
    const first = dates[i - missed + 1]!;
    const last = dates[i]!;
    if (addDays(first, withinDays - 1) >= last) {
      const end = addDays(last, banDays + 1);
      if (!until || end > until) until = end;
    }
  }
  return until && until > today ? until : null;
}

export interface BookRequest {
  at: number;
  appointmentId: string;
  code: string;
  serviceId: string;
  start: string;
  phone: string;
  name: string;
  by: string;
  works: boolean;
}

/** Checks a booking against every rule and returns what the booking holds, or throws why not. */
export function checkBooking(config: HallConfig, book: AppointmentBook, r: BookRequest): BookingData {
  const service = config.services.find((s) => s.id === r.serviceId);
  if (!service) throw notFound('UNKNOWN_SERVICE', `没有业务 ${r.serviceId}`, `No service ${r.serviceId}`);
  if (!service.appointments) throw conflict('NO_APPOINTMENTS', `${service.name}不接受预约`, `${service.name} takes no bookings`);
  if (!isMobile(r.phone)) throw invalid('BAD_PHONE', '请填写 11 位手机号码', 'Enter an 11-digit mobile number');
  const tz = config.hall.timezone;
  const startMs = Date.parse(r.start);
  const date = Number.isFinite(startMs) ? localDate(startMs, tz) : '';
  const slot = date && r.works ? slotsOn(config, service, date).find((s) => s.startMs === startMs) : undefined;
  if (!slot) throw invalid('NOT_A_SLOT', '所选时间不是可预约的时段', 'That time is not the start of a booking slot');
  const today = localDate(r.at, tz);
  if (!bookable(config, service, startMs, r.at)) {
    throw conflict('SLOT_CLOSED', '该时段已过或尚未开放预约', 'That slot has passed or is not open for booking yet');
  }
  const until = bannedUntil(config, book, r.phone, today);
  if (until) {
    const { missed, withinDays } = banRule(config);
    const last = addDays(until, -1);
    throw conflict(
      'BOOKING_BLOCKED',
      `该号码 ${withinDays} 天内已有 ${missed} 次预约未到，${last} 之后才能再预约`,
      `This number missed ${missed} bookings within ${withinDays} days; it can book again after ${last}`,
    );
  }
  for (const a of ofPhone(book, r.phone)) {
    if (a.serviceId === service.id && a.date === date && (a.status === 'booked' || a.status === 'checked-in')) {
      throw conflict('ALREADY_BOOKED', `该号码已预约 ${date} 的${service.name}`, `This number already holds a booking for ${service.name} on ${date}`);
    }
  }
  if (freeIn(book, service, startMs) === 0) throw conflict('SLOT_FULL', '该时段已约满，请选其他时段', 'That slot is full; choose another');
  if (!/^\d{6}$/.test(r.code) || book.byCode.has(r.code)) {
    // The hub draws codes that no kept booking holds; this only guards against a bad draw.
    throw conflict('CODE_TAKEN', '预约码重复，请重试', 'Booking code clash; try again');
  }
  return {
    appointmentId: r.appointmentId, code: r.code, serviceId: service.id, date,
    start: toIso(slot.startMs, tz), end: toIso(slot.endMs, tz), phone: r.phone, name: r.name, by: r.by,
  };
}

/** The booking a code stands for, or 404. */
export function byCode(book: AppointmentBook, code: string): Appointment {
  const id = book.byCode.get(code);
  const a = id ? book.byId.get(id) : undefined;
  if (!a) throw notFound('UNKNOWN_CODE', '没有这个预约码', 'No booking with that code');
  return a;
}

/** Checks that a booking may check in now: from `start − earlyMin` to `start + lateMin` of its day. */
export function checkCheckIn(config: HallConfig, a: Appointment, at: number): void {
  if (a.status === 'checked-in') throw conflict('ALREADY_CHECKED_IN', '该预约已签到取号', 'This booking has already checked in');
  if (a.status === 'cancelled') throw conflict('APPOINTMENT_CANCELLED', '该预约已取消', 'This booking was cancelled');
  const service = config.services.find((s) => s.id === a.serviceId);
  const early = service?.appointments?.earlyMin ?? 30;
  const late = service?.appointments?.lateMin ?? 15;
  const tz = config.hall.timezone;
  const hhmm = (ms: number) => toIso(ms, tz).slice(11, 16);
  if (at < a.startMs - early * 60_000) {
    throw conflict('TOO_EARLY', `请于 ${a.date} ${hhmm(a.startMs - early * 60_000)} 之后签到`, `Check in from ${a.date} ${hhmm(a.startMs - early * 60_000)}`);
  }
  if (a.status === 'missed' || at > a.startMs + late * 60_000) {
    throw conflict('TOO_LATE', `已超过签到时间（${hhmm(a.startMs + late * 60_000)}），请取普通号`, `Check-in closed at ${hhmm(a.startMs + late * 60_000)}; please take an ordinary ticket`);
  }
}
