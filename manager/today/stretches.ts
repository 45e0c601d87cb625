import type { Interval, WindowScore } from '../types.ts';

/** One stretch of a window with nobody serving: paused, empty, or a pause that ran into empty. */
export interface Stretch {
  windowId: string;
  from: string;
  to: string;
  minutes: number;
  /** Who was at the window before it went uncovered (the one who paused or signed out); null when nobody came. */
  before: string | null;
  /** Why: paused (with the pause reason), signed out, or nobody signed in since opening. */
  cause: 'paused' | 'left' | 'never';
  reason?: string;
  note?: string;
  /** Still uncovered now (the stretch reaches the window's `uncoveredSince`). */
  ongoing: boolean;
}

const uncovered = (i: Interval) => i.kind === 'paused' || i.kind === 'empty';

/**
 * The day's uncovered stretches from the windows' cover records, oldest first. A stretch stays in
 * the list after someone covers: "who left window 3 empty this morning, and for how long?" is a
 * question about the past, asked after the window is staffed again. Back-to-back uncovered
 * intervals (a pause, then signed out) are one stretch, credited to whoever was there before.
 */
export function uncoveredStretches(windows: readonly WindowScore[]): Stretch[] {
  const out: Stretch[] = [];
  for (const w of windows) {
    let cur: Stretch | null = null;
    let lastStaff: string | null = null;
    for (const i of w.intervals) {
      if (!uncovered(i)) {
        if (cur) out.push(cur);
        cur = null;
        lastStaff = i.staffId;
        continue;
      }
      if (cur && cur.to === i.from) {
        cur.to = i.to;
        cur.minutes += i.minutes;
        continue;
      }
      if (cur) out.push(cur);
      const before = i.kind === 'paused' ? i.staffId ?? lastStaff : lastStaff;
      cur = {
        windowId: w.windowId, from: i.from, to: i.to, minutes: i.minutes, before,
        cause: i.kind === 'paused' ? 'paused' : before ? 'left' : 'never', ongoing: false,
        ...(i.reason ? { reason: i.reason } : {}), ...(i.note ? { note: i.note } : {}),
      };
    }
    if (cur) {
      cur.ongoing = !!w.uncoveredSince;
      out.push(cur);
    }
  }
  return out.filter((s) => s.minutes > 0).sort((a, b) => a.from.localeCompare(b.from) || a.windowId.localeCompare(b.windowId));
}
