import type { HallConfig } from '../config.ts';
import { toIso } from '../time.ts';
import { reasonText } from './labels.ts';
import { leaveFor, type Span } from './schedule.ts';
import { minutes, overlapMs, type DayTimeline, type Pause, type Segment, type Session } from './timeline.ts';
import type { Evidence, LeaveRecord, ScheduleSettings } from './types.ts';

/** One charge before points: the rubric decides what it costs. */
export interface Finding {
  code: string;
  staffId: string | null;
  windowId: string | null;
  evidence: Evidence;
}

export interface AttendanceInput {
  config: Pick<HallConfig, 'hall' | 'windows'>;
  date: string;
  timeline: DayTimeline;
  spans: Span[];
  schedule: ScheduleSettings;
  liable: Set<string>;
  leave: readonly LeaveRecord[];
  /** Nothing after this instant is known yet (now, for today). */
  until: number;
  /** Staff names, so evidence reads "赵磊（S07）" rather than a bare number. */
  names?: ReadonlyMap<string, string>;
}

const MIN = 60_000;

/** Late, early leave, absence, leave and leaving the post, per RULES §2 and §6. */
export function attendanceFindings(input: AttendanceInput): Finding[] {
  const { timeline, spans, schedule, until } = input;
  const tz = input.config.hall.timezone;
  const hm = (ms: number) => toIso(ms, tz).slice(11, 16);
  const grace = schedule.graceMin * MIN;
  const limit = schedule.pauseLimitMin * MIN;
  const out: Finding[] = [];
  const aWindow = new Map<string, string>();
  for (const w of input.config.windows) if (w.postA && !aWindow.has(w.postA)) aWindow.set(w.postA, w.id);

  for (const staffId of input.liable) {
    const sessions = timeline.sessions.get(staffId) ?? [];
    const leaveSpans = { covered: [] as string[], uncovered: [] as string[], cover: null as string | null };
    for (const span of spans) {
      if (until <= span.start + grace) continue;
      const leave = leaveFor(input.leave, staffId, input.date, span.index);
      if (leave) {
        if (leave.coverStaffId) {
          leaveSpans.covered.push(span.label);
          leaveSpans.cover = leave.coverStaffId;
        } else leaveSpans.uncovered.push(span.label);
        continue;
      }
      const within = sessions.filter((s) => s.from < span.end && s.to > span.start);
      if (!within.length) {
        out.push({ code: 'absent-uncovered', staffId, windowId: aWindow.get(staffId) ?? null, evidence: {
          from: toIso(span.start, tz), to: toIso(span.end, tz),
          zh: `${span.label} 未签到，且无请假`, en: `No sign-in during ${span.label} and no leave`,
        } });
        continue;
      }
      const first = within[0]!;
      if (first.from > span.start + grace) {
        const late = minutes(first.from - span.start);
        out.push({ code: 'late', staffId, windowId: first.windowId, evidence: {
          at: toIso(first.from, tz), minutes: late, windowId: first.windowId,
          zh: `${hm(first.from)} 在 ${first.windowId} 签到，${span.label} 迟到 ${late} 分钟`,
          en: `Signed in at ${first.windowId} at ${hm(first.from)}, ${late} min late for ${span.label}`,
        } });
      }
      const last = within.at(-1)!;
      // A takeover is an arranged cover, not leaving early; an open session has not ended. Before
      // the half-day's end a staffer who signed out may still come back: not early until then.
      if (last.endedBy !== 'open' && last.endedBy !== 'taken-over' && last.to < span.end - grace && until >= span.end) {
        const early = minutes(span.end - last.to);
        out.push({ code: 'early-leave', staffId, windowId: last.windowId, evidence: {
          at: toIso(last.to, tz), minutes: early, windowId: last.windowId,
          zh: `${hm(last.to)} 从 ${last.windowId} 签退，早于 ${span.label} 结束 ${early} 分钟`,
          en: `Signed out of ${last.windowId} at ${hm(last.to)}, ${early} min before ${span.label} ended`,
        } });
      }
      for (let i = 0; i + 1 < within.length; i++) out.push(...gapFinding(input, staffId, within[i]!, within[i + 1]!, span, aWindow.get(staffId), grace, limit, hm));
    }
    if (leaveSpans.covered.length) {
      const cover = leaveSpans.cover ?? '';
      const who = input.names?.has(cover) ? `${input.names.get(cover)}（${cover}）` : cover;
      const whoEn = input.names?.has(cover) ? `${input.names.get(cover)} (${cover})` : cover;
      out.push({ code: 'leave-covered', staffId, windowId: null, evidence: {
        zh: `请假（${leaveSpans.covered.join('、')}），由 ${who} 顶岗`, en: `On leave (${leaveSpans.covered.join(', ')}), covered by ${whoEn}`,
      } });
    }
    if (leaveSpans.uncovered.length) {
      out.push({ code: 'leave-uncovered', staffId, windowId: null, evidence: {
        zh: `请假（${leaveSpans.uncovered.join('、')}），无人顶岗`, en: `On leave (${leaveSpans.uncovered.join(', ')}) with no cover named`,
      } });
    }
  }

  // Pauses: an absence begun with a pause. With a stated reason (去向留言) it is judged by the
  // window's uncovered time alone, however long; without one, by how long the staffer was away.
  for (const list of timeline.sessions.values()) {
    for (const s of list) for (const p of s.pauses) {
      const f = pauseFinding(input, p, list, grace, hm);
      if (f) out.push(f);
    }
  }
  return out;
}

