import type { HallConfig } from '../config.ts';
import { toIso, weekday } from '../time.ts';
import { NONE, STATUS_CODES, type DayColumns } from './dayColumns.ts';
import { LobbyTally, type LobbyFigures } from './lobbyFigures.ts';
import { Tally, type Figures } from './figures.ts';
import { NO_GROUP, ServedTickets } from './ranks.ts';
import { suspectReasons, type FlaggedTicket, type SuspectRule } from './suspect.ts';

/**
 * The wait-time report of a period: a pure fold over its days' ticket columns. Every figure is
 * exact; the contract's definitions are applied in `ticketTimes` (what a wait and a service are)
 * and here (which service, window, staffer and hour a ticket counts under).
 */
export interface ReportOptions extends Partial<SuspectRule> {
  /** Leave tickets with suspect times out of served, wait and service figures (they stay listed). */
  excludeFlagged?: boolean;
  /** How many flagged tickets to list at most. */
  flaggedLimit?: number;
  /** Bookings of the period's slots per service (see lobbyFigures.ts `bookingCounts`). */
  bookings?: Map<string, { booked: number; checkedIn: number; missed: number }>;
}

export type ServiceRow = { serviceId: string; name: string; maxWaiting: number; flagged: number } & Figures & LobbyFigures;
export type WindowRow = { windowId: string; number: number | null; name: string; openMin: number; pausedMin: number; idleWhileQueuedMin: number; flagged: number } & Figures;
export type StaffRow = { staffId: string; name: string; idleWhileQueuedMin: number; flagged: number } & Figures;
export type HourRow = { hour: number } & Figures;

export interface WaitsFigures {
  from: string;
  to: string;
  /** Business days in the period that have tickets. */
  days: number;
  services: ServiceRow[];
  total: Figures & LobbyFigures & { maxWaiting: number; flagged: number };
  windows: WindowRow[];
  staff: StaffRow[];
  /** By hour of issue: wait by hour of the day. */
  hours: HourRow[];
  /** Arrivals by weekday (0 = Sunday) × hour, and how many business days of each weekday. */
  heatmap: { arrivals: number[][]; days: number[] };
  flagged: FlaggedTicket[];
  flaggedCount: number;
  excludedFlagged: boolean;
}

const min = (ms: number) => Math.round(ms / 600) / 100;
const DONE = STATUS_CODES.indexOf('done');
const NO_SHOW = STATUS_CODES.indexOf('no-show');
const ABANDONED = STATUS_CODES.indexOf('abandoned');
const CANCELLED = STATUS_CODES.indexOf('cancelled');

