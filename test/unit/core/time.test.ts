import { describe, expect, it } from 'vitest';
import {
  addDays, endOfLocalDay, isDate, localDate, localMinuteOfDay, localTimeToMs, offsetMinutes, toIso, weekday,
} from '../../../shared/time.ts';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';

describe('toIso', () => {
  it('writes milliseconds and the hall\u2019s offset', () => {
    expect(toIso(Date.parse('2026-11-23T01:00:00.000Z'), SH)).toBe('2026-11-23T09:00:00.000+08:00');
    expect(toIso(Date.parse('2026-11-23T01:02:03.045Z'), SH)).toBe('2026-11-23T09:02:03.045+08:00');
  });

  it('names the local date, which in Shanghai runs ahead of UTC in the evening', () => {
    expect(toIso(Date.parse('2026-11-23T16:30:00Z'), SH)).toBe('2026-11-24T00:30:00.000+08:00');
  });

  it('round-trips through Date.parse', () => {
    const ms = Date.parse('2026-11-23T15:59:59.999Z');
    expect(Date.parse(toIso(ms, SH))).toBe(ms);
  });

  it('writes negative offsets and zero offsets', () => {
    expect(toIso(Date.parse('2026-11-23T01:00:00Z'), 'America/New_York')).toBe('2026-11-22T20:00:00.000-05:00');
    expect(toIso(Date.parse('2026-11-23T01:00:00Z'), 'UTC')).toBe('2026-11-23T01:00:00.000+00:00');
    expect(toIso(Date.parse('2026-11-23T01:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-23T06:30:00.000+05:30');
  });
});

describe('localDate and localMinuteOfDay', () => {
  it('give the hall\u2019s calendar date and clock, not UTC\u2019s', () => {
    expect(localDate(Date.parse('2026-11-23T15:59:59.999Z'), SH)).toBe('2026-11-23');
    expect(localDate(Date.parse('2026-11-23T16:00:00.000Z'), SH)).toBe('2026-11-24');
    expect(localDate(Date.parse('2026-11-23T16:30:00Z'), SH)).toBe('2026-11-24');
    expect(localMinuteOfDay(Date.parse('2026-11-23T16:30:00Z'), SH)).toBe(30);
    expect(localMinuteOfDay(Date.parse('2026-11-23T01:00:30Z'), SH)).toBe(9 * 60 + 0.5);
  });
});

describe('localTimeToMs', () => {
  it('is the instant of a local wall time', () => {
    expect(localTimeToMs('2026-11-23', '09:00', SH)).toBe(Date.parse('2026-11-23T01:00:00Z'));
    expect(localTimeToMs('2026-11-24', '00:00', SH)).toBe(Date.parse('2026-11-23T16:00:00Z'));
    expect(localTimeToMs('2027-01-01', '07:59', SH)).toBe(Date.parse('2026-12-31T23:59:00Z'));
  });

  it('inverts localDate and localMinuteOfDay', () => {
    const ms = localTimeToMs('2026-11-23', '23:59', SH);
    expect(localDate(ms, SH)).toBe('2026-11-23');
    expect(localMinuteOfDay(ms, SH)).toBe(23 * 60 + 59);
    expect(endOfLocalDay('2026-11-23', SH)).toBe(Date.parse('2026-11-23T16:00:00Z'));
  });
});

describe('a zone with daylight saving time (Europe/Berlin, clocks forward 2026-03-29, back 2026-10-25)', () => {
  it('uses the winter and summer offsets on either side', () => {
    expect(offsetMinutes(BERLIN, Date.parse('2026-03-28T12:00:00Z'))).toBe(60);
    expect(offsetMinutes(BERLIN, Date.parse('2026-03-29T12:00:00Z'))).toBe(120);
    expect(toIso(Date.parse('2026-03-29T00:59:59Z'), BERLIN)).toBe('2026-03-29T01:59:59.000+01:00');
    expect(toIso(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toBe('2026-03-29T03:00:00.000+02:00');
    expect(toIso(Date.parse('2026-10-25T01:00:00Z'), BERLIN)).toBe('2026-10-25T02:00:00.000+01:00');
  });

  it('finds opening time on the days the clocks change', () => {
    expect(localTimeToMs('2026-03-28', '09:00', BERLIN)).toBe(Date.parse('2026-03-28T08:00:00Z'));
    expect(localTimeToMs('2026-03-29', '09:00', BERLIN)).toBe(Date.parse('2026-03-29T07:00:00Z'));
    expect(localTimeToMs('2026-03-29', '01:30', BERLIN)).toBe(Date.parse('2026-03-29T00:30:00Z'));
    expect(localTimeToMs('2026-10-25', '09:00', BERLIN)).toBe(Date.parse('2026-10-25T08:00:00Z'));
  });

  it('has a 23-hour and a 25-hour business day', () => {
    expect(endOfLocalDay('2026-03-29', BERLIN) - localTimeToMs('2026-03-29', '00:00', BERLIN)).toBe(23 * 3_600_000);
    expect(endOfLocalDay('2026-10-25', BERLIN) - localTimeToMs('2026-10-25', '00:00', BERLIN)).toBe(25 * 3_600_000);
  });
});

describe('a zone that changes its offset at half past a UTC hour (Australia/Lord_Howe, 2026-10-04 02:00 local)', () => {
  it('gives each instant its own offset, even after an instant earlier in the same UTC hour was formatted', () => {
    const tz = 'Australia/Lord_Howe';
    expect(toIso(Date.parse('2026-10-03T15:10:00Z'), tz)).toBe('2026-10-04T01:40:00.000+10:30');
    expect(toIso(Date.parse('2026-10-03T15:45:00Z'), tz)).toBe('2026-10-04T02:45:00.000+11:00');
  });
});

describe('calendar dates', () => {
  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('weekday counts from Sunday', () => {
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-11-22')).toBe(0);
    expect(weekday('2026-11-28')).toBe(6);
  });

  it('isDate accepts real dates only', () => {
    expect(isDate('2026-11-23')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-11-31', '2026-1-1', '20261123', '', 'today']) expect(isDate(bad)).toBe(false);
  });
});
