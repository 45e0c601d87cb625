import type { HallConfig } from '../config.ts';
import type { HallEvent } from '../events.ts';
import { localTimeToMs } from '../time.ts';
import { attendanceFindings, type Finding } from './attendance.ts';
import { emptyWindowFindings, uncoveredSince, windowCover, type CoverInterval } from './cover.ts';
import { overdueFindings } from './complaintFindings.ts';
import type { ActiveRecords } from './records.ts';
import { satisfactionPoints, type Rubric } from './rubrics.ts';
import { isWorkingDay, liableStaff, spansOf } from './schedule.ts';
import { buildTimeline, minutes, type Rated } from './timeline.ts';
import type { Evidence, ItemResult, ScheduleSettings } from './types.ts';

export interface DayInput {
  date: string;
  config: Pick<HallConfig, 'hall' | 'windows' | 'staff'>;
  events: readonly HallEvent[];
  schedule: ScheduleSettings;
  /** The manual records bearing on this date (see recordsOn). */
  records: ActiveRecords;
  rubric: Rubric;
  /** Instant up to which the day is known: its end for a past day, now for today. */
  until: number;
  /** Today's date: complaints still open past their due date by then are flagged in the evidence. */
  asOf?: string;
}

export interface Scored {
  score: number;
  parts: Record<string, number>;
  items: ItemResult[];
  disqualified: boolean;
}

export interface StaffDayScore extends Scored {
  staffId: string;
  name: string;
  /** Liable to attendance or worked at a window this day: only such days count in roll-ups. */
  onDuty: boolean;
  served: number;
  ratings: number;
  satisfied: number;
  satisfactionPct: number | null;
  coverMinutes: number;
}

export interface WindowDayScore extends Scored {
  windowId: string;
  served: number;
  ratings: number;
  satisfied: number;
  satisfactionPct: number | null;
  uncoveredMinutes: number;
  coverMinutes: number;
  pauseMinutes: number;
  intervals: CoverInterval[];
  /** Nobody serving at `until` although it falls in working hours: since when (else null). */
  uncoveredSince: string | null;
}

export interface DayScore {
  date: string;
  rubricId: string;
  workingDay: boolean;
  staff: StaffDayScore[];
  windows: WindowDayScore[];
}

function group<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const pct = (r: [number, number] | undefined): number | null => (r && r[0] ? (r[1] * 100) / r[0] : null);

/** The day's score for every staffer and window: a pure projection of events, schedule, rubric and entries. */
export function scoreDay(input: DayInput): DayScore {
  const { date, config, schedule, rubric, records } = input;
  const tz = config.hall.timezone;
  const dayStart = localTimeToMs(date, '00:00', tz);
  const tl = buildTimeline(config, input.events, dayStart, input.until);
  const spans = spansOf(config, schedule, date);
  const liable = liableStaff(config, schedule, date);
  const names = new Map(config.staff.map((s) => [s.id, s.name]));
  const findings = attendanceFindings({ config, date, timeline: tl, spans, schedule, liable, leave: records.leave, until: input.until, names });
  const windowFindings = emptyWindowFindings(tl, spans, schedule.graceMin, tz);
  const cover = windowCover(tl, spans, tz);

  const staffIds = new Set(config.staff.filter((s) => s.role === 'staff').map((s) => s.id));
  for (const id of tl.sessions.keys()) staffIds.add(id);
  const byStaff = new Map<string, Finding[]>();
  const byWindow = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.staffId) group(byStaff, f.staffId, f);
    if (f.code === 'leave-post' && f.windowId) group(byWindow, f.windowId, f);
  }
  for (const f of windowFindings) if (f.windowId) group(byWindow, f.windowId, f);
  for (const f of overdueFindings(records, input.asOf)) {
    if (f.staffId) group(byStaff, f.staffId, f);
    if (f.windowId) group(byWindow, f.windowId, f);
  }
  const staff: StaffDayScore[] = [...staffIds].sort().map((staffId) => {
    const mine = byStaff.get(staffId) ?? [];
    const r = tl.ratings.byStaff.get(staffId);
    const satisfactionPct = pct(r);
    const items = collect(rubric, mine, records, (x) => x.staffId === staffId, satisfactionEvidence(r, satisfactionPct, rubric, tl.rated.byStaff.get(staffId) ?? []));
    return {
      staffId, name: names.get(staffId) ?? staffId, onDuty: liable.has(staffId) || tl.sessions.has(staffId),
      ...total(rubric, items), served: tl.served.byStaff.get(staffId) ?? 0, ratings: r?.[0] ?? 0, satisfied: r?.[1] ?? 0,
      satisfactionPct, coverMinutes: minutes(cover.staffCoverMs.get(staffId) ?? 0),
    };
  });
  const windows: WindowDayScore[] = config.windows.map((w) => {
    const mine = byWindow.get(w.id) ?? [];
    const r = tl.ratings.byWindow.get(w.id);
    const satisfactionPct = pct(r);
    const items = collect(rubric, mine, records, (x) => x.windowId === w.id, satisfactionEvidence(r, satisfactionPct, rubric, tl.rated.byWindow.get(w.id) ?? []));
    const c = cover.windows.get(w.id);
    return {
      windowId: w.id, ...total(rubric, items), served: tl.served.byWindow.get(w.id) ?? 0, ratings: r?.[0] ?? 0, satisfied: r?.[1] ?? 0,
      satisfactionPct, uncoveredMinutes: minutes(c?.uncoveredMs ?? 0), coverMinutes: minutes(c?.coverMs ?? 0),
      pauseMinutes: minutes(c?.pauseMs ?? 0), intervals: c?.intervals ?? [],
      uncoveredSince: uncoveredSince(tl.segments.get(w.id) ?? [], tl.current.get(w.id), spans, input.until, tz),
    };
  });
  return { date, rubricId: rubric.id, workingDay: isWorkingDay(schedule, date), staff, windows };
}

