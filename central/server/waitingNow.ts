import type { HallRow } from './halls.ts';

/** The hub's live figures of a wait report (server/reports/waitingNow.ts). */
export interface WaitingNow {
  waitingNow: number;
  longestWaitingMin: number | null;
}

/** What of a hall's live row the figures are read from. */
type LiveOf = Pick<HallRow, 'businessDay' | 'hallNow' | 'waiting' | 'oldestWaitingSince' | 'dayOpen'>;

/**
 * Who is still waiting at a hall, as its own report says it for a period holding its open day:
 * tickets nobody has called yet, and the whole minutes the longest of them has waited. The centre
 * reads them from the hall's live row (written with every batch and heartbeat), at the hall's own
 * clock of that word, so a hall's figures are the ones its hub gave at that instant. A period
 * without the hall's business day has none, as at the hub (the fields are left out), and so has
 * one asked between a day's close and the next day's first ticket, when the hub's day is not open.
 */
export function waitingNowOf(row: LiveOf, from: string, to: string): WaitingNow | null {
  const day = row.businessDay;
  if (!day || day < from || day > to || !row.dayOpen) return null;
  if (!row.waiting || !row.oldestWaitingSince || !row.hallNow) return { waitingNow: row.waiting, longestWaitingMin: null };
  const min = Math.max(0, Math.floor((Date.parse(row.hallNow) - Date.parse(row.oldestWaitingSince)) / 60_000));
  return { waitingNow: row.waiting, longestWaitingMin: min };
}

/**
 * The report's rows with each hall's live figures added, and the total's: everyone waiting at the
 * halls that have them, and the longest wait among them. Added after the report's cache, since
 * they move with every heartbeat.
 */
export function withWaitingNow<R extends { hallId: string }, T extends object>(
  report: { halls: R[]; total: T }, rows: readonly (LiveOf & { hallId: string })[], from: string, to: string,
): { halls: (R & Partial<WaitingNow>)[]; total: T & Partial<WaitingNow> } {
  const live = new Map(rows.map((r) => [r.hallId, waitingNowOf(r, from, to)]));
  let total: WaitingNow | null = null;
  const halls = report.halls.map((h) => {
    const w = live.get(h.hallId);
    if (!w) return h;
    total ??= { waitingNow: 0, longestWaitingMin: null };
    total.waitingNow += w.waitingNow;
    if (w.longestWaitingMin !== null) total.longestWaitingMin = Math.max(total.longestWaitingMin ?? 0, w.longestWaitingMin);
    return { ...h, ...w };
  });
  return { halls, total: total ? { ...report.total, ...(total as WaitingNow) } : report.total };
}
