import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { HallEvent } from '../../shared/events.ts';
import type { HallConfig } from '../../shared/config.ts';
import type { DayColumns } from '../../shared/reports/dayColumns.ts';
import { waitsReport, type ReportOptions, type WaitsFigures } from '../../shared/reports/waitsReport.ts';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import type { ActiveRecords } from '../../shared/scoring/records.ts';
import { emptySums, forRollup, periodAnswer, sumDays, withOpenDays, type PeriodHead, type Rollup, type RollupSums } from '../../shared/scoring/rollup.ts';
import type { Rubric } from '../../shared/scoring/rubrics.ts';
import type { ScheduleSettings } from '../../shared/scoring/types.ts';
import { parseJournal } from '../journal.ts';
import { decodeDay, readDayFile } from './compactFile.ts';

/**
 * The report computations the report worker runs off the hub's thread. Everything comes as plain
 * data (config, rubric, records, the open day's columns encoded as a compact file's bytes); closed
 * days are read by the worker itself, from their compact files or journals.
 */

/** A day of a wait report: a closed day's compact file (checked against its journal's size), or the open day's bytes. */
export type WaitsDaySource = { day: string; file: string; journalSize: number } | { day: string; encoded: Uint8Array };

export interface WaitsJob {
  kind: 'waits';
  from: string;
  to: string;
  config: HallConfig;
  opts: Omit<ReportOptions, 'bookings'> & { bookings: [string, { booked: number; checkedIn: number; missed: number }][] };
  days: WaitsDaySource[];
}

/** The report, or the closed days whose compact file was missing or stale (the hub then computes it itself). */
export type WaitsResult = { report: WaitsFigures } | { stale: string[] };

export interface ScoresJob {
  kind: 'scores';
  config: Pick<HallConfig, 'hall' | 'windows' | 'staff'>;
  schedule: ScheduleSettings;
  rubric: Rubric;
  asOf: string;
  /** Only what a roll-up reads (see `forRollup`): the days `runRollup` scores and keeps. */
  forRollup?: boolean;
  /**
   * The journal file (null when the day has none), the day's end (or now, for the open day) and
   * the records bearing on it. `bytes` reads only the file's first bytes: the open day's durable
   * part, while the hub goes on appending.
   */
  days: { date: string; journalPath: string | null; bytes?: number; until: number; records: ActiveRecords }[];
}

// Closed days stay decoded in the worker between reports, checked against the journal's size.
const decoded = new Map<string, { journalSize: number; day: DayColumns }>();

function closedDay(src: { day: string; file: string; journalSize: number }): DayColumns | null {
  const known = decoded.get(src.file);
  if (known && known.journalSize === src.journalSize) return known.day;
  const onDisk = readDayFile(src.file);
  if (!onDisk || onDisk.journalSize !== src.journalSize || onDisk.day.day !== src.day) return null;
  if (decoded.size >= 1000) decoded.delete(decoded.keys().next().value!);
  decoded.set(src.file, { journalSize: src.journalSize, day: onDisk.day });
  return onDisk.day;
}

export function runWaits(job: WaitsJob): WaitsResult {
  const days: DayColumns[] = [];
  const stale: string[] = [];
  for (const src of job.days) {
    if ('encoded' in src) {
      const d = decodeDay(Buffer.from(src.encoded.buffer, src.encoded.byteOffset, src.encoded.byteLength));
      if (d) days.push(d.day);
      else stale.push(src.day);
      continue;
    }
    const d = closedDay(src);
    if (d) days.push(d);
    else stale.push(src.day);
  }
  if (stale.length) return { stale };
  const opts: ReportOptions = { ...job.opts, bookings: new Map(job.opts.bookings) };
  return { report: waitsReport(job.from, job.to, days, job.config, opts) };
}

/**
 * The open day's events read so far: each roll-up reads only the lines appended since the last,
 * where reading and parsing the whole growing day kept the worker busy (and its copies collected)
 * about 20 ms per roll-up by the end of a busy day. Checked to be the same file, with the same
 * last bytes where the last read ended, and a seq that follows on: else the day is read whole.
 */
let openDay: { path: string; dev: number; ino: number; bytes: number; tail: Buffer; events: HallEvent[] } | null = null;
const TAIL_CHECK = 64;

function readRange(fd: number, from: number, to: number, path: string): Buffer {
  const buf = Buffer.allocUnsafe(to - from);
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, from + got);
    if (n === 0) throw new Error(`${path}: shorter than the ${to} bytes the hub holds durable`);
    got += n;
  }
  return buf;
}

