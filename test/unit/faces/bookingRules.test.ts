import { describe, expect, it } from 'vitest';
import {
  addDays, bookableDays, bookingDays, checkInWindow, checkPhone, forgetBooking, keepBooking, keptBookings, normaliseCode, shiftClock,
} from '../../../book/bookingRules.ts';

/** A Storage stand-in: the booking page keeps its bookings in localStorage. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the booking page checks a phone number before sending it', () => {
  it('takes an 11-digit number starting with 1, and drops the spaces, dashes and +86 people type', () => {
    expect(checkPhone('13812345678')).toEqual({ ok: true, phone: '13812345678' });
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, phone: '13812345678' });
    expect(checkPhone('138-1234-5678')).toEqual({ ok: true, phone: '13812345678' });
    expect(checkPhone('+86 138 1234 5678')).toEqual({ ok: true, phone: '13812345678' });
  });

  it('says what is wrong: nothing typed, too short, too long, a landline, letters', () => {
    expect(checkPhone('  ')).toEqual({ ok: false, problem: 'phoneEmpty' });
    for (const bad of ['1381234567', '138123456789', '02112345678', '0571-8888888', '1381234567a', '23812345678']) {
      expect(checkPhone(bad), bad).toEqual({ ok: false, problem: 'phoneBad' });
    }
  });

  it('reads a booking code of 6 digits, with the spaces a keypad or scanner may add, and nothing else', () => {
    expect(normaliseCode('123456')).toBe('123456');
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('12345')).toBeNull();
    expect(normaliseCode('1234567')).toBeNull();
    expect(normaliseCode('12345a')).toBeNull();
  });
});

describe('days and check-in times shown to the booker', () => {
  it('offers the hall\'s today and the days ahead, across a month and a year end', () => {
    expect(bookableDays('2026-11-28', 3)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(bookableDays('2026-11-28', 0)).toEqual(['2026-11-28']);
  });

  it('leaves out the weekdays a service takes no bookings on (Saturday 2026-11-28, Sunday the 29th)', () => {
    expect(bookingDays('2026-11-27', { daysAhead: 4, weekdays: [1, 2, 3, 4, 5] })).toEqual(['2026-11-27', '2026-11-30', '2026-12-01']);
    expect(bookingDays('2026-11-27', { daysAhead: 2 })).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it('opens check-in earlyMin before the slot and closes it lateMin after its start, in the hall\'s own clock', () => {
    expect(checkInWindow('2026-11-30T09:00:00.000+08:00', 30, 15)).toEqual({ from: '08:30', to: '09:15' });
    expect(checkInWindow('2026-11-30T14:30:00.000+08:00', 45, 0)).toEqual({ from: '13:45', to: '14:30' });
    expect(shiftClock('2026-11-30T00:10:00.000+08:00', -20)).toBe('23:50');
  });
});

describe('the bookings a phone remembers', () => {
  it('keeps them in slot order, forgets a cancelled one, and drops those of past days', () => {
    const s = memoryStorage();
    keepBooking(s, '2026-11-28', { id: 'b2', code: '222222', serviceId: 'A', start: '2026-11-30T10:00:00.000+08:00', end: '2026-11-30T10:30:00.000+08:00' });
    keepBooking(s, '2026-11-28', { id: 'b1', code: '111111', serviceId: 'A', start: '2026-11-29T09:00:00.000+08:00', end: '2026-11-29T09:30:00.000+08:00' });
    expect(keptBookings(s, '2026-11-28').map((b) => b.id)).toEqual(['b1', 'b2']);
    forgetBooking(s, '2026-11-28', 'b1');
    expect(keptBookings(s, '2026-11-28').map((b) => b.id)).toEqual(['b2']);
    expect(keptBookings(s, '2026-12-01')).toEqual([]);
  });

  it('reads nothing rather than failing when the stored list is damaged', () => {
    const s = memoryStorage();
    s.data.set('hallhub.bookings', '{not json');
    expect(keptBookings(s, '2026-11-28')).toEqual([]);
    s.data.set('hallhub.bookings', '{"a":1}');
    expect(keptBookings(s, '2026-11-28')).toEqual([]);
  });
});
