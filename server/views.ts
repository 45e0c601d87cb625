import type { HallConfig } from '../shared/config.ts';
import { aheadInTurn, estimateWaitMin, waitingCount } from '../shared/queuePolicy.ts';
import type { HallState, Ticket, WindowRuntime } from '../shared/state.ts';
import { toIso } from '../shared/time.ts';

/** What the API shows of the hall's state. Public by rule: numbers, windows, who is on duty. */

/** Average service minutes of a service today, or its target while there is nothing to go by. */
function serviceMinutes(state: HallState, config: HallConfig, serviceId: string): number {
  const served = state.servedPerService.get(serviceId);
  if (served && served.n >= 3) return served.ms / served.n / 60_000;
  return config.services.find((s) => s.id === serviceId)?.targetServiceMin ?? 10;
}

function openWindowsFor(state: HallState, config: HallConfig, serviceId: string): number {
  let n = 0;
  for (const w of config.windows) {
    if (w.serviceIds.includes(serviceId) && state.windows.get(w.id)?.state === 'open') n++;
  }
  return n;
}

/** Open windows of a service that have a visitor called or in service now. */
function busyWindowsFor(state: HallState, config: HallConfig, serviceId: string): number {
  let n = 0;
  for (const w of config.windows) {
    const rt = state.windows.get(w.id);
    if (!w.serviceIds.includes(serviceId) || rt?.state !== 'open' || !rt.currentTicketId) continue;
    const cur = state.tickets.get(rt.currentTicketId)?.status;
    if (cur === 'called' || cur === 'serving') n++;
  }
  return n;
}

export function estimateFor(state: HallState, config: HallConfig, serviceId: string, ahead: number): number {
  return estimateWaitMin(ahead, serviceMinutes(state, config, serviceId), openWindowsFor(state, config, serviceId), busyWindowsFor(state, config, serviceId));
}

/** Numbers of the service called or in service at a window now: "now serving" on a waiting visitor's phone. */
function servingNow(state: HallState, config: HallConfig, serviceId: string): string[] {
  const out: string[] = [];
  for (const w of config.windows) {
    const id = state.windows.get(w.id)?.currentTicketId;
    const t = id ? state.tickets.get(id) : undefined;
    if (t && t.serviceId === serviceId && (t.status === 'called' || t.status === 'serving')) out.push(t.number);
  }
  return out.sort();
}

/** Where a service is served: its windows' numbers, and which of them are open now. */
function windowsOf(state: HallState, config: HallConfig, serviceId: string) {
  const all = config.windows.filter((w) => w.serviceIds.includes(serviceId));
  return {
    windowNumbers: all.map((w) => w.number).sort((a, b) => a - b),
    openWindowNumbers: all.filter((w) => state.windows.get(w.id)?.state === 'open').map((w) => w.number).sort((a, b) => a - b),
  };
}

export function servicesView(state: HallState, config: HallConfig) {
  return config.services.map((s) => {
    const waiting = waitingCount(state, s.id);
    const issued = state.issuedPerService.get(s.id) ?? 0;
    const open = openWindowsFor(state, config, s.id);
    return {
      id: s.id, name: s.name, nameEn: s.nameEn ?? null, prefix: s.prefix, waiting,
      // A newcomer queues behind everyone waiting (an honest figure for the kiosk's button).
      estimatedWaitMin: estimateWaitMin(waiting, serviceMinutes(state, config, s.id), open, busyWindowsFor(state, config, s.id)),
      ...windowsOf(state, config, s.id),
      servingNow: servingNow(state, config, s.id),
      matters: s.matters ?? [],
      allowPriority: s.allowPriority, issueUntil: s.issueUntil ?? null,
      remainingToday: s.dailyCap === undefined ? null : Math.max(0, s.dailyCap - issued),
      openWindows: open,
      // RULES §9: more than N waiting per open window alerts the lobby manager (二次分流).
      crowded: waiting > config.hall.crowdAlertPerWindow * Math.max(1, open),
      materials: s.materials, guide: s.guide ?? null,
      targetWaitMin: s.targetWaitMin, targetServiceMin: s.targetServiceMin,
      appointments: s.appointments ?? null,
      // 延时服务: today's later cut-off, when the lobby gave one.
      extendedUntil: extendedToday(state, s.id),
    };
  });
}

