import { randomBytes, randomInt } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { maskPhone, slotsView, type Appointment } from '../../shared/appointments.ts';
import { DomainError, notFound } from '../../shared/errors.ts';
import { VISITOR } from '../../shared/lobbyEvents.ts';
import { isDate } from '../../shared/time.ts';
import type { TokenClaims, Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { clientAddress, GuessThrottle } from '../limits.ts';
import { newTicketKey } from '../ticketKeys.ts';
import { deviceOf, gateIssue, type Trust } from '../trust.ts';
import { ticketView } from '../views.ts';
import { bearer, requireStaff } from './auth.ts';
import { parse } from './errors.ts';
import { dateParam, pathId } from './schemas.ts';

const bookBody = z.object({
  serviceId: z.string().min(1).max(64),
  start: z.iso.datetime({ offset: true }),
  phone: z.string().max(20),
  name: z.string().max(40).default(''),
});
const codeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'expected 6 digits'), kioskId: z.string().max(64).optional() });
const cancelBody = z.object({ code: z.string().regex(/^\d{6}$/, 'expected 6 digits').optional(), reason: z.string().max(200).default('') });
const slotsQuery = z.object({ serviceId: z.string().min(1).max(64), date: dateParam });
const listQuery = z.object({ date: dateParam });

const DEFAULT_PUBLIC_BOOKINGS_PER_DAY = 5;
const tooMany = (what: string) => new DomainError('throttled', 'TOO_MANY_ATTEMPTS', `${what}尝试次数过多，请稍后再试`, 'Too many attempts; try again later');

/** Bookings per client address per business day (without a staff token). */
class DailyQuota {
  private used = new Map<string, number>();
  private day = '';
  take(key: string, day: string, limit: number): boolean {
    if (day !== this.day) {
      this.used.clear();
      this.day = day;
    }
    const n = this.used.get(key) ?? 0;
    if (n >= limit) return false;
    this.used.set(key, n + 1);
    return true;
  }
  giveBack(key: string, day: string) {
    if (day === this.day) this.used.set(key, Math.max(0, (this.used.get(key) ?? 1) - 1));
  }
}

/**
 * Appointments (预约): slots, booking (phones and staff for callers), cancelling with the code,
 * check-in at the kiosk (a ticket that goes ahead once its slot starts) and the day's list for
 * staff. Codes are drawn here, never in the core; phone numbers stay out of every public answer.
 */
