import type { HallConfig } from '../../shared/config.ts';
import type { HallEvent } from '../../shared/events.ts';
import { dayFactsFold, type DayFacts } from '../../shared/reports/dayFacts.ts';
import { TicketFold, type TicketTimes } from '../../shared/reports/ticketTimes.ts';
import type { ScheduleSettings } from '../../shared/scoring/types.ts';
import { spansOf } from '../../shared/scoring/schedule.ts';

/** The business day an event belongs to: a day's close is journaled after midnight but closes that day. */
export function dayOf(e: { type: string; at: string; data: unknown }): string {
  if (e.type === 'DayClosed') {
    const d = (e.data as { businessDay?: unknown })?.businessDay;
    if (typeof d === 'string') return d;
  }
  // Times carry the hall's offset, so the first ten characters are the hall's local date.
  return e.at.slice(0, 10);
}

const IN_HALL = new Set(['waiting', 'called', 'serving']);

/**
 * The business day a ticket was issued on, from its id (`20261123-5f2c9a01be`): a ticket called or
 * in service at a day's close stays in its staffer's hand and ends in the next day's events, but its
 * row belongs to the day it was issued, as in the hub's own reports.
 */
export function issueDayOf(e: { data: unknown }): string | null {
  const id = (e.data as { ticketId?: unknown } | undefined)?.ticketId;
  const m = typeof id === 'string' ? /^(\d{4})(\d{2})(\d{2})-/.exec(id) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export interface Session {
  seq: number;
  windowId: string;
  staffId: string;
  post: string;
  fromMs: number;
  toMs: number | null;
}

/**
 * One business day of one hall journal, folded by the hub's own report code (TicketFold,
 * dayFactsFold), plus who sits where now for the live row. The centre keeps the open day's fold in
 * memory between batches and rebuilds it from PostgreSQL when it is missing or stale.
 */
export class DayFold {
  readonly tickets = new TicketFold();
  private facts: ReturnType<typeof dayFactsFold>;
  private readonly byId = new Map<string, TicketTimes>();
  private indexed = 0;
  readonly windows = new Map<string, { staffId: string | null; paused: boolean }>();
  readonly sessions = new Map<number, Session>();
  private readonly openSession = new Map<string, Session>();
  seq = 0;
  lastAtMs = 0;
  closed = false;
  /**
   * Tickets of an earlier day put back in this day's queue (held over the close, then their
   * staffer signed out): id → issue time (ms), null until read from the ticket's row. The hub
   * counts them as waiting until this day's first ticket, when it lets the closed day's go.
   */
  readonly carried = new Map<string, number | null>();
  /** A ticket was issued this day: the hub's day is open (its state has a business day) until the close. */
  opened = false;
  /** What changed since `take()`: ticket ids and session seqs to write. */
  private touched = new Set<string>();
  private touchedSessions = new Set<number>();

  constructor(
    readonly journalId: string,
    readonly day: string,
    serves: Record<string, readonly string[]>,
  ) {
    this.facts = dayFactsFold(serves);
  }

  /**
   * A later day's event about a ticket this day's close left in a staffer's hand: it ends the
   * ticket's row, which stays this day's; queues, windows and sessions are the later day's.
   */
  addHeldEnd(e: HallEvent): void {
    this.tickets.add(e);
    const d = e.data as unknown as Record<string, unknown>;
    if (typeof d?.ticketId === 'string') this.touched.add(d.ticketId);
  }

  add(e: HallEvent): void {
    this.tickets.add(e);
    this.facts.add(e);
    this.seq = e.seq;
    this.lastAtMs = Math.max(this.lastAtMs, Date.parse(e.at));
    const d = e.data as unknown as Record<string, unknown>;
    if (typeof d?.ticketId === 'string') {
      this.touched.add(d.ticketId);
      if (e.type === 'TicketRequeued' && (issueDayOf(e) ?? this.day) < this.day) this.carried.set(d.ticketId, null);
      // Called again, or gone: no longer waiting (a lobby move keeps it in the queue).
      else if (e.type !== 'TicketMoved') this.carried.delete(d.ticketId);
    }
    switch (e.type) {
      case 'TicketIssued':
        this.carried.clear();
        this.opened = true;
        break;
      case 'StaffSignedIn': {
        this.windows.set(e.data.windowId, { staffId: e.data.staffId, paused: false });
        this.endSession(e.data.windowId, Date.parse(e.at));
        const s: Session = { seq: e.seq, windowId: e.data.windowId, staffId: e.data.staffId, post: e.data.post, fromMs: Date.parse(e.at), toMs: null };
        this.sessions.set(e.seq, s);
        this.openSession.set(e.data.windowId, s);
        this.touchedSessions.add(e.seq);
        break;
      }
      case 'StaffSignedOut':
        this.windows.set(e.data.windowId, { staffId: null, paused: false });
        this.endSession(e.data.windowId, Date.parse(e.at));
        break;
      case 'WindowPaused':
      case 'WindowResumed': {
        const w = this.windows.get(e.data.windowId) ?? { staffId: e.data.staffId, paused: false };
        w.paused = e.type === 'WindowPaused';
        this.windows.set(e.data.windowId, w);
        break;
      }
      case 'TicketsVoided':
        // One event about many tickets: each voided row is written again, or it stays 'waiting'.
        for (const id of e.data.ticketIds) {
          this.touched.add(id);
          this.carried.delete(id);
        }
        break;
      case 'DayClosed':
        for (const id of e.data.abandonedTicketIds) this.touched.add(id);
        this.close(Date.parse(e.at));
        break;
      default:
        break;
    }
  }

  private endSession(windowId: string, at: number) {
    const s = this.openSession.get(windowId);
    if (!s) return;
    s.toMs = at;
    this.openSession.delete(windowId);
    this.touchedSessions.add(s.seq);
  }

  /** The day is over: whoever is still in the hall left without service (as the hub's report says). */
  close(at = this.lastAtMs): void {
    if (this.closed) return;
    for (const t of this.rows()) if (IN_HALL.has(t.status)) this.touched.add(t.id);
    this.tickets.rows({ closed: true });
    for (const w of this.windows.values()) Object.assign(w, { staffId: null, paused: false });
    for (const id of [...this.openSession.keys()]) this.endSession(id, at);
    this.closed = true;
  }

  rows(): TicketTimes[] {
    return this.tickets.rows();
  }

  ticket(id: string): TicketTimes | undefined {
    const list = this.tickets.rows();
    for (; this.indexed < list.length; this.indexed++) this.byId.set(list[this.indexed]!.id, list[this.indexed]!);
    return this.byId.get(id);
  }

  dayFacts(): DayFacts {
    return this.facts.finish();
  }

  /** The tickets and sessions changed since the last call, to be written. */
  take(): { tickets: TicketTimes[]; sessions: Session[] } {
    const tickets: TicketTimes[] = [];
    for (const id of this.touched) {
      const t = this.ticket(id);
      if (t) tickets.push(t);
    }
    const sessions = [...this.touchedSessions].map((s) => this.sessions.get(s)!).filter(Boolean);
    this.touched.clear();
    this.touchedSessions.clear();
    return { tickets, sessions };
  }
}

export interface LiveRow {
  journalId: string | null;
  businessDay: string | null;
  hallNow: string | null;
  waiting: number;
  /** Issue time of the longest-waiting ticket (the board's oldest wait), ISO, or null. */
  oldestWaitingSince: string | null;
  windowsOpen: number;
  windowsPaused: number;
  /** Windows nobody serves at (closed or paused) within working hours, now. */
  uncoveredNow: string[];
  /**
   * The hall's day is open: a ticket issued and no close since. Between a close and the next day's
   * first ticket the hub's report has no live queue figures, so the centre's has none either.
   */
  dayOpen: boolean;
}

/**
 * The board's row of a hall from its open day's fold. A day the fold does not hold yet (the hub
 * has rolled to a new day with no event) starts empty, as the hub's own state does.
 */
export function liveRow(fold: DayFold | null, meta: { config: HallConfig; schedule: ScheduleSettings } | null, hall: { businessDay: string | null; now: string | null; journalId: string | null }): LiveRow {
  const day = hall.businessDay ?? fold?.day ?? null;
  const current = fold && fold.day === day && !fold.closed ? fold : null;
  let waiting = 0;
  let oldest: { ms: number; iso: string } | null = null;
  let open = 0;
  let paused = 0;
  const working = new Map<string, boolean>();
  if (current) {
    for (const t of current.rows()) {
      if (t.status !== 'waiting') continue;
      waiting++;
      if (!oldest || t.issuedMs < oldest.ms) oldest = { ms: t.issuedMs, iso: '' };
    }
    for (const issuedMs of current.carried.values()) {
      waiting++;
      if (issuedMs !== null && (!oldest || issuedMs < oldest.ms)) oldest = { ms: issuedMs, iso: '' };
    }
    for (const [id, w] of current.windows) {
      if (!w.staffId) continue;
      if (w.paused) paused++;
      else open++;
      working.set(id, !w.paused);
    }
  }
  const uncovered: string[] = [];
  const nowMs = hall.now ? Date.parse(hall.now) : NaN;
  if (meta && day && Number.isFinite(nowMs)) {
    const inHours = spansOf(meta.config, meta.schedule, day).some((s) => s.start <= nowMs && nowMs < s.end);
    if (inHours) for (const w of meta.config.windows) if (!working.get(w.id)) uncovered.push(w.id);
  }
  const offset = hall.now?.slice(23) ?? 'Z';
  return {
    journalId: hall.journalId, businessDay: day, hallNow: hall.now, waiting,
    oldestWaitingSince: oldest ? isoAt(oldest.ms, offset) : null,
    windowsOpen: open, windowsPaused: paused, uncoveredNow: uncovered, dayOpen: current?.opened ?? false,
  };
}

/** An instant written with the hall's own offset (+08:00), as the hub writes times. */
function isoAt(ms: number, offset: string): string {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  const off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(ms + off * 60_000).toISOString().slice(0, 23) + (m ? offset : 'Z');
}