function extendedToday(state: HallState, serviceId: string): string | null {
  const ext = state.extensions.get(serviceId);
  return ext && ext.businessDay === state.businessDay ? ext.until : null;
}

export function ticketView(t: Ticket, state: HallState, config: HallConfig, now?: number) {
  // Appointment tickets go ahead once their slot starts: `now` (the hub's clock) says whether it has.
  const ahead = aheadInTurn(state, t, config.hall.priorityMaxConsecutive, now);
  const w = t.windowId ? config.windows.find((x) => x.id === t.windowId) : undefined;
  return {
    id: t.id, number: t.number, serviceId: t.serviceId, issuedServiceId: t.issuedServiceId,
    priority: t.priority, status: t.status, businessDay: t.businessDay,
    issuedAt: t.issuedAt, calledAt: t.calledAt, lastCalledAt: t.lastCalledAt, startedAt: t.startedAt,
    finishedAt: t.finishedAt, windowId: t.windowId, windowNumber: w?.number ?? null, staffId: t.staffId,
    post: t.post, ahead, estimatedWaitMin: t.status === 'waiting' ? estimateFor(state, config, t.serviceId, ahead) : 0,
    rating: t.rating, ...(t.status === 'done' ? { outcome: t.outcome } : {}),
    transfers: t.transfers.map((x) => ({ fromServiceId: x.fromServiceId, toServiceId: x.toServiceId, at: x.at })),
    pinnedWindowId: t.pinnedWindowId, appointmentId: t.appointmentId,
    slotStart: t.slotStartMs === null ? null : toIso(t.slotStartMs, config.hall.timezone),
  };
}

export function windowView(w: WindowRuntime, config: HallConfig, state: HallState) {
  const cfg = config.windows.find((x) => x.id === w.id);
  const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  return {
    id: w.id, number: w.number, name: cfg?.name ?? w.id, serviceIds: cfg?.serviceIds ?? [],
    state: w.state, staffId: w.staffId, staffName: w.staffName, post: w.post, since: w.since,
    currentTicketId: w.currentTicketId, currentNumber: current?.number ?? null, currentStatus: current?.status ?? null,
    pause: w.pause, postA: cfg?.postA ?? null, postB: cfg?.postB ?? null,
    // Whose posts they are, by name: a substitute choosing A or B sees whom they stand in for.
    postAName: staffName(config, cfg?.postA), postBName: staffName(config, cfg?.postB),
    // Staff on duty are public by rule (name, number, photo): the window screen shows the photo.
    staffPhoto: (w.staffId && config.staff.find((s) => s.id === w.staffId)?.photo) || null,
  };
}

function staffName(config: HallConfig, id: string | null | undefined): string | null {
  return id ? (config.staff.find((s) => s.id === id)?.name ?? null) : null;
}

export function windowsView(state: HallState, config: HallConfig) {
  return config.windows.map((c) => windowView(state.windows.get(c.id)!, config, state));
}

/**
 * Everything a screen needs to start over: sent on hall:sync when the missed events are gone or
 * too many to resend. Bounded whatever the day's size: tickets still in play and the latest calls.
 */
export function snapshotView(state: HallState, config: HallConfig) {
  const active: Ticket[] = [];
  const called: Ticket[] = [];
  for (const t of state.tickets.values()) {
    if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') active.push(t);
    if (t.lastCalledAt) called.push(t);
  }
  called.sort((a, b) => (a.lastCalledAt! < b.lastCalledAt! ? 1 : -1));
  return {
    businessDay: state.businessDay,
    services: servicesView(state, config),
    windows: windowsView(state, config),
    tickets: active.map((t) => ({
      id: t.id, number: t.number, serviceId: t.serviceId, status: t.status, priority: t.priority,
      issuedAt: t.issuedAt, calledAt: t.calledAt, lastCalledAt: t.lastCalledAt, windowId: t.windowId,
    })),
    recentCalls: called.slice(0, 20).map((t) => ({
      ticketId: t.id, number: t.number, serviceId: t.serviceId, windowId: t.windowId,
      windowNumber: config.windows.find((w) => w.id === t.windowId)?.number ?? null, at: t.lastCalledAt, status: t.status,
    })),
  };
}
