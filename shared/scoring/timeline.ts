import type { HallConfig } from '../config.ts';
import type { HallEvent, PauseReason } from '../events.ts';

/**
 * Cover records: who was at each window, in which capacity, from when to when. Folded once over
 * a day's events; everything else (attendance, cover minutes, uncovered time) reads from here.
 */
export type SegmentKind = 'A' | 'B' | 'substitute' | 'paused' | 'empty';

export interface Segment {
  windowId: string;
  kind: SegmentKind;
  staffId: string | null;
  from: number;
  to: number;
  reason?: PauseReason;
  note?: string;
}

export interface Pause {
  windowId: string;
  staffId: string;
  from: number;
  to: number;
  reason: PauseReason;
  note: string;
  endedBy: 'resume' | 'taken-over' | 'sign-out' | 'day-closed' | 'open';
  /** Who took the window over, when the pause ended that way. */
  coveredBy: string | null;
}

export interface Session {
  staffId: string;
  windowId: string;
  from: number;
  to: number;
  endedBy: 'sign-out' | 'taken-over' | 'day-closed' | 'open';
  pauses: Pause[];
}

export interface DayTimeline {
  segments: Map<string, Segment[]>;
  sessions: Map<string, Session[]>;
  served: { byWindow: Map<string, number>; byStaff: Map<string, number> };
  /** Ratings: [count, satisfied (score ≥ 4)]. */
  ratings: { byWindow: Map<string, [number, number]>; byStaff: Map<string, [number, number]> };
  /** Rating evidence: which ticket got which score, by staffer and by window. */
  rated: { byWindow: Map<string, Rated[]>; byStaff: Map<string, Rated[]> };
  /** What each window is at `until` and since when (a change at that very instant included). */
  current: Map<string, { kind: SegmentKind; since: number }>;
}

export interface Rated {
  ticket: string;
  score: number;
}

