import { emptyBook, type AppointmentBook } from './appointments.ts';
import type { HallConfig } from './config.ts';
import { evolveLobby, type Extension } from './lobbyState.ts';
import { evolveVoid } from './voidTickets.ts';
import { evolveReissueKey } from './ticketKeyReissue.ts';
import type { HallEvent, IssuedBy, Outcome, PauseReason, Post } from './events.ts';

/** `cancelled`: left while waiting (the visitor by key, or the lobby); not `abandoned`. */
/** `voided`: a manager took it out of the queue as part of a flood (its number stays used). */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'abandoned' | 'cancelled' | 'voided';

export interface Ticket {
  id: string;
  number: string;
  /** The service whose queue the ticket is in now (changes on transfer). */
  serviceId: string;
  /** The service it was issued for. */
  issuedServiceId: string;
  priority: boolean;
  businessDay: string;
  status: TicketStatus;
  issuedAt: string;
  /** Issue time in ms: the queue orders by it, and a transfer keeps it. */
  issuedMs: number;
  calledAt: string | null;
  lastCalledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  staffId: string | null;
  post: Post | null;
  outcome: Outcome | null;
  rating: number | null;
  calls: number;
  /** Pinned by the lobby: only this window calls it. */
  pinnedWindowId: string | null;
  /** The booking it was issued for at check-in, and that slot's start (ms): it goes ahead once the slot starts. */
  appointmentId: string | null;
  slotStartMs: number | null;
  /** Hash of the visitor's key (never shown), null for tickets issued before keys existed. */
  keyHash: string | null;
  /** Who issued it (never shown publicly): finds a flood. */
  issuedBy: IssuedBy | null;
  /** `reason` is what the sending staffer typed (the next window reads it); empty when none. */
  transfers: { fromServiceId: string; toServiceId: string; at: string; windowId: string; staffId: string; reason: string }[];
}

export interface PauseNotice {
  reason: PauseReason;
  note: string;
  expectedBackAt: string | null;
  since: string;
}

export interface WindowRuntime {
  id: string;
  number: number;
  state: 'closed' | 'open' | 'paused';
  staffId: string | null;
  staffName: string | null;
  post: Post | null;
  since: string | null;
  currentTicketId: string | null;
  pause: PauseNotice | null;
  /** Priority tickets called in a row at this window, for the anti-starvation cap. */
  priorityStreak: number;
}

/**
 * The live state of one business day. `evolve` updates it in place: a busy day has thousands of
 * tickets and tens of thousands of events, and copying the maps per event would make replay
 * quadratic. `decide` never mutates it.
 */
export interface HallState {
  seq: number;
  lastAt: string | null;
  /** The open business day, or null before its first ticket or after it closed. */
  businessDay: string | null;
  tickets: Map<string, Ticket>;
  /** Ids of waiting tickets, in the order they joined. */
  waiting: Set<string>;
  issuedPerService: Map<string, number>;
  /**
   * Finished services today per service (total ms from start to finish, and how many), kept as
   * they happen so a wait estimate on every ticket and services request needs no scan of the day.
   */
  servedPerService: Map<string, { ms: number; n: number }>;
  windows: Map<string, WindowRuntime>;
  /** Which window each signed-in staffer holds. */
  staffWindow: Map<string, string>;
  /** Bookings of every kept day (they outlive the day's state). */
  appointments: AppointmentBook;
  /** 延时服务 per service, each for its business day. */
  extensions: Map<string, Extension>;
  /** The business day closed last while no later day has opened: closing it again does nothing. */
  closedDay?: string | null;
}

export function initialState(config: Pick<HallConfig, 'windows'>): HallState {
  const windows = new Map<string, WindowRuntime>();
  for (const w of config.windows) windows.set(w.id, closedWindow(w.id, w.number));
  return {
    seq: 0, lastAt: null, businessDay: null, tickets: new Map(), waiting: new Set(),
    issuedPerService: new Map(), servedPerService: new Map(), windows, staffWindow: new Map(),
    appointments: emptyBook(), extensions: new Map(),
  };
}

function closedWindow(id: string, number: number): WindowRuntime {
  return {
    id, number, state: 'closed', staffId: null, staffName: null, post: null, since: null,
    currentTicketId: null, pause: null, priorityStreak: 0,
  };
}

function windowOf(state: HallState, id: string, number = 0): WindowRuntime {
  let w = state.windows.get(id);
  if (!w) {
    // A window removed from the config still replays from old journals.
    w = closedWindow(id, number);
    state.windows.set(id, w);
  }
  return w;
}

function ticketOf(state: HallState, id: string): Ticket {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`journal refers to unknown ticket ${id}`);
  return t;
}

