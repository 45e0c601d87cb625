import type { HallConfig } from '../config.ts';
import { addDays, localTimeToMs, weekday } from '../time.ts';
import type { LeaveRecord, ScheduleSettings, Shift } from './types.ts';

/** One working-hours span of a day, in ms, with its index into the hall's hours. */
export interface Span {
  index: number;
  start: number;
  end: number;
  label: string;
}

export function isWorkingDay(s: ScheduleSettings, date: string): boolean {
  if (s.holidays.includes(date)) return false;
  if (s.extraWorkdays.includes(date)) return true;
  return s.workWeekdays.includes(weekday(date));
}

/** The hall's working hours on a date; none on a day the hall does not work. */
export function spansOf(config: Pick<HallConfig, 'hall'>, s: ScheduleSettings, date: string): Span[] {
  if (!isWorkingDay(s, date)) return [];
  const tz = config.hall.timezone;
  return config.hall.hours.map(([from, to], index) => ({
    index,
    start: localTimeToMs(date, from, tz),
    end: localTimeToMs(date, to, tz),
    label: `${from}–${to}`,
  }));
}

/** Whether a roster line puts its staffer on duty on a date: the weekday, within its dates. */
export function shiftApplies(sh: Shift, date: string): boolean {
  if (sh.from && date < sh.from) return false;
  if (sh.to && date > sh.to) return false;
  return sh.weekdays.includes(weekday(date));
}

/**
 * Who is liable to late, early-leave and absence on a date: staff holding an A post every working
 * day, and staff whose roster names the weekday (within its dates). Covering creates no duty.
 */
export function liableStaff(config: Pick<HallConfig, 'windows'>, s: ScheduleSettings, date: string): Set<string> {
  const out = new Set<string>();
  if (!isWorkingDay(s, date)) return out;
  for (const w of config.windows) if (w.postA) out.add(w.postA);
  for (const sh of s.shifts) if (shiftApplies(sh, date)) out.add(sh.staffId);
  return out;
}

/** The leave of a staffer that covers a span of a date, if any (the latest entered wins). */
export function leaveFor(leave: readonly LeaveRecord[], staffId: string, date: string, spanIndex: number): LeaveRecord | undefined {
  let found: LeaveRecord | undefined;
  for (const l of leave) {
    if (l.staffId !== staffId || date < l.from || date > l.to) continue;
    if (l.spans !== null && !l.spans.includes(spanIndex)) continue;
    found = l;
  }
  return found;
}

/** The date `n` working days after `date` (complex complaints are answered within 5). */
export function addWorkingDays(s: ScheduleSettings, date: string, n: number): string {
  let d = date;
  let left = n;
  // A schedule with no working days at all would loop forever; a year is the most we look.
  for (let guard = 0; left > 0 && guard < 366; guard++) {
    d = addDays(d, 1);
    if (isWorkingDay(s, d)) left--;
  }
  return d;
}

/**
 * When a complaint must be answered (RULES §7, seed 004:145 and 004:623): an ordinary one the same
 * or the next day, a complex one within 5 working days. "Next day" is the next day the hall works:
 * a complaint taken on Friday is answered on Monday, not on a Saturday nobody is in.
 */
export function complaintDue(s: ScheduleSettings, date: string, complexity: 'ordinary' | 'complex'): string {
  return addWorkingDays(s, date, complexity === 'ordinary' ? 1 : 5);
}