export function waitsReport(from: string, to: string, days: readonly DayColumns[], config: HallConfig, opts: ReportOptions = {}): WaitsFigures {
  const rule: SuspectRule = { factor: opts.factor ?? 4, maxServiceMs: opts.maxServiceMs ?? 2 * 3_600_000 };
  const limit = opts.flaggedLimit ?? 200;
  const services = new Groups();
  const windows = new Groups();
  const staff = new Groups();
  const hours = Array.from({ length: 24 }, () => new Tally());
  const total = new Tally();
  const peaks = new Map<string, number>();
  const winTime = new Map<string, { open: number; paused: number; idle: number }>();
  const staffIdle = new Map<string, number>();
  const arrivals = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const weekdays = new Array<number>(7).fill(0);
  const flagged: FlaggedTicket[] = [];
  let flaggedCount = 0;
  for (const s of config.services) services.of(s.id);
  let capacity = 0;
  for (const d of days) if (d.day >= from && d.day <= to) capacity += d.count;
  const served = new ServedTickets(capacity, 4);
  const groupsOf = new Int32Array(4);
  const target = new Map(config.services.map((s) => [s.id, s] as const));
  const lobby = new Map<string, LobbyTally>();
  const lobbyOf = (id: string) => lobby.get(id) ?? lobby.set(id, new LobbyTally()).get(id)!;
  const lobbyTotal = new LobbyTally();

  for (const d of days) {
    if (d.day < from || d.day > to) continue;
    const c = d.cols;
    const svcAt = d.services.map((id) => services.of(id));
    const svc = svcAt.map((g) => services.tallies[g]!);
    const waitTarget = d.services.map((id) => (target.get(id)?.targetWaitMin ?? Infinity) * 60_000);
    const serviceTarget = d.services.map((id) => (target.get(id)?.targetServiceMin ?? Infinity) * 60_000);
    // The shortest service that is suspect, per service: most tickets are decided by one comparison.
    const suspectFrom = serviceTarget.map((t) => Math.min(rule.factor * t, rule.maxServiceMs));
    const winAt = d.windows.map((id) => windows.of(id));
    const stfAt = d.staff.map((id) => staff.of(id));
    const win = winAt.map((g) => windows.tallies[g]!);
    const stf = stfAt.map((g) => staff.tallies[g]!);
    const wd = weekday(d.day);
    if (d.count) weekdays[wd]! += 1;
    for (let i = 0; i < d.count; i++) {
      const hour = hours[c.hour[i]!]!;
      svc[c.issuedService[i]!]!.issued += 1;
      total.issued += 1;
      hour.issued += 1;
      arrivals[wd]![c.hour[i]!]! += 1;
      const status = c.status[i]!;
      const s = c.service[i]!;
      const w = c.window[i]! >= 0 ? win[c.window[i]!] : undefined;
      const p = c.staff[i]! >= 0 ? stf[c.staff[i]!] : undefined;
      if (status === CANCELLED) {
        lobbyOf(d.services[s]!).cancelled += 1;
        lobbyTotal.cancelled += 1;
      } else if (status === DONE && c.slotStart[i] !== NONE) {
        const fromMs = Math.max(c.slotStart[i]!, c.issued[i]!);
        lobbyOf(d.services[s]!).appointmentWait(c.called[i]! - fromMs);
        lobbyTotal.appointmentWait(c.called[i]! - fromMs);
      }
      if (status === DONE) {
        const waitMs = c.called[i]! - c.issued[i]!;
        const serviceMs = c.started[i] === NONE ? null : c.finished[i]! - c.started[i]!;
        if (serviceMs !== null && serviceMs > suspectFrom[s]!) {
          flaggedCount += 1;
          flag(svc[s]!, w, p, hour, total);
          if (flagged.length < limit) flagged.push(describe(d, i, waitMs, serviceMs, suspectReasons(serviceMs, serviceTarget[s]!, rule), config.hall.timezone));
          if (opts.excludeFlagged) continue;
        }
        const within = waitMs <= waitTarget[s]!;
        svc[s]!.serve(waitMs, serviceMs, within);
        w?.serve(waitMs, serviceMs, within);
        p?.serve(waitMs, serviceMs, within);
        hour.serve(waitMs, serviceMs, within);
        total.serve(waitMs, serviceMs, within);
        groupsOf[0] = svcAt[s]!;
        groupsOf[1] = w ? winAt[c.window[i]!]! : NO_GROUP;
        groupsOf[2] = p ? stfAt[c.staff[i]!]! : NO_GROUP;
        groupsOf[3] = c.hour[i]!;
        served.push(waitMs, serviceMs, groupsOf);
      } else if (status === NO_SHOW) {
        svc[s]!.noShow += 1;
        if (w) w.noShow += 1;
        if (p) p.noShow += 1;
        hour.noShow += 1;
        total.noShow += 1;
      } else if (status === ABANDONED) {
        svc[s]!.abandoned += 1;
        hour.abandoned += 1;
        total.abandoned += 1;
      }
    }
    let lastRow = -1;
    let lastMoved = -1;
    for (let k = 0; k < d.transferRows.length; k++) {
      const row = d.transferRows[k]!;
      const from = d.transferServices[k]!;
      if (from < 0) {
        // Moved by the lobby while waiting: counted per service left, and once per ticket in the total.
        lobbyOf(d.services[-1 - from]!).moved += 1;
        if (row !== lastMoved) lobbyTotal.moved += 1;
        lastMoved = row;
        continue;
      }
      svc[from]!.transferred += 1;
      // The total and the hours count tickets, not moves: a ticket moved twice is one transfer.
      if (row !== lastRow) {
        total.transferred += 1;
        hours[c.hour[row]!]!.transferred += 1;
      }
      lastRow = row;
    }
    for (const [id, q] of Object.entries(d.facts.queues)) peaks.set(id, Math.max(peaks.get(id) ?? 0, q.max));
    for (const [id, t] of Object.entries(d.facts.windows)) {
      const acc = winTime.get(id) ?? { open: 0, paused: 0, idle: 0 };
      acc.open += t.openMs;
      acc.paused += t.pausedMs;
      acc.idle += t.idleQueuedMs;
      winTime.set(id, acc);
      if (t.openMs || t.pausedMs) windows.of(id);
    }
    for (const [id, ms] of Object.entries(d.facts.staffIdleQueuedMs)) {
      staffIdle.set(id, (staffIdle.get(id) ?? 0) + ms);
      staff.of(id);
    }
  }
  served.rank([services.tallies, windows.tallies, staff.tallies, hours], total);

  const nameOf = (id: string) => config.services.find((s) => s.id === id)?.name ?? id;
  return {
    from, to, days: days.filter((d) => d.day >= from && d.day <= to && d.count > 0).length,
    services: services.entries().map(([id, t]) => ({
      serviceId: id, name: nameOf(id), ...t.figures(), maxWaiting: peaks.get(id) ?? 0, flagged: t.flagged, ...withBookings(lobbyOf(id), opts.bookings?.get(id), lobbyTotal),
    })),
    total: { ...total.figures(), maxWaiting: Math.max(0, ...peaks.values()), flagged: total.flagged, ...lobbyTotal.figures() },
    windows: windows.entries().sort(byKey).map(([id, t]) => {
      const cfg = config.windows.find((w) => w.id === id);
      const time = winTime.get(id) ?? { open: 0, paused: 0, idle: 0 };
      return {
        windowId: id, number: cfg?.number ?? null, name: cfg?.name ?? id, ...t.figures(), flagged: t.flagged,
        openMin: min(time.open), pausedMin: min(time.paused), idleWhileQueuedMin: min(time.idle),
      };
    }),
    staff: staff.entries().sort(byKey).map(([id, t]) => ({
      staffId: id, name: config.staff.find((s) => s.id === id)?.name ?? id, ...t.figures(), flagged: t.flagged,
      idleWhileQueuedMin: min(staffIdle.get(id) ?? 0),
    })),
    hours: hours.map((t, hour) => ({ hour, ...t.figures() })).filter((h) => h.issued > 0 || h.served > 0),
    heatmap: { arrivals, days: weekdays },
    flagged, flaggedCount, excludedFlagged: opts.excludeFlagged ?? false,
  };
}