/** A pause says why: any reason but `other`, or `other` with a note. */
export function justified(p: Pause): boolean {
  return !(p.reason === 'other' && p.note.trim() === '');
}

/**
 * When a staffer who paused was back: at the resume, or for a pause that ended with a sign-out or
 * a takeover, at the staffer's next sign-in within the span (pause, sign out, the cover signs in,
 * A returns: one absence). Never past the span's end or `until`.
 */
export function absenceEnd(p: Pause, sessions: readonly Session[], spans: readonly Span[], until: number): number {
  const span = spans.find((s) => s.start <= p.from && p.from < s.end) ?? spans.find((s) => p.from < s.end);
  const cap = Math.min(span?.end ?? p.to, until);
  if (p.endedBy === 'resume' || p.endedBy === 'open' || p.endedBy === 'day-closed') return Math.min(p.to, cap);
  const back = sessions.find((s) => s.from >= p.to);
  return Math.max(p.to, Math.min(back ? back.from : cap, cap));
}

function pauseFinding(input: AttendanceInput, p: Pause, sessions: readonly Session[], grace: number, hm: (ms: number) => string): Finding | null {
  const tz = input.config.hall.timezone;
  const ok = justified(p);
  const to = absenceEnd(p, sessions, input.spans, input.until);
  const away = overlapMs(p.from, to, input.spans);
  // What the hall lost: minutes the window stood paused or empty, within working hours.
  const empty = uncoveredInSpans(input.timeline.segments.get(p.windowId) ?? [], p.from, to, input.spans);
  if (ok ? empty <= grace : away <= grace) return null;
  const m = minutes(away);
  const e = minutes(empty);
  if (!ok) {
    return { code: 'leave-post', staffId: p.staffId, windowId: p.windowId, evidence: {
      from: toIso(p.from, tz), to: toIso(to, tz), minutes: m, windowId: p.windowId,
      zh: `${hm(p.from)}–${hm(to)} ${p.windowId} 暂停（未说明原因）${m} 分钟，其中 ${e} 分钟无人顶岗、窗口空岗`,
      en: `${p.windowId} paused ${hm(p.from)}–${hm(to)} (no reason given) for ${m} min, ${e} min of it with nobody covering`,
    } };
  }
  const why = `${reasonText(p.reason, 'zh')}${p.note ? `：${p.note}` : ''}`;
  const whyEn = `${reasonText(p.reason, 'en')}${p.note ? `: ${p.note}` : ''}`;
  return { code: 'leave-post', staffId: p.staffId, windowId: p.windowId, evidence: {
    from: toIso(p.from, tz), to: toIso(to, tz), minutes: e, windowId: p.windowId,
    zh: `${hm(p.from)}–${hm(to)} 离开 ${p.windowId}（${why}）${m} 分钟，其中 ${e} 分钟无人顶岗、窗口空岗`,
    en: `Away from ${p.windowId} ${hm(p.from)}–${hm(to)} (${whyEn}) for ${m} min, ${e} min of it with nobody covering`,
  } };
}

/** Paused or empty time of a window between `from` and `to`, counted within working hours only. */
function uncoveredInSpans(segments: readonly Segment[], from: number, to: number, spans: readonly Span[]): number {
  let ms = 0;
  for (const span of spans) {
    const a = Math.max(from, span.start);
    const b = Math.min(to, span.end);
    if (b > a) ms += uncoveredWithin(segments, a, b);
  }
  return ms;
}

/** Away between two sessions within a span: leaving the post when the own window stood empty, or too long. */
function gapFinding(
  input: AttendanceInput, staffId: string, prev: Session, next: Session, span: Span, ownWindow: string | undefined,
  grace: number, limit: number, hm: (ms: number) => string,
): Finding[] {
  if (prev.endedBy === 'taken-over') return [];
  // Paused and then signed out: one absence, judged with the pause (reason, cover, return).
  if (prev.pauses.at(-1)?.endedBy === 'sign-out') return [];
  const from = Math.max(prev.to, span.start);
  const to = Math.min(next.from, span.end);
  if (to <= from) return [];
  const tz = input.config.hall.timezone;
  const empty = ownWindow ? uncoveredWithin(input.timeline.segments.get(ownWindow) ?? [], from, to) : 0;
  if (empty <= grace && to - from <= limit) return [];
  const m = minutes(to - from);
  return [{ code: 'leave-post', staffId, windowId: ownWindow ?? prev.windowId, evidence: {
    from: toIso(from, tz), to: toIso(to, tz), minutes: m, windowId: ownWindow ?? prev.windowId,
    zh: `${hm(from)} 签退、${hm(to)} 才返回，离岗 ${m} 分钟${empty > grace ? `，期间 ${ownWindow} 空岗 ${minutes(empty)} 分钟` : ''}`,
    en: `Signed out at ${hm(from)} and back at ${hm(to)}: away ${m} min${empty > grace ? `, ${ownWindow} empty for ${minutes(empty)} min` : ''}`,
  } }];
}

export function uncoveredWithin(segments: readonly Segment[], from: number, to: number): number {
  let ms = 0;
  for (const s of segments) {
    if (s.kind !== 'paused' && s.kind !== 'empty') continue;
    const a = Math.max(from, s.from);
    const b = Math.min(to, s.to);
    if (b > a) ms += b - a;
  }
  return ms;
}
