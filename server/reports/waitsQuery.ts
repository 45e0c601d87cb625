import { z } from 'zod';
import { LOBBY_FIELDS } from '../../shared/reports/lobbyFigures.ts';
import { invalid } from '../../shared/errors.ts';
import { addDays, isDate, weekday } from '../../shared/time.ts';
import { FIGURE_FIELDS } from '../../shared/reports/figures.ts';
import type { WaitsFigures } from '../../shared/reports/waitsReport.ts';
import { toCsv, type CsvValue } from '../csv.ts';

/** The longest period one request may cover: two years and a leap day. */
export const MAX_RANGE_DAYS = 732;

const date = z.string().refine(isDate, 'expected a calendar date YYYY-MM-DD');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const waitsQuerySchema = z.object({
  from: date.optional(),
  to: date.optional(),
  /** Instead of from/to: a period that ends today. */
  period: z.enum(['today', 'week', 'month', 'year']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** Which rows the CSV holds; the JSON answer always has them all. */
  groupBy: z.enum(['service', 'window', 'staff', 'hour']).default('service'),
  compare: z.enum(['previous']).optional(),
  excludeFlagged: flag.default(false),
  /** Service longer than this many times its target is flagged. */
  suspectFactor: z.coerce.number().min(1).max(100).optional(),
});
export type WaitsQuery = z.output<typeof waitsQuerySchema>;

/** Resolves the period asked for; every inconsistency is a 400 that says what is wrong. */
export function resolvePeriod(q: WaitsQuery, today: string): { from: string; to: string } {
  if (q.period) {
    if (q.from || q.to) throw invalid('BAD_PERIOD', 'period 与 from/to 只能给出一种', 'Give either period or from/to, not both');
    const from =
      q.period === 'today' ? today
      : q.period === 'week' ? addDays(today, -((weekday(today) + 6) % 7))
      : q.period === 'month' ? `${today.slice(0, 7)}-01`
      : `${today.slice(0, 4)}-01-01`;
    return { from, to: today };
  }
  if (!q.from || !q.to) {
    throw invalid('BAD_PERIOD', '请给出 from 和 to（YYYY-MM-DD）', 'Both from and to are required (YYYY-MM-DD)');
  }
  if (q.from > q.to) throw invalid('BAD_PERIOD', `开始日期 ${q.from} 晚于结束日期 ${q.to}`, `from ${q.from} is after to ${q.to}`);
  if (daysBetween(q.from, q.to) + 1 > MAX_RANGE_DAYS) {
    throw invalid('RANGE_TOO_LONG', `一次最多查询 ${MAX_RANGE_DAYS} 天`, `A report covers at most ${MAX_RANGE_DAYS} days`);
  }
  return { from: q.from, to: q.to };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = daysBetween(from, to) + 1;
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/**
 * The same rows as the JSON answer, one per line, then the total. UTF-8 with a byte-order mark:
 * without it Excel on Chinese Windows reads the names as GBK and shows mojibake.
 */
export function waitsCsv(r: WaitsFigures, groupBy: WaitsQuery['groupBy']): string {
  const fields = [...FIGURE_FIELDS];
  let head: string[];
  let rows: unknown[][];
  if (groupBy === 'window') {
    head = ['windowId', 'number', 'name', ...fields, 'openMin', 'pausedMin', 'idleWhileQueuedMin', 'flagged'];
    rows = r.windows.map((w) => [w.windowId, w.number, w.name, ...fields.map((f) => w[f]), w.openMin, w.pausedMin, w.idleWhileQueuedMin, w.flagged]);
  } else if (groupBy === 'staff') {
    head = ['staffId', 'name', ...fields, 'idleWhileQueuedMin', 'flagged'];
    rows = r.staff.map((s) => [s.staffId, s.name, ...fields.map((f) => s[f]), s.idleWhileQueuedMin, s.flagged]);
  } else if (groupBy === 'hour') {
    head = ['hour', ...fields];
    rows = r.hours.map((h) => [h.hour, ...fields.map((f) => h[f])]);
  } else {
    head = ['serviceId', 'name', ...fields, 'maxWaiting', 'flagged', ...LOBBY_FIELDS];
    rows = r.services.map((s) => [s.serviceId, s.name, ...fields.map((f) => s[f]), s.maxWaiting, s.flagged, ...LOBBY_FIELDS.map((f) => s[f])]);
  }
  const lead = head.indexOf(fields[0]!);
  const total: unknown[] = ['total', ...new Array<string>(lead - 1).fill(''), ...fields.map((f) => r.total[f])];
  if (groupBy === 'service') total.push(r.total.maxWaiting, r.total.flagged, ...LOBBY_FIELDS.map((f) => r.total[f]));
  return toCsv([head, ...rows, total] as CsvValue[][]);
}