export function appointmentRoutes(hub: Hub, tokens: Tokens, trust: Trust): Router {
  const r = Router();
  const staffOnly = requireStaff(tokens, hub.clock, 'staff', 'lobby', 'manager');
  const quota = new DailyQuota();
  const codeGuesses = new GuessThrottle(5, 20);
  const staffOf = (req: Request): TokenClaims | null => {
    const t = bearer(req);
    return t ? trust.staffClaims(t) : null;
  };
  const service = (id: string) => {
    const s = hub.config.services.find((x) => x.id === id);
    if (!s) throw notFound('UNKNOWN_SERVICE', `没有业务 ${id}`, `No service ${id}`);
    return s;
  };

  r.get('/api/appointments/slots', (req, res) => {
    const q = parse(slotsQuery, req.query);
    if (!isDate(q.date)) throw new DomainError('invalid', 'BAD_REQUEST', '日期无效', 'Invalid date');
    res.json(slotsView(hub.config, hub.state.appointments, service(q.serviceId), q.date, hub.clock.now()));
  });

  r.post('/api/appointments', async (req, res) => {
    const b = parse(bookBody, req.body ?? {});
    const token = bearer(req);
    const staff = staffOf(req);
    if (token && !staff) throw new DomainError('unauthorized', 'UNAUTHORIZED', '登录已过期，请重新登录', 'Your session has expired; log in again');
    const address = clientAddress(req);
    const today = hub.today();
    if (!staff && !quota.take(address, today, hub.config.hall.publicBookingsPerDay ?? DEFAULT_PUBLIC_BOOKINGS_PER_DAY)) {
      throw new DomainError('throttled', 'TOO_MANY_BOOKINGS', '本设备今日预约次数已达上限，请电话或到大厅预约', 'This device has made its bookings for today; please book by phone or in the hall');
    }
    let events;
    try {
      events = await hub.execute((at) => ({
        type: 'BookAppointment', at, appointmentId: `ap${randomBytes(6).toString('hex')}`, code: freshCode(hub),
        serviceId: b.serviceId, start: b.start, phone: b.phone, name: b.name.trim(), by: staff?.staffId ?? VISITOR,
        works: true,
      }));
    } catch (e) {
      if (!staff) quota.giveBack(address, today);
      throw e;
    }
    const booked = events.find((e) => e.type === 'AppointmentBooked');
    if (booked?.type !== 'AppointmentBooked') throw new Error('booking produced no AppointmentBooked');
    const a = hub.state.appointments.byId.get(booked.data.appointmentId)!;
    res.status(201).json({ ...bookingView(a, 'full'), code: a.code });
  });

  r.post('/api/appointments/check-in', async (req, res) => {
    const { code, kioskId } = parse(codeBody, req.body ?? {});
    const kiosk = deviceOf(trust, req);
    const address = clientAddress(req);
    const now = hub.clock.now();
    // Codes are 6 digits: without a paired kiosk, unknown codes are throttled so nobody walks them.
    const guarded = !kiosk && !staffOf(req);
    if (guarded && (codeGuesses.lockedFor(address, 'check-in', now) > 0 || !codeGuesses.begin(address, 'check-in', now))) throw tooMany('预约码');
    const known = hub.state.appointments.byCode.has(code);
    if (guarded) {
      codeGuesses.done(address, 'check-in');
      if (!known) codeGuesses.fail(address, 'check-in', now);
    }
    if (!known) throw notFound('UNKNOWN_CODE', '没有这个预约码', 'No booking with that code');
    const gate = gateIssue(trust, req, now);
    const { key, keyHash } = newTicketKey();
    let events;
    try {
      events = await hub.execute(
        (at) => ({ type: 'CheckInAppointment', at, code, ticketId: '', keyHash, issuedBy: gate.issuedBy }),
        { newTicket: true },
      );
    } catch (e) {
      gate.release();
      throw e;
    }
    const issued = events.find((e) => e.type === 'TicketIssued');
    if (issued?.type !== 'TicketIssued') throw new Error('check-in issued no ticket');
    const t = hub.state.tickets.get(issued.data.ticketId)!;
    const view = { ...ticketView(t, hub.state, hub.config), appointmentId: t.appointmentId, slotStart: issued.data.slotStart ?? null, key };
    res.status(201).json(view);
    // Printed as any ticket is: on the printer of the kiosk the page names (its config id).
    if (kioskId) hub.emitPrint?.(kioskId, view);
  });

  r.post('/api/appointments/:id/cancel', async (req, res) => {
    const id = parse(pathId, req.params.id);
    const b = parse(cancelBody, req.body ?? {});
    const a = hub.state.appointments.byId.get(id);
    if (!a) throw notFound('UNKNOWN_APPOINTMENT', '没有这个预约', 'No such booking');
    const staff = staffOf(req);
    let by: string = VISITOR;
    if (b.code === undefined) {
      if (!staff) throw new DomainError('unauthorized', 'UNAUTHORIZED', '请输入预约码', 'Enter the booking code');
      by = staff.staffId;
    } else {
      const address = clientAddress(req);
      const now = hub.clock.now();
      if (codeGuesses.lockedFor(address, id, now) > 0 || !codeGuesses.begin(address, id, now)) throw tooMany('预约码');
      codeGuesses.done(address, id);
      if (b.code !== a.code) {
        codeGuesses.fail(address, id, now);
        throw new DomainError('forbidden', 'WRONG_CODE', '预约码不正确', 'Wrong booking code');
      }
    }
    await hub.execute((at) => ({ type: 'CancelAppointment', at, appointmentId: id, by, reason: b.reason }));
    res.json(bookingView(hub.state.appointments.byId.get(id)!, 'none'));
  });

  r.get('/api/appointments', staffOnly, (req, res) => {
    const { date } = parse(listQuery, req.query);
    const full = req.staff!.role === 'manager';
    const list = [...hub.state.appointments.byId.values()]
      .filter((a) => a.date === date)
      .sort((x, y) => x.startMs - y.startMs || (x.bookedAt < y.bookedAt ? -1 : 1))
      .map((a) => bookingView(a, full ? 'full' : 'masked'));
    res.json(list);
  });

  return r;
}

/** How a booking is shown: `full` to managers (and the booker's own answer), `masked` to staff and lobby, `none` to anyone with the code. */
function bookingView(a: Appointment, personal: 'full' | 'masked' | 'none') {
  return {
    id: a.appointmentId, serviceId: a.serviceId, date: a.date, start: a.start, end: a.end, status: a.status,
    phone: personal === 'full' ? a.phone : personal === 'masked' ? maskPhone(a.phone) : null,
    name: personal === 'none' ? null : a.name || null,
    ticketId: a.ticketId, checkedInAt: a.checkedInAt, bookedAt: a.bookedAt, by: a.by,
  };
}

/** Six digits no kept booking holds (the core refuses a clash; the space is a million). */
function freshCode(hub: Hub): string {
  for (let i = 0; i < 1000; i++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!hub.state.appointments.byCode.has(code)) return code;
  }
  throw new DomainError('unavailable', 'NO_CODE', '暂时无法生成预约码，请稍后再试', 'No booking code could be drawn; try again shortly');
}
