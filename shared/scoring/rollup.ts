import { addDays } from '../time.ts';
import type { DayScore } from './dailyScore.ts';

export type Period = 'month' | 'quarter' | 'year';

/** First and last date of `2026-11`, `2026-Q4` or `2026`; null when `of` does not name such a period. */
export function periodRange(period: Period, of: string): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastOf = (y: number, m: number) => addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1);
  if (period === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(of);
    if (!m) return null;
    return { from: `${of}-01`, to: lastOf(Number(m[1]), Number(m[2])) };
  }
  if (period === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(of);
    if (!m) return null;
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: lastOf(y, q * 3) };
  }
  if (!/^\d{4}$/.test(of)) return null;
  return { from: `${of}-01-01`, to: `${of}-12-31` };
}

/** The quarters a period contains, for naming each quarter's best. */
export function quartersOf(period: Period, of: string): string[] {
  if (period === 'year') return [1, 2, 3, 4].map((q) => `${of}-Q${q}`);
  if (period === 'quarter') return [of];
  const [y, m] = of.split('-').map(Number) as [number, number];
  return [`${y}-Q${Math.ceil(m / 3)}`];
}

export interface RollupRow {
  id: string;
  /** Days counted: on-duty days for staff, working days or days open for windows. */
  days: number;
  total: number;
  /** Average daily score: the period's result on the rubric's own scale. */
  average: number | null;
  parts: Record<string, number>;
  items: Record<string, { count: number; points: number }>;
  served: number;
  ratings: number;
  satisfied: number;
  satisfactionPct: number | null;
  disqualified: boolean;
}

export interface Rollup {
  staff: RollupRow[];
  windows: RollupRow[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Running sums of daily scores, by staffer and by window, before the period's figures are finished. */
export interface RollupSums {
  staff: Map<string, RollupRow>;
  windows: Map<string, RollupRow>;
}

export const emptySums = (): RollupSums => ({ staff: new Map(), windows: new Map() });

/**
 * Adds days to `into` (a new set of sums by default), in the order given. Staff count the days
 * they were on duty (liable); windows count working days and any other day they were open.
 */
export function sumDays(days: readonly DayScore[], into: RollupSums = emptySums()): RollupSums {
  const row = (m: Map<string, RollupRow>, id: string): RollupRow => {
    let r = m.get(id);
    if (!r) m.set(id, (r = { id, days: 0, total: 0, average: null, parts: {}, items: {}, served: 0, ratings: 0, satisfied: 0, satisfactionPct: null, disqualified: false }));
    return r;
  };
  const add = (r: RollupRow, d: { score: number; parts: Record<string, number>; items: { code: string; count: number; points: number }[]; served: number; ratings: number; satisfied: number; disqualified: boolean }) => {
    r.days++;
    r.total += d.score;
    for (const [k, v] of Object.entries(d.parts)) r.parts[k] = (r.parts[k] ?? 0) + v;
    for (const it of d.items) {
      const x = (r.items[it.code] ??= { count: 0, points: 0 });
      x.count += it.count;
      x.points += it.points;
    }
    r.served += d.served;
    r.ratings += d.ratings;
    r.satisfied += d.satisfied;
    r.disqualified ||= d.disqualified;
  };
  for (const day of days) {
    for (const s of day.staff) if (s.onDuty) add(row(into.staff, s.staffId), s);
    for (const w of day.windows) if (day.workingDay || w.served > 0 || w.coverMinutes > 0) add(row(into.windows, w.windowId), w);
  }
  return into;
}

/**
 * A day's score as a roll-up reads it: without the evidence behind each item and the windows'
 * cover intervals, which are most of a day's size (about 95 KB for a 64-staff hall). `sumDays`
 * gives the same sums from it. A year of days kept whole on the hub's thread cost long collector
 * pauses as they were copied in from the report worker.
 */
export function forRollup(day: DayScore): DayScore {
  return {
    ...day,
    staff: day.staff.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, evidence: [] })) })),
    windows: day.windows.map((w) => ({ ...w, items: w.items.map((i) => ({ ...i, evidence: [] })), intervals: [] })),
  };
}

