import { invalid } from '../../shared/errors.ts';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn, type ActiveRecords } from '../../shared/scoring/records.ts';
import { periodAnswer, periodParts, periodRange, sumDays, withOpenDays, type Period, type PeriodResult, type Rollup, type RollupSums } from '../../shared/scoring/rollup.ts';
import { defaultRubric, rubricById, type Rubric } from '../../shared/scoring/rubrics.ts';
import { isWorkingDay } from '../../shared/scoring/schedule.ts';
import { addDays, endOfLocalDay } from '../../shared/time.ts';
import { join } from 'node:path';
import type { Hub } from '../hub.ts';
import { foldPool } from '../reports/foldPool.ts';
import type { ScoringStore } from './store.ts';

/** Closed days scored per message to the report worker (see `days`). */
const SCORE_BATCH_DAYS = 4;

export type { PeriodResult } from '../../shared/scoring/rollup.ts';

// Each hall config object the worker has been sent, by a number: a scoring context is kept there under it.
const configIds = new WeakMap<object, number>();
let configCount = 0;
const configId = (config: object): number => {
  let id = configIds.get(config);
  if (id === undefined) configIds.set(config, (id = ++configCount));
  return id;
};

/**
 * Scores are projections, never stored: a day is scored from its journal, the schedule, the
 * active rubric and the manual records. Closed days are cached by day and by the version of
 * everything they depend on, so a rubric change or a new entry re-scores them.
 */
export class ScoreService {
  private cache = new Map<string, DayScore>();
  /** Sums of a period's settled days, by period (see `rollupOf`). */
  private keptSums = new Map<string, { days: readonly DayScore[]; sums: RollupSums; finished?: Rollup }>();
  private periodDaysKept: { key: string; days: readonly string[] } | null = null;
  private active: { version: string; records: ActiveRecords } | null = null;

  constructor(
    private readonly hub: Hub,
    readonly store: ScoringStore,
    /** The hub's data dir: with one, closed days are scored in the report worker from their journal files. */
    private readonly dataDir?: string,
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
    const key = this.key(date, today);
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
    if (!live) this.remember(key, result);
    return result;
  }

  private key(date: string, today: string): string {
    // Today's date is part of the key: a complaint's deadline passing changes a closed day's evidence.
    return `${date}|${this.store.version}|${today}`;
  }

  /**
   * The same scores as `day`, with the closed days not yet cached scored in the report worker (a
   * batch at a time), so a year of them never holds the hub's thread. Today is scored in the
   * worker too (`liveDay`); every day when there is no data dir or the worker fails, here.
   */
  async days(dates: readonly string[]): Promise<DayScore[]> {
    const today = this.hub.today();
    const missing = this.dataDir ? dates.filter((d) => this.isSettled(d, today) && !this.cache.has(this.key(d, today))) : [];
    if (missing.length) {
      const journalDays = new Set(this.hub.journal.days());
      const version = this.store.version;
      const records = this.records();
      try {
        // Batches of a few days: a day's scores of a 64-staff hall are about 95 KB to copy back from
        // the worker, and taking a month of them at once held the hub's thread for 50–250 ms (a
        // loaded machine); four days at a time let tickets and calls in between.
        for (let i = 0; i < missing.length; i += SCORE_BATCH_DAYS) {
          const batch = missing.slice(i, i + SCORE_BATCH_DAYS);
          const scores = await foldPool.scores({ ...this.jobBase(today), days: batch.map((date) => this.closedDayJob(date, records, journalDays)) });
          // Kept only if nothing they depend on changed meanwhile; otherwise `day` scores them afresh.
          if (this.store.version !== version || this.hub.today() !== today) break;
          scores.forEach((sc) => this.remember(this.key(sc.date, today), sc));
        }
      } catch (e) {
        this.hub.log(`report worker could not score days: ${(e as Error).message}`);
      }
    }
    const live = await this.liveDay(dates);
    const out: DayScore[] = [];
    for (const d of dates) {
      out.push(live?.date === d ? live : this.day(d));
      await new Promise<void>((r) => setImmediate(r));
    }
    return out;
  }

  /** A day that no longer changes: before today and not the journal's open day. */
  private isSettled(date: string, today: string): boolean {
    return date < today && date !== this.hub.journal.day;
  }

