import { toIso } from '../time.ts';
import type { Finding } from './attendance.ts';
import type { Span } from './schedule.ts';
import { minutes, type DayTimeline, type Segment, type SegmentKind } from './timeline.ts';

/** A cover record within working hours, as shown on a score card. */
export interface CoverInterval {
  from: string;
  to: string;
  minutes: number;
  kind: SegmentKind;
  staffId: string | null;
  reason?: string;
  note?: string;
}

export interface WindowCover {
  windowId: string;
  uncoveredMs: number;
  coverMs: number;
  pauseMs: number;
  intervals: CoverInterval[];
}

const uncovered = (k: SegmentKind) => k === 'paused' || k === 'empty';

/**
 * Minutes per window within working hours: staffed by A, covered by B or a substitute, paused,
 * or empty. Uncovered = paused + empty. Also the cover minutes each staffer gave.
 */
export function windowCover(tl: DayTimeline, spans: Span[], tz: string): { windows: Map<string, WindowCover>; staffCoverMs: Map<string, number> } {
  const windows = new Map<string, WindowCover>();
  const staffCoverMs = new Map<string, number>();
  for (const [windowId, segs] of tl.segments) {
    const wc: WindowCover = { windowId, uncoveredMs: 0, coverMs: 0, pauseMs: 0, intervals: [] };
    for (const span of spans) {
      for (const s of segs) {
        const a = Math.max(s.from, span.start);
        const b = Math.min(s.to, span.end);
        if (b <= a) continue;
        const ms = b - a;
        if (uncovered(s.kind)) wc.uncoveredMs += ms;
        if (s.kind === 'paused') wc.pauseMs += ms;
        if ((s.kind === 'B' || s.kind === 'substitute') && s.staffId) {
          wc.coverMs += ms;
          staffCoverMs.set(s.staffId, (staffCoverMs.get(s.staffId) ?? 0) + ms);
        }
        const prev = wc.intervals.at(-1);
        if (prev && prev.kind === s.kind && prev.staffId === s.staffId && prev.to === toIso(a, tz) && prev.reason === s.reason) {
          prev.to = toIso(b, tz);
          prev.minutes = minutes(Date.parse(prev.to) - Date.parse(prev.from));
        } else {
          const iv: CoverInterval = { from: toIso(a, tz), to: toIso(b, tz), minutes: minutes(ms), kind: s.kind, staffId: s.staffId };
          if (s.reason) iv.reason = s.reason;
          if (s.note) iv.note = s.note;
          wc.intervals.push(iv);
        }
      }
    }
    windows.set(windowId, wc);
  }
  return { windows, staffCoverMs };
}

/** A window left empty (paused or nobody signed in) longer than the grace, once per stretch. */
export function emptyWindowFindings(tl: DayTimeline, spans: Span[], graceMin: number, tz: string): Finding[] {
  const out: Finding[] = [];
  const hm = (ms: number) => toIso(ms, tz).slice(11, 16);
  for (const [windowId, segs] of tl.segments) {
    for (const span of spans) {
      let start = -1;
      let end = -1;
      const flush = () => {
        if (start >= 0 && end - start > graceMin * 60_000) {
          const m = minutes(end - start);
          out.push({ code: 'window-uncovered', staffId: null, windowId, evidence: {
            from: toIso(start, tz), to: toIso(end, tz), minutes: m, windowId,
            zh: `${windowId} ${hm(start)}–${hm(end)} 无人在岗 ${m} 分钟`, en: `${windowId} had nobody serving ${hm(start)}–${hm(end)} (${m} min)`,
          } });
        }
        start = -1;
      };
      for (const s of segs) {
        const a = Math.max(s.from, span.start);
        const b = Math.min(s.to, span.end);
        if (b <= a) continue;
        if (uncovered(s.kind)) {
          if (start < 0 || a !== end) {
            flush();
            start = a;
          }
          end = b;
        } else flush();
      }
      flush();
    }
  }
  return out;
}

/**
 * "Uncovered now": if `at` falls within working hours and the window is paused or has nobody
 * signed in at that instant, the start of that stretch (not earlier than the span's start);
 * otherwise null. For a past day `at` is the day's end, outside every span: only today has one.
 */
export function uncoveredSince(segs: readonly Segment[], current: { kind: SegmentKind; since: number } | undefined, spans: readonly Span[], at: number, tz: string): string | null {
  const span = spans.find((s) => s.start <= at && at < s.end);
  if (!span || !current || !uncovered(current.kind)) return null;
  let since = current.since;
  // Walk back over the uncovered stretch: a pause that followed an empty hour is one stretch.
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i]!;
    if (s.from >= since) continue;
    if (!uncovered(s.kind) || s.to !== since) break;
    since = s.from;
  }
  return toIso(Math.max(since, span.start), tz);
}