export function evolve(state: HallState, event: HallEvent): HallState {
  state.seq = event.seq;
  state.lastAt = event.at;
  switch (event.type) {
    case 'TicketIssued': {
      const d = event.data;
      if (ticketsDay(state) !== d.businessDay) {
        // First ticket of a new day: the closed day's tickets live on in its journal file, except
        // those still in a staffer's hand since the close (they end as usual) and those finished
        // since the close, which may still be rated that day (hall-local times: the date leads).
        state.tickets = new Map([...state.tickets].filter(([, t]) => t.status === 'called' || t.status === 'serving' || (t.finishedAt !== null && t.finishedAt.slice(0, 10) >= d.businessDay)));
        state.waiting = new Set();
        state.issuedPerService = new Map();
        state.servedPerService = new Map();
      }
      state.businessDay = d.businessDay;
      state.tickets.set(d.ticketId, {
        id: d.ticketId, number: d.number, serviceId: d.serviceId, issuedServiceId: d.serviceId,
        priority: d.priority, businessDay: d.businessDay, status: 'waiting', issuedAt: event.at,
        issuedMs: Date.parse(event.at), calledAt: null, lastCalledAt: null, startedAt: null, finishedAt: null,
        windowId: null, staffId: null, post: null, outcome: null, rating: null, calls: 0, transfers: [],
        pinnedWindowId: null, appointmentId: d.appointmentId ?? null, slotStartMs: d.slotStart ? Date.parse(d.slotStart) : null,
        keyHash: d.keyHash ?? null, issuedBy: d.issuedBy ?? null,
      });
      state.waiting.add(d.ticketId);
      state.issuedPerService.set(d.serviceId, (state.issuedPerService.get(d.serviceId) ?? 0) + 1);
      return state;
    }
    case 'TicketCalled': {
      const d = event.data;
      const t = ticketOf(state, d.ticketId);
      t.status = 'called';
      t.calledAt ??= event.at;
      t.lastCalledAt = event.at;
      t.windowId = d.windowId;
      t.staffId = d.staffId;
      t.post = d.post;
      t.calls += 1;
      state.waiting.delete(t.id);
      const w = windowOf(state, d.windowId, d.windowNumber);
      w.currentTicketId = t.id;
      w.priorityStreak = t.priority ? w.priorityStreak + 1 : 0;
      return state;
    }
    case 'TicketRecalled': {
      const t = ticketOf(state, event.data.ticketId);
      t.lastCalledAt = event.at;
      t.calls += 1;
      return state;
    }
    case 'ServiceStarted': {
      const t = ticketOf(state, event.data.ticketId);
      t.status = 'serving';
      t.startedAt = event.at;
      return state;
    }
    case 'ServiceFinished': {
      const t = ticketOf(state, event.data.ticketId);
      t.status = 'done';
      t.finishedAt = event.at;
      t.outcome = event.data.outcome;
      if (t.startedAt) {
        const served = state.servedPerService.get(t.serviceId) ?? { ms: 0, n: 0 };
        served.ms += Date.parse(event.at) - Date.parse(t.startedAt);
        served.n += 1;
        state.servedPerService.set(t.serviceId, served);
      }
      windowOf(state, event.data.windowId).currentTicketId = null;
      return state;
    }
    case 'TicketNoShow': {
      const t = ticketOf(state, event.data.ticketId);
      t.status = 'no-show';
      windowOf(state, event.data.windowId).currentTicketId = null;
      return state;
    }
    case 'TicketTransferred': {
      const d = event.data;
      const t = ticketOf(state, d.ticketId);
      t.transfers.push({ fromServiceId: t.serviceId, toServiceId: d.toServiceId, at: event.at, windowId: d.windowId, staffId: d.staffId, reason: d.reason ?? '' });
      t.serviceId = d.toServiceId;
      t.pinnedWindowId = null;
      t.status = 'waiting';
      t.startedAt = null;
      // Waiting again: no window holds it until the next call (the events keep who sent it).
      t.windowId = null;
      t.staffId = null;
      t.post = null;
      state.waiting.add(t.id);
      windowOf(state, d.windowId).currentTicketId = null;
      return state;
    }
    case 'TicketRequeued': {
      const t = ticketOf(state, event.data.ticketId);
      t.status = 'waiting';
      t.windowId = null;
      t.staffId = null;
      t.post = null;
      state.waiting.add(t.id);
      windowOf(state, event.data.windowId).currentTicketId = null;
      return state;
    }
    case 'TicketRated': {
      ticketOf(state, event.data.ticketId).rating = event.data.score;
      return state;
    }
    case 'StaffSignedIn': {
      const d = event.data;
      const w = windowOf(state, d.windowId, d.windowNumber);
      Object.assign(w, { state: 'open', staffId: d.staffId, staffName: d.staffName, post: d.post, since: event.at, pause: null, priorityStreak: 0 });
      state.staffWindow.set(d.staffId, d.windowId);
      return state;
    }
    case 'StaffSignedOut': {
      const w = windowOf(state, event.data.windowId);
      signOut(state, w);
      return state;
    }
    case 'WindowPaused': {
      const d = event.data;
      const w = windowOf(state, d.windowId);
      w.state = 'paused';
      w.pause = { reason: d.reason, note: d.note, expectedBackAt: d.expectedBackAt, since: event.at };
      return state;
    }
    case 'WindowResumed': {
      const w = windowOf(state, event.data.windowId);
      w.state = 'open';
      w.pause = null;
      return state;
    }
    case 'DayClosed': {
      const held = new Set(event.data.heldTicketIds ?? []);
      // A window with a ticket in hand at the close stays signed in until its staffer ends it.
      for (const w of state.windows.values()) if (!w.currentTicketId || !held.has(w.currentTicketId)) signOut(state, w);
      state.closedDay = event.data.businessDay;
      for (const id of event.data.abandonedTicketIds) {
        const t = state.tickets.get(id);
        if (t) t.status = 'abandoned';
      }
      state.waiting = new Set();
      // The tickets stay readable until the next day's first ticket replaces them.
      state.businessDay = null;
      return state;
    }
    default:
      return evolveLobby(state, event);
    case 'TicketsVoided':
      return evolveVoid(state, event);
    case 'TicketKeyReissued':
      return evolveReissueKey(state, event);
  }
}

/**
 * The business day the tickets in state belong to: the open day, or the day just closed. A day
 * closed early and then issuing again keeps its tickets and numbers on, never repeating one.
 */
export function ticketsDay(state: HallState): string | null {
  return state.businessDay ?? state.tickets.values().next().value?.businessDay ?? null;
}

function signOut(state: HallState, w: WindowRuntime): void {
  if (w.staffId) state.staffWindow.delete(w.staffId);
  Object.assign(w, closedWindow(w.id, w.number));
}

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