  /** A settled day as a scoring job for the report worker: the worker reads its journal. */
  private closedDayJob(date: string, records: ActiveRecords, journalDays: ReadonlySet<string>) {
    return {
      date, until: endOfLocalDay(date, this.hub.tz), records: recordsOn(records, date),
      journalPath: journalDays.has(date) ? join(this.dataDir!, 'journal', `${date}.jsonl`) : null,
    };
  }

  /** What every scoring job for the report worker carries. */
  private jobBase(today: string) {
    return {
      config: { hall: this.hub.config.hall, windows: this.hub.config.windows, staff: this.hub.config.staff },
      schedule: this.store.settings.schedule, rubric: this.rubric, asOf: today,
    };
  }

  /**
   * Today's score, still growing, from the report worker: it reads the open day's journal up to
   * the bytes that are durable now, which hold exactly the events the hub holds. Scoring a busy
   * open day took 10–20 ms of the hub's thread at every roll-up; a manager's screen refreshing a
   * year's roll-up would hold up tickets and calls that long each time. Null when `dates` has no
   * open day today, or there is no data dir or worker: `day` then scores it here.
   */
  private async liveDay(dates: readonly string[]): Promise<DayScore | null> {
    const today = this.hub.today();
    const file = this.hub.journal.durableOpenDay?.();
    // An open day with nothing written yet costs nothing to score here.
    if (!this.dataDir || !file?.bytes || this.hub.journal.day !== today || !dates.includes(today)) return null;
    try {
      const [score] = await foldPool.scores({
        ...this.jobBase(today),
        days: [{ date: today, journalPath: file.path, bytes: file.bytes, until: Math.min(this.hub.clock.now(), endOfLocalDay(today, this.hub.tz)), records: recordsOn(this.records(), today) }],
      });
      // Asked across midnight: the day scored is no longer today's, and `day` knows what it is now.
      return score && this.hub.today() === today ? score : null;
    } catch (e) {
      this.hub.log(`report worker could not score today: ${(e as Error).message}`);
      return null;
    }
  }

