import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import type { HallConfig } from '../../shared/config.ts';
import type { DayColumns } from '../../shared/reports/dayColumns.ts';
import { waitsReport, type ReportOptions, type WaitsFigures } from '../../shared/reports/waitsReport.ts';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import type { ActiveRecords } from '../../shared/scoring/records.ts';
import { emptySums, forRollup, sumDays, type RollupSums } from '../../shared/scoring/rollup.ts';
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
  /** Only what a roll-up reads (see `forRollup`): today's score for a roll-up, and the days `runRollupSums` keeps. */
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

/** A journal's text, or its first `bytes` (always a whole number of lines: the hub's durable length). */
function journalText(path: string, bytes?: number): string {
  if (bytes === undefined) return readFileSync(path, 'utf8');
  const buf = Buffer.allocUnsafe(bytes);
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < bytes) {
      const n = readSync(fd, buf, got, bytes - got, got);
      if (n === 0) throw new Error(`${path}: shorter than the ${bytes} bytes the hub holds durable`);
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

export function runScores(job: ScoresJob): DayScore[] {
  return job.days.map((d) => {
    // Read exactly as the journal's own readDay reads a closed day.
    const events = d.journalPath && existsSync(d.journalPath) ? parseJournal(journalText(d.journalPath, d.bytes), d.journalPath) : [];
    const score = scoreDay({
      date: d.date, config: job.config, events, schedule: job.schedule, records: d.records, rubric: job.rubric, until: d.until, asOf: job.asOf,
    });
    return job.forRollup ? forRollup(score) : score;
  });
}

export interface RollupSumsJob {
  kind: 'rollupSums';
  config: ScoresJob['config'];
  schedule: ScheduleSettings;
  rubric: Rubric;
  asOf: string;
  /** What the days' scores are kept under in the worker: the hub (its data dir), its scoring settings' version and the date. */
  scope: string;
  /** Each part of a roll-up (a quarter, the period) with its settled days, in date order. */
  parts: { key: string; days: ScoresJob['days'] }[];
}

// Settled days' scores, as a roll-up reads them, kept in the worker between roll-ups (a quarter
// and its year share their days): the hub's thread never holds them.
const settledDays = new Map<string, DayScore>();

/** The sums of each part's days, added in date order as `sumDays` adds them on the hub's thread. */
export function runRollupSums(job: RollupSumsJob): { key: string; sums: RollupSums }[] {
  return job.parts.map((part) => {
    let sums = emptySums();
    for (const d of part.days) {
      const k = `${job.scope}|${d.date}`;
      let day = settledDays.get(k);
      if (!day) {
        day = runScores({ ...job, kind: 'scores', forRollup: true, days: [d] })[0]!;
        if (settledDays.size >= 2000) settledDays.delete(settledDays.keys().next().value!);
        settledDays.set(k, day);
      }
      sums = sumDays([day], sums);
    }
    return { key: part.key, sums };
  });
}
