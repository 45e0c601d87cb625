/**
 * Time in the hall's zone, without Date.now(): every function takes the instant it works on.
 * Offsets are looked up through Intl once per zone and quarter hour and cached, because replaying
 * a busy day formats tens of thousands of timestamps. A quarter, not an hour: some zones
 * (Australia/Lord_Howe) change their offset at half past a UTC hour.
 */
const QUARTER_HOUR = 900_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of the zone from UTC at the given instant, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(tz: string, ms: number): number {
  const hourKey = `${tz}|${Math.floor(ms / QUARTER_HOUR)}`;
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const parts = formatter(tz).formatToParts(new Date(Math.floor(ms / 1000) * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(hourKey, off);
  return off;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with milliseconds and the zone's offset: 2026-11-23T09:00:00.000+08:00 */
export function toIso(ms: number, tz: string): string {
  const off = offsetMinutes(tz, ms);
  const d = new Date(ms + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The hall's local calendar date of an instant: YYYY-MM-DD. */
export function localDate(ms: number, tz: string): string {
  const d = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Minutes since local midnight. */
export function localMinuteOfDay(ms: number, tz: string): number {
  const d = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60 + d.getUTCMilliseconds() / 60_000;
}

/** The instant of a local wall time ("HH:MM") on a local date. */
export function localTimeToMs(date: string, hhmm: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset even on a day the zone changes it.
  let ms = guess - offsetMinutes(tz, guess) * 60_000;
  ms = guess - offsetMinutes(tz, ms) * 60_000;
  return ms;
}

/** Local midnight that starts the day after `date`: when that business day closes. */
export function endOfLocalDay(date: string, tz: string): number {
  return localTimeToMs(addDays(date, 1), '00:00', tz);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday, for a local date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