interface Open {
  kind: SegmentKind;
  staffId: string | null;
  since: number;
  reason?: PauseReason;
  note?: string;
  session: Session | null;
  pause: Pause | null;
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
function rate(m: Map<string, [number, number]>, k: string, ok: boolean) {
  const r = m.get(k);
  if (r) {
    r[0]++;
    if (ok) r[1]++;
  } else m.set(k, [1, ok ? 1 : 0]);
}

/** Folds a day's events from `dayStart` (local midnight) to `until` (day end, or now for today). */
export function buildTimeline(config: Pick<HallConfig, 'windows'>, events: readonly HallEvent[], dayStart: number, until: number): DayTimeline {
  const postOf = new Map(config.windows.map((w) => [w.id, w]));
  const open = new Map<string, Open>();
  const tl: DayTimeline = {
    segments: new Map(), sessions: new Map(),
    served: { byWindow: new Map(), byStaff: new Map() },
    ratings: { byWindow: new Map(), byStaff: new Map() }, rated: { byWindow: new Map(), byStaff: new Map() },
    current: new Map(),
  };
  for (const w of config.windows) {
    open.set(w.id, { kind: 'empty', staffId: null, since: dayStart, session: null, pause: null });
    tl.segments.set(w.id, []);
  }
  const classOf = (windowId: string, staffId: string): SegmentKind => {
    const w = postOf.get(windowId);
    return w?.postA === staffId ? 'A' : w?.postB === staffId ? 'B' : 'substitute';
  };
  const windowState = (id: string): Open => {
    let o = open.get(id);
    if (!o) {
      // A window no longer in the config still has its history.
      o = { kind: 'empty', staffId: null, since: dayStart, session: null, pause: null };
      open.set(id, o);
      tl.segments.set(id, []);
    }
    return o;
  };
  const close = (windowId: string, o: Open, at: number) => {
    const to = Math.min(at, until);
    if (to > o.since) {
      const seg: Segment = { windowId, kind: o.kind, staffId: o.staffId, from: o.since, to };
      if (o.reason) seg.reason = o.reason;
      if (o.note !== undefined) seg.note = o.note;
      tl.segments.get(windowId)!.push(seg);
    }
    o.since = Math.max(o.since, to);
  };
  const endPause = (o: Open, at: number, how: Pause['endedBy'], by: string | null = null) => {
    if (!o.pause) return;
    o.pause.to = Math.min(at, until);
    o.pause.endedBy = how;
    o.pause.coveredBy = by;
    o.pause = null;
  };
  const signOut = (windowId: string, o: Open, at: number, how: Session['endedBy'], by: string | null = null) => {
    close(windowId, o, at);
    endPause(o, at, how === 'sign-out' ? 'sign-out' : how, by);
    if (o.session) {
      o.session.to = Math.min(at, until);
      o.session.endedBy = how;
    }
    Object.assign(o, { kind: 'empty', staffId: null, session: null, reason: undefined, note: undefined });
  };

  for (const e of events) {
    switch (e.type) {
      case 'ServiceFinished':
        bump(tl.served.byWindow, e.data.windowId);
        bump(tl.served.byStaff, e.data.staffId);
        break;
      case 'TicketRated': {
        const ok = e.data.score >= 4;
        rate(tl.ratings.byWindow, e.data.windowId, ok);
        rate(tl.ratings.byStaff, e.data.staffId, ok);
        const r: Rated = { ticket: e.data.number, score: e.data.score };
        push(tl.rated.byWindow, e.data.windowId, r);
        push(tl.rated.byStaff, e.data.staffId, r);
        break;
      }
      case 'StaffSignedIn': {
        const at = Date.parse(e.at);
        const o = windowState(e.data.windowId);
        // A takeover arrives as StaffSignedOut(taken-over) first; this closes an empty window.
        close(e.data.windowId, o, at);
        const session: Session = { staffId: e.data.staffId, windowId: e.data.windowId, from: at, to: until, endedBy: 'open', pauses: [] };
        let list = tl.sessions.get(e.data.staffId);
        if (!list) tl.sessions.set(e.data.staffId, (list = []));
        list.push(session);
        Object.assign(o, { kind: classOf(e.data.windowId, e.data.staffId), staffId: e.data.staffId, session, reason: undefined, note: undefined });
        break;
      }
      case 'StaffSignedOut': {
        const o = windowState(e.data.windowId);
        if (o.staffId !== e.data.staffId) break;
        signOut(e.data.windowId, o, Date.parse(e.at), e.data.reason, null);
        break;
      }
      case 'WindowPaused': {
        const at = Date.parse(e.at);
        const o = windowState(e.data.windowId);
        close(e.data.windowId, o, at);
        const pause: Pause = { windowId: e.data.windowId, staffId: e.data.staffId, from: at, to: until, reason: e.data.reason, note: e.data.note, endedBy: 'open', coveredBy: null };
        o.session?.pauses.push(pause);
        Object.assign(o, { kind: 'paused', pause, reason: e.data.reason, note: e.data.note });
        break;
      }
      case 'WindowResumed': {
        const at = Date.parse(e.at);
        const o = windowState(e.data.windowId);
        close(e.data.windowId, o, at);
        endPause(o, at, 'resume');
        Object.assign(o, { kind: classOf(e.data.windowId, e.data.staffId), reason: undefined, note: undefined });
        break;
      }
      case 'DayClosed': {
        const at = Date.parse(e.at);
        for (const [id, o] of open) if (o.staffId) signOut(id, o, at, 'day-closed');
        break;
      }
      default:
        break;
    }
  }
  for (const [id, o] of open) {
    tl.current.set(id, { kind: o.kind, since: o.since });
    close(id, o, until);
  }
  // Takeovers: the signed-out pause was ended by the next sign-in at the same instant.
  for (const list of tl.sessions.values()) {
    for (const s of list) {
      const p = s.pauses.at(-1);
      if (s.endedBy === 'taken-over' && p && p.endedBy === 'taken-over') p.coveredBy = coverAfter(tl, s.windowId, s.to);
    }
  }
  return tl;
}

function coverAfter(tl: DayTimeline, windowId: string, at: number): string | null {
  const seg = tl.segments.get(windowId)?.find((s) => s.from === at && s.staffId !== null);
  return seg?.staffId ?? null;
}

/** Milliseconds of [from, to) that fall within the spans. */
export function overlapMs(from: number, to: number, spans: readonly { start: number; end: number }[]): number {
  let ms = 0;
  for (const s of spans) {
    const a = Math.max(from, s.start);
    const b = Math.min(to, s.end);
    if (b > a) ms += b - a;
  }
  return ms;
}

export const minutes = (ms: number): number => Math.round(ms / 6_000) / 10;
