/**
 * What the booking page decides on its own, before asking the hub: whether a phone number can be
 * a mainland mobile, which days to offer, when a booked visitor may check in. The hub still
 * decides; these only spare the visitor a round trip and say plainly what is wrong.
 */

export type PhoneCheck = { ok: true; phone: string } | { ok: false; problem: 'phoneEmpty' | 'phoneBad' };

/**
 * A mainland mobile number: 11 digits, the first `1`. People type spaces, dashes or +86 in front
 * (as the number is printed on cards); those are dropped rather than refused.
 */
export function checkPhone(raw: string): PhoneCheck {
  let s = raw.replace(/[\s\-()（）]/g, '');
  if (!s) return { ok: false, problem: 'phoneEmpty' };
  if (/^(\+86|0086)\d+$/.test(s)) s = s.replace(/^(\+86|0086)/, '');
  return /^1\d{10}$/.test(s) ? { ok: true, phone: s } : { ok: false, problem: 'phoneBad' };
}

/** A booking code is 6 digits; scanners and keypads may add spaces. */
export function normaliseCode(raw: string): string | null {
  const s = raw.replace(/\s/g, '');
  return /^\d{6}$/.test(s) ? s : null;
}

/** `YYYY-MM-DD` plus `n` calendar days (date arithmetic only: no clock, no time zone). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The days a visitor may pick: the hall's today and the `daysAhead` after it. */
export function bookableDays(today: string, daysAhead: number): string[] {
  const n = Math.max(0, Math.min(60, Math.floor(daysAhead)));
  return Array.from({ length: n + 1 }, (_, i) => addDays(today, i));
}

/** The days to offer for a service: within `daysAhead`, on its booking weekdays when the hub gives them. */
export function bookingDays(today: string, rules: { daysAhead: number; weekdays?: number[] | null }): string[] {
  const days = bookableDays(today, rules.daysAhead);
  return rules.weekdays?.length ? days.filter((d) => rules.weekdays!.includes(weekday(d))) : days;
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The local calendar date and "HH:MM" of an ISO instant written in the hall's offset. */
export function localParts(iso: string): { day: string; time: string } {
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** `HH:MM` `min` minutes before (negative) or after an ISO instant, in the instant's own offset. */
export function shiftClock(iso: string, min: number): string {
  const [h, m] = iso.slice(11, 16).split(':').map(Number);
  const total = ((((h ?? 0) * 60 + (m ?? 0) + min) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** When the kiosk takes the code: from `earlyMin` before the slot to `lateMin` after its start. */
export function checkInWindow(start: string, earlyMin: number, lateMin: number): { from: string; to: string } {
  return { from: shiftClock(start, -earlyMin), to: shiftClock(start, lateMin) };
}

/** A booking as this phone remembers it, so the visitor can find and cancel it later. */
export interface KeptBooking {
  id: string;
  code: string;
  serviceId: string;
  start: string;
  end: string;
}

const KEPT_KEY = 'hallhub.bookings';

export function keptBookings(storage: Pick<Storage, 'getItem'> | null, today: string): KeptBooking[] {
  try {
    const list = JSON.parse(storage?.getItem(KEPT_KEY) ?? '[]') as KeptBooking[];
    // Past days are of no use to keep: the booking is done or missed.
    return Array.isArray(list) ? list.filter((b) => b && typeof b.id === 'string' && localParts(b.start).day >= today) : [];
  } catch {
    return [];
  }
}

export function keepBooking(storage: Pick<Storage, 'getItem' | 'setItem'> | null, today: string, b: KeptBooking): void {
  try {
    const list = keptBookings(storage, today).filter((x) => x.id !== b.id);
    storage?.setItem(KEPT_KEY, JSON.stringify([...list, b].sort((x, y) => x.start.localeCompare(y.start))));
  } catch {
    /* private mode: the card on screen is the record */
  }
}

export function forgetBooking(storage: Pick<Storage, 'getItem' | 'setItem'> | null, today: string, id: string): void {
  try {
    storage?.setItem(KEPT_KEY, JSON.stringify(keptBookings(storage, today).filter((x) => x.id !== id)));
  } catch {
    /* nothing kept */
  }
}