function satisfactionEvidence(r: [number, number] | undefined, p: number | null, rubric: Rubric, rated: Rated[]): { count: number; points: number; evidence: Evidence[] } {
  const points = satisfactionPoints(rubric, p);
  if (!r || !r[0]) return { count: 0, points, evidence: [{ zh: '当日无评价，按满分计', en: 'No ratings this day: full points' }] };
  const shown = Math.round((p ?? 0) * 10) / 10;
  const low = rated.filter((x) => x.score < 4).map((x) => `${x.ticket}:${x.score}`);
  return { count: r[0], points, evidence: [{
    zh: `${r[0]} 次评价中 ${r[1]} 次满意以上（${shown}%）${low.length ? `；未满意：${low.join('、')}` : ''}`,
    en: `${r[1]} of ${r[0]} ratings satisfied or better (${shown}%)${low.length ? `; below: ${low.join(', ')}` : ''}`,
  }] };
}

/** Findings and manual entries, priced by the rubric; items the rubric lacks are not charged. */
function collect(
  rubric: Rubric, findings: Finding[], records: ActiveRecords, mine: (x: { staffId: string | null; windowId: string | null }) => boolean,
  satisfaction: { count: number; points: number; evidence: Evidence[] },
): ItemResult[] {
  const byCode = new Map<string, ItemResult>();
  const priceOf = new Map(rubric.items.map((i) => [i.code, i]));
  const add = (code: string, count: number, points: number, ev: Evidence) => {
    if (!priceOf.has(code)) return;
    let it = byCode.get(code);
    if (!it) byCode.set(code, (it = { code, count: 0, points: 0, evidence: [] }));
    it.count += count;
    it.points += points;
    it.evidence.push(ev);
  };
  for (const f of findings) add(f.code, 1, priceOf.get(f.code)?.points ?? 0, f.evidence);
  for (const e of records.entries) {
    if (!mine(e)) continue;
    const item = priceOf.get(e.item);
    if (!item) continue;
    const each = item.range && e.points !== null ? Math.min(item.range[1], Math.max(item.range[0], e.points)) : item.points;
    // The note is the manager's own words; the item's name is given in the reader's language.
    add(e.item, e.count, each * e.count, {
      ref: e.id, at: e.enteredAt,
      zh: `${item.label.zh}${e.note ? `：${e.note}` : ''}（${e.enteredBy} 录入）`,
      en: `${item.label.en}${e.note ? `: ${e.note}` : ''} (entered by ${e.enteredBy})`,
    });
  }
  for (const c of records.complaints) {
    if (!mine(c) || !c.verified) continue;
    add('complaint', 1, priceOf.get('complaint')?.points ?? 0, { ref: c.id, at: c.enteredAt, zh: `投诉 ${c.id} 经查实`, en: `Complaint ${c.id} verified` });
  }
  if (priceOf.has('satisfaction')) byCode.set('satisfaction', { code: 'satisfaction', ...satisfaction });
  return [...byCode.values()];
}

function total(rubric: Rubric, items: ItemResult[]): Scored {
  const parts: Record<string, number> = {};
  const partOf = new Map(rubric.items.map((i) => [i.code, i.part]));
  const disq = new Set(rubric.items.filter((i) => i.disqualifies).map((i) => i.code));
  for (const p of rubric.parts) {
    let sum = p.base;
    for (const it of items) if (partOf.get(it.code) === p.id) sum += it.points;
    parts[p.id] = Math.min(p.max, Math.max(0, sum));
  }
  const score = Object.values(parts).reduce((a, b) => a + b, 0);
  return { score, parts, items, disqualified: items.some((i) => disq.has(i.code) && i.count > 0) };
}