  private remember(key: string, result: DayScore) {
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, result);
  }

  /** Days a period counts: from the hall's first journal day to today, working days and days with events. */
  periodDays(from: string, to: string): readonly string[] {
    // The same until a new day's file (the open day changes), a new date or new settings: a manager's
    // screen asking again reads the journal directory and walks the calendar once, not each time.
    const key = `${from}|${to}|${this.hub.today()}|${this.hub.journal.day}|${this.store.version}`;
    if (this.periodDaysKept?.key === key) return this.periodDaysKept.days;
    const days = this.walkPeriodDays(from, to);
    this.periodDaysKept = { key, days };
    return days;
  }

  private walkPeriodDays(from: string, to: string): string[] {
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
   * The same roll-up as JSON text, made whole in the report worker (see `RollupJob`): a year's
   * roll-up scores hundreds of days, and a manager's screen asking it again and again would
   * otherwise hold tickets and calls up on the hub's thread each time. Made here, from the days,
   * without a data dir or when the worker fails.
   */
  async periodText(period: Period, of: string): Promise<string> {
    const range = this.rangeOf(period, of);
    const text = this.dataDir ? await this.periodInWorker(period, of, range) : null;
    return text ?? JSON.stringify(this.assemble(period, of, range, await this.days(this.periodDays(range.from, range.to))));
  }

  /** The roll-up as an object (for its CSV): the same figures as `periodText`. */
  async periodAsync(period: Period, of: string): Promise<PeriodResult> {
    return JSON.parse(await this.periodText(period, of)) as PeriodResult;
  }

  /**
   * The roll-up from the report worker, or null when the worker fails or what it depends on
   * changed meanwhile. The worker keeps the scoring context and each part's sums over its settled
   * days; they are sent only when it says it lacks them, so asking again sends the open days only.
   */
  private async periodInWorker(period: Period, of: string, range: { from: string; to: string }): Promise<string | null> {
    const today = this.hub.today();
    const version = this.store.version;
    const dates = this.periodDays(range.from, range.to);
    const settled = dates.filter((d) => this.isSettled(d, today));
    const parts = periodParts(period, of, range);
    const records = this.records();
    const open = dates.filter((d) => !this.isSettled(d, today)).map((d) => this.openDayJob(d, today, records));
    // An open day whose durable bytes are not known (a journal kept in memory) is scored here.
    if (open.some((d) => d === null)) return null;
    const job = {
      ctxKey: `${this.dataDir}|${configId(this.hub.config)}|${version}|${today}`,
      // The settled days are the same list while these are: the period's days are made from them.
      sig: `${version}|${today}|${this.hub.journal.day}|${settled.length}|${settled[0]}|${settled.at(-1)}`,
      parts,
      open: open as NonNullable<(typeof open)[number]>[],
      head: { period, of, ...range, days: dates.length, rubricId: this.rubric.id },
    };
    try {
      let answer = await foldPool.rollup(job);
      if ('missing' in answer) {
        const known = new Set(this.hub.journal.days());
        const ctx = { ...this.jobBase(today), scope: `${this.dataDir}|${version}|${today}` };
        answer = await foldPool.rollup({ ...job, ctx, parts: parts.map((p) => ({ ...p, days: settled.filter((d) => d >= p.from && d <= p.to).map((date) => this.closedDayJob(date, records, known)) })) });
      }
      if ('missing' in answer) throw new Error(`the worker still lacks the roll-up's ${answer.missing}`);
      // Asked across midnight or a settings change: the figures are made again, here.
      if (this.store.version !== version || this.hub.today() !== today) return null;
      return answer.text;
    } catch (e) {
      this.hub.log(`report worker could not make the roll-up: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * A day not yet settled (today, or the journal's open day after midnight) as the report worker
   * scores it: the open day from its journal's durable bytes, which hold exactly the events the
   * hub holds; a day with no journal open, from no events, as `day` scores it.
   */
  private openDayJob(date: string, today: string, records: ActiveRecords) {
    const open = date === this.hub.journal.day;
    const file = open ? this.hub.journal.durableOpenDay?.() : null;
    if (open && !file) return null;
    const end = endOfLocalDay(date, this.hub.tz);
    return {
      date, until: date === today ? Math.min(this.hub.clock.now(), end) : end, records: recordsOn(records, date),
      ...(file ? { journalPath: file.path, bytes: file.bytes } : { journalPath: null }),
    };
  }

  private rangeOf(period: Period, of: string): { from: string; to: string } {
    const range = periodRange(period, of);
    if (!range) throw invalid('BAD_PERIOD', `周期 ${of} 格式有误`, `Period ${of} is not a ${period} (2026-11, 2026-Q4 or 2026)`);
    return range;
  }

  /** The roll-up made here, from the days' scores (`periodParts`' order: the quarters, then the period). */
  private assemble(period: Period, of: string, range: { from: string; to: string }, days: DayScore[]): PeriodResult {
    const parts = periodParts(period, of, range);
    const rollups = parts.map((p) => this.rollupOf(p.key, days.filter((d) => d.date >= p.from && d.date <= p.to)));
    return periodAnswer({ period, of, ...range, days: days.length, rubricId: this.rubric.id }, parts.map((p) => p.key), rollups);
  }

  /**
   * The roll-up of `days` (in date order), with the sums of the days that no longer change kept
   * between questions: a year's roll-up asked again adds only the open day to the kept sums
   * instead of summing every day again on the hub's thread. The kept sums are used only while the
   * days under them are the very same cached objects (a new record, rubric or schedule scores
   * the days afresh, as new objects). Days are added in the same order either way, so the
   * figures are the same to the last bit.
   */
  private rollupOf(key: string, days: readonly DayScore[]): Rollup {
    const today = this.hub.today();
    const settled = days.filter((d) => this.isSettled(d.date, today));
    let kept = this.keptSums.get(key);
    if (!kept || kept.days.length !== settled.length || kept.days.some((d, i) => d !== settled[i])) {
      kept = { days: settled, sums: sumDays(settled) };
      this.keptSums.delete(key);
      if (this.keptSums.size >= 64) this.keptSums.delete(this.keptSums.keys().next().value!);
      this.keptSums.set(key, kept);
    }
    return withOpenDays(kept, days.filter((d) => !this.isSettled(d.date, today)));
  }
}