/** A service's lobby figures with its bookings, which also go into the total. */
function withBookings(t: LobbyTally, b: { booked: number; checkedIn: number; missed: number } | undefined, total: LobbyTally): LobbyFigures {
  if (b) {
    t.booked = b.booked;
    t.checkedIn = b.checkedIn;
    t.missed = b.missed;
    total.booked += b.booked;
    total.checkedIn += b.checkedIn;
    total.missed += b.missed;
  }
  return t.figures();
}

/** The tallies of one dimension, each with its index for `ServedTickets`. */
class Groups {
  readonly tallies: Tally[] = [];
  private readonly index = new Map<string, number>();

  of(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.tallies.length;
      this.tallies.push(new Tally());
      this.index.set(id, i);
    }
    return i;
  }

  entries(): [string, Tally][] {
    return [...this.index].map(([id, i]) => [id, this.tallies[i]!]);
  }
}

function flag(...groups: (Tally | undefined)[]) {
  for (const g of groups) if (g) g.flagged += 1;
}

const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function describe(d: DayColumns, i: number, waitMs: number, serviceMs: number | null, reasons: string[], tz: string): FlaggedTicket {
  const { ids, numbers } = d.labels();
  const c = d.cols;
  return {
    id: ids[i] ?? '', number: numbers[i] ?? '', day: d.day, serviceId: d.services[c.service[i]!] ?? '',
    windowId: d.windows[c.window[i]!] ?? null, staffId: d.staff[c.staff[i]!] ?? null,
    startedAt: c.started[i] === NONE ? null : toIso(d.baseMs + c.started[i]!, tz), finishedAt: toIso(d.baseMs + c.finished[i]!, tz),
    waitSec: waitMs / 1000, serviceSec: serviceMs === null ? null : serviceMs / 1000, reasons,
  };
}
