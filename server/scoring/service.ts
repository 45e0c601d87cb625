import { invalid } from '../../shared/errors.ts';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn, type ActiveRecords } from '../../shared/scoring/records.ts';
import { bestOf, periodRange, quartersOf, rollup, type Period, type Rollup, type RollupRow } from '../../shared/scoring/rollup.ts';
import { defaultRubric, rubricById, type Rubric } from '../../shared/scoring/rubrics.ts';
import { isWorkingDay } from '../../shared/scoring/schedule.ts';
import { addDays, endOfLocalDay } from '../../shared/time.ts';
import type { Hub } from '../hub.ts';
import type { ScoringStore } from './store.ts';

export interface PeriodResult extends Rollup {
  period: Period;
  of: string;
  from: string;
  to: string;
  days: number;
  rubricId: string;
  /** Each quarter's 流动红旗窗口 and 工作标兵: the top 3 not disqualified. */
  quarters: { quarter: string; windows: RollupRow[]; staff: RollupRow[] }[];
}

/**
 * Scores are projections, never stored: a day is scored from its journal, the schedule, the
 * active rubric and the manual records. Closed days are cached by day and by the version of
 * everything they depend on, so a rubric change or a new entry re-scores them.
 */
export class ScoreService {
  private cache = new Map<string, DayScore>();
  private active: { version: string; records: ActiveRecords } | null = null;

  constructor(
    private readonly hub: Hub,
    readonly store: ScoringStore,
  ) {}

  get rubric(): Rubric {
    return rubricById(this.store.settings.rubricId) ?? defaultRubric;
  }

  records(): ActiveRecords {
    const v = this.store.version;
    if (this.active?.version !== v) this.active = { version: v, records: activeRecords(this.store.records) };
    return this.active.records;
  }

  day(date: string): DayScore {
    const today = this.hub.today();
    if (date > today) throw invalid('FUTURE_DATE', `${date} 尚未到来`, `${date} has not happened yet`);
    const tz = this.hub.tz;
    const open = date === this.hub.journal.day;
    const live = date === today;
    // Today's date is part of the key: a complaint's deadline passing changes a closed day's evidence.
    const key = `${date}|${this.store.version}|${today}`;
    if (!live) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const events = open ? this.hub.journal.events : this.hub.journal.days().includes(date) ? this.hub.journal.readDay(date) : [];
    const until = live ? Math.min(this.hub.clock.now(), endOfLocalDay(date, tz)) : endOfLocalDay(date, tz);
    const result = scoreDay({
      date, config: this.hub.config, events, schedule: this.store.settings.schedule,
      records: recordsOn(this.records(), date), rubric: this.rubric, until, asOf: today,
    });
    if (!live) {
      if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, result);
    }
    return result;
  }

  /** Days a period counts: from the hall's first journal day to today, working days and days with events. */
  periodDays(from: string, to: string): string[] {
    const journalDays = this.hub.journal.days();
    const withEvents = new Set(journalDays);
    const first = journalDays[0] ?? this.hub.today();
    const last = [to, this.hub.today()].sort()[0]!;
    const out: string[] = [];
    for (let d = from < first ? first : from; d <= last; d = addDays(d, 1)) {
      if (withEvents.has(d) || isWorkingDay(this.store.settings.schedule, d)) out.push(d);
    }
    return out;
  }

  period(period: Period, of: string): PeriodResult {
    const range = this.rangeOf(period, of);
    return this.assemble(period, of, range, this.periodDays(range.from, range.to).map((d) => this.day(d)));
  }

  /**
   * The same roll-up, a day at a time with the hub's other requests in between: a year's roll-up
   * scores hundreds of days, and tickets and calls are answered between any two of them.
   */
  async periodAsync(period: Period, of: string): Promise<PeriodResult> {
    const range = this.rangeOf(period, of);
    const days: DayScore[] = [];
    for (const d of this.periodDays(range.from, range.to)) {
      days.push(this.day(d));
      await new Promise<void>((r) => setImmediate(r));
    }
    return this.assemble(period, of, range, days);
  }

  private rangeOf(period: Period, of: string): { from: string; to: string } {
    const range = periodRange(period, of);
    if (!range) throw invalid('BAD_PERIOD', `周期 ${of} 格式有误`, `Period ${of} is not a ${period} (2026-11, 2026-Q4 or 2026)`);
    return range;
  }

  private assemble(period: Period, of: string, range: { from: string; to: string }, days: DayScore[]): PeriodResult {
    const quarters = quartersOf(period, of).map((quarter) => {
      const q = periodRange('quarter', quarter)!;
      const r = rollup(days.filter((d) => d.date >= q.from && d.date <= q.to));
      return { quarter, windows: bestOf(r.windows), staff: bestOf(r.staff) };
    });
    return { period, of, ...range, days: days.length, rubricId: this.rubric.id, ...rollup(days), quarters };
  }
}