function durableEvents(path: string, bytes: number): HallEvent[] {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const known = openDay;
    let events: HallEvent[] | null = null;
    if (known && known.path === path && known.dev === st.dev && known.ino === st.ino && bytes >= known.bytes) {
      const tailFrom = known.bytes - known.tail.length;
      if (readRange(fd, tailFrom, known.bytes, path).equals(known.tail)) {
        const more = bytes > known.bytes ? parseJournal(readRange(fd, known.bytes, bytes, path).toString('utf8'), path) : [];
        const last = known.events.at(-1);
        if (!more.length) events = known.events;
        else if (!last || more[0]!.seq === last.seq + 1) events = known.events.concat(more);
      }
    }
    events ??= parseJournal(readRange(fd, 0, bytes, path).toString('utf8'), path);
    const tailLen = Math.min(TAIL_CHECK, bytes);
    openDay = { path, dev: st.dev, ino: st.ino, bytes, tail: readRange(fd, bytes - tailLen, bytes, path), events };
    return events;
  } finally {
    closeSync(fd);
  }
}

export function runScores(job: ScoresJob): DayScore[] {
  return job.days.map((d) => {
    // Read exactly as the journal's own readDay reads a closed day; the open day up to its durable bytes.
    const present = d.journalPath !== null && existsSync(d.journalPath);
    const events = !present ? [] : d.bytes === undefined ? parseJournal(readFileSync(d.journalPath!, 'utf8'), d.journalPath!) : durableEvents(d.journalPath!, d.bytes);
    const score = scoreDay({
      date: d.date, config: job.config, events, schedule: job.schedule, records: d.records, rubric: job.rubric, until: d.until, asOf: job.asOf,
    });
    return job.forRollup ? forRollup(score) : score;
  });
}

/** What scoring a day needs besides the day: kept in the worker under `RollupJob.ctxKey`. */
export interface ScoringContext {
  config: ScoresJob['config'];
  schedule: ScheduleSettings;
  rubric: Rubric;
  asOf: string;
  /** What the days' scores are kept under in the worker: the hub (its data dir), its scoring settings' version and the date. */
  scope: string;
}

/**
 * A period's roll-up, made whole in the worker: its settled days scored, kept and summed there,
 * today scored from the open day's durable bytes and added, and the answer written as JSON. The
 * hub's thread sends a few hundred bytes and sends the text on. The context and the settled days
 * are sent only when the worker says it lacks them (first time, new settings, a restarted worker).
 */
export interface RollupJob {
  kind: 'rollup';
  ctxKey: string;
  ctx?: ScoringContext;
  /** What the settled days' sums are kept under: the same string while the same days would be summed. */
  sig: string;
  /** Each part (the quarters, then the period, last) with its range; its settled days in date order only when resent. */
  parts: { key: string; from: string; to: string; days?: ScoresJob['days'] }[];
  /**
   * The days not yet settled (today; the journal's open day after midnight), in date order: scored
   * afresh each time, the open day from its journal's durable bytes, and added to the parts they fall in.
   */
  open: ScoresJob['days'];
  head: PeriodHead;
}

export type RollupAnswer = { text: string } | { missing: 'ctx' | 'days' };

// Settled days' scores, as a roll-up reads them, kept in the worker between roll-ups (a quarter
// and its year share their days): the hub's thread never holds them.
const settledDays = new Map<string, DayScore>();
const contexts = new Map<string, ScoringContext>();
type KeptSums = { sig: string; sums: RollupSums; finished?: Rollup };
const partSums = new Map<string, KeptSums>();

const capped = <V>(m: Map<string, V>, cap: number, key: string, value: V) => {
  m.delete(key);
  if (m.size >= cap) m.delete(m.keys().next().value!);
  m.set(key, value);
};

/** The sums of a part's settled days, added in date order as `sumDays` adds them on the hub's thread. */
function settledSums(ctx: ScoringContext, days: ScoresJob['days']): RollupSums {
  let sums = emptySums();
  for (const d of days) {
    const k = `${ctx.scope}|${d.date}`;
    let day = settledDays.get(k);
    if (!day) {
      day = runScores({ ...ctx, kind: 'scores', forRollup: true, days: [d] })[0]!;
      capped(settledDays, 2000, k, day);
    }
    sums = sumDays([day], sums);
  }
  return sums;
}

export function runRollup(job: RollupJob): RollupAnswer {
  if (job.ctx) capped(contexts, 8, job.ctxKey, job.ctx);
  const ctx = contexts.get(job.ctxKey);
  if (!ctx) return { missing: 'ctx' };
  const kept = job.parts.map((p) => {
    const k = partSums.get(`${ctx.scope}|${p.key}`);
    return k?.sig === job.sig ? k : null;
  });
  if (kept.some((k, i) => !k && !job.parts[i]!.days)) return { missing: 'days' };
  const sums = job.parts.map((p, i): KeptSums => {
    if (kept[i]) return kept[i];
    const entry: KeptSums = { sig: job.sig, sums: settledSums(ctx, p.days!) };
    capped(partSums, 64, `${ctx.scope}|${p.key}`, entry);
    return entry;
  });
  const open = runScores({ ...ctx, kind: 'scores', forRollup: true, days: job.open });
  const rollups = job.parts.map((p, i) => withOpenDays(sums[i]!, open.filter((d) => d.date >= p.from && d.date <= p.to)));
  return { text: JSON.stringify(periodAnswer(job.head, job.parts.map((p) => p.key), rollups)) };
}