/** A copy that further days can be added to while the original is kept (for the days that no longer change). */
export function cloneSums(s: RollupSums): RollupSums {
  const copy = (m: Map<string, RollupRow>) =>
    new Map([...m].map(([id, r]) => [id, { ...r, parts: { ...r.parts }, items: Object.fromEntries(Object.entries(r.items).map(([k, v]) => [k, { ...v }])) }] as const));
  return { staff: copy(s.staff), windows: copy(s.windows) };
}

/**
 * The period's rows from its sums. Ranked by the rubric's total over the days counted, then by
 * services given: an average of daily scores put a substitute with 47 services over a few days
 * above a staffer with 685 over the whole quarter. The average is kept alongside, for reading.
 */
export function finishRollup(s: RollupSums): Rollup {
  const finish = (m: Map<string, RollupRow>) =>
    [...m.values()]
      .map((r) => ({ ...r, total: round1(r.total), average: r.days ? round1(r.total / r.days) : null, satisfactionPct: r.ratings ? round1((r.satisfied * 100) / r.ratings) : null }))
      .sort((a, b) => b.total - a.total || b.served - a.served || a.id.localeCompare(b.id));
  return { staff: finish(s.staff), windows: finish(s.windows) };
}

/** Sums daily scores into the period's rows (see `sumDays` and `finishRollup`). */
export function rollup(days: readonly DayScore[]): Rollup {
  return finishRollup(sumDays(days));
}

/** The top `n` that may be named: those disqualified in the period are passed over. */
export function bestOf(rows: readonly RollupRow[], n = 3): RollupRow[] {
  return rows.filter((r) => !r.disqualified && r.days > 0).slice(0, n);
}

/** What a period's answer says of itself, besides its roll-ups. */
export interface PeriodHead {
  period: Period;
  of: string;
  from: string;
  to: string;
  days: number;
  rubricId: string;
}

/** A period's roll-up as the API answers it. */
export interface PeriodResult extends Rollup, PeriodHead {
  /** Each quarter's 流动红旗窗口 and 工作标兵: the top 3 not disqualified. */
  quarters: { quarter: string; windows: RollupRow[]; staff: RollupRow[] }[];
}

/**
 * The roll-ups a period's answer holds, each keyed as the same period asked on its own is (so the
 * sums kept for a quarter serve its year too): each quarter, then the period itself, last.
 */
export function periodParts(period: Period, of: string, range: { from: string; to: string }): { key: string; from: string; to: string }[] {
  return [...quartersOf(period, of).map((q) => ({ key: `quarter:${q}`, ...periodRange('quarter', q)! })), { key: `${period}:${of}`, ...range }];
}

/**
 * A part's roll-up from the kept sums of its settled days and the days still open (in date order):
 * a part with no open day has one answer while its sums are kept, so it is finished once.
 */
export function withOpenDays(kept: { sums: RollupSums; finished?: Rollup }, open: readonly DayScore[]): Rollup {
  if (!open.length) return (kept.finished ??= finishRollup(kept.sums));
  return finishRollup(sumDays(open, cloneSums(kept.sums)));
}

/**
 * The answer from each part's roll-up, in the order of `keys`: the quarters (`quarter:2026-Q1`),
 * then the period itself, last. The hub's thread and the report worker build it the same way.
 */
export function periodAnswer(head: PeriodHead, keys: readonly string[], rollups: readonly Rollup[]): PeriodResult {
  const quarters = keys.slice(0, -1).map((key, i) => ({ quarter: key.slice('quarter:'.length), windows: bestOf(rollups[i]!.windows), staff: bestOf(rollups[i]!.staff) }));
  const { period, of, from, to, days, rubricId } = head;
  return { period, of, from, to, days, rubricId, ...rollups.at(-1)!, quarters };
}
