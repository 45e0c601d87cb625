import { randomBytes } from 'node:crypto';
import type { Command } from '../shared/commands.ts';
import type { HallConfig } from '../shared/config.ts';
import { decide } from '../shared/decide.ts';
import { DomainError } from '../shared/errors.ts';
import type { HallEvent, HallEventBody } from '../shared/events.ts';
import { evolve, initialState, type HallState, type Ticket } from '../shared/state.ts';
import { localDate, toIso } from '../shared/time.ts';
import type { Clock } from './clock.ts';
import { StorageLostError, type EventStore } from './journal.ts';
import { heldAtClose, heldOverDay } from './heldOver.ts';

type Build = (at: number) => Command;

/** Past days whose tickets stay in memory for status pages (a busy day is about 2 MB). */
const PAST_DAYS_KEPT = 14;
const PAST_DAY_READS_PER_SEC = 5;

export interface ExecuteOptions {
  /** Give an IssueTicket command a new id for the business day. */
  newTicket?: boolean;
  /** An Idempotency-Key and how to build the answer kept for it (run right after the events apply). */
  idem?: { key: string; answer: (events: HallEvent[]) => StoredAnswer };
}

type Journaled = HallEvent & { idem?: { key: string } & StoredAnswer };

/** Journal lines may carry a stored answer; screens get the event alone. */
export function stripIdem(e: HallEvent): HallEvent {
  if (!(e as Journaled).idem) return e;
  const { idem: _idem, ...rest } = e as Journaled;
  return rest as HallEvent;
}
export type Listener = (events: HallEvent[]) => void;

/** A stored answer for a repeated Idempotency-Key. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface HubDeps {
  config: HallConfig;
  journal: EventStore;
  clock: Clock;
  /** Where answers to keyed actions that caused no event are kept across restarts. */
  answers?: { load(day: string): [string, StoredAnswer][]; append(day: string, key: string, answer: StoredAnswer): Promise<void> };
  /** New ticket ids; the business day is part of the id so old tickets can be found by it. */
  newTicketId?: (day: string) => string;
  log?: (msg: string) => void;
  /** Events of earlier days folded before the open day's: bookings span days (server/appointmentIndex.ts). */
  carried?: (beforeSeq: number) => readonly HallEvent[];
}

/**
 * The command pipeline, in one place: stamp time → decide → number the events → fold them into
 * state → append durably → broadcast → answer. Deciding and folding are synchronous, so two
 * windows calling at the same instant are decided one after the other and can never get the same
 * ticket; only the disk write is awaited, and concurrent writes share one fsync.
 */
export class Hub {
  state: HallState;
  readonly config: HallConfig;
  readonly journal: EventStore;
  readonly clock: Clock;
  private readonly listeners = new Set<Listener>();
  private readonly newTicketId: (day: string) => string;
  private rolling: Promise<void> | null = null;
  private readonly idem = new Map<string, StoredAnswer>();
  private readonly answers: HubDeps['answers'];
  private readonly carried: NonNullable<HubDeps['carried']>;
  private pastDays = new Map<string, HallState>();
  /** Real-time instants of recent past-day reads (a rate limit, not hall time). */
  private pastReads: number[] = [];
  readonly log: (msg: string) => void;

  constructor(deps: HubDeps) {
    this.config = deps.config;
    this.journal = deps.journal;
    this.clock = deps.clock;
    this.log = deps.log ?? (() => {});
    this.newTicketId = deps.newTicketId ?? ((day) => `${day.replaceAll('-', '')}-${randomBytes(5).toString('hex')}`);
    this.answers = deps.answers;
    this.carried = deps.carried ?? (() => []);
    this.state = this.replay(deps.journal.events);
    if (deps.journal.day && this.answers) for (const [k, a] of this.answers.load(deps.journal.day)) this.idem.set(k, a);
    const last = deps.journal.events.at(-1);
    if (last) deps.clock.notBefore(Date.parse(last.at));
    // The open day's file may be empty or cut back (a kill right after creating it): the newest
    // event anywhere, the last day's close included, still holds the clock.
    const floorAt = deps.journal.floor?.lastAt;
    if (floorAt) deps.clock.notBefore(Date.parse(floorAt));
  }

  get tz() {
    return this.config.hall.timezone;
  }

  private replay(events: readonly HallEvent[]): HallState {
    const s = initialState(this.config);
    // Tickets in staff hands at the last close come back with their day (server/heldOver.ts).
    const held = heldOverDay(this.journal);
    for (const e of this.carried(held[0]?.seq ?? events[0]?.seq ?? this.journal.lastSeq + 1)) evolve(s, e);
    for (const e of held) evolve(s, e);
    s.seq = this.journal.lastSeq - events.length;
    for (const e of events) {
      evolve(s, e);
      const idem = (e as Journaled).idem;
      if (idem) this.idem.set(idem.key, { status: idem.status, body: idem.body });
    }
    s.seq = this.journal.lastSeq;
    return s;
  }

  onEvents(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Set by the printing module: prints a ticket taken at a kiosk that has a printer. */
  emitPrint?: (kioskId: string, ticket: unknown) => void;

  clockIso(): string {
    return toIso(this.clock.now(), this.tz);
  }

  /** The business day the hub's clock is in now. */
  today(): string {
    return localDate(this.clock.now(), this.tz);
  }

  /**
   * Runs one command to durable events. `build` receives the stamped time; it may throw a
   * DomainError (from decide) which the caller maps to an answer.
   */
  async execute(build: Build, opts: ExecuteOptions = {}): Promise<HallEvent[]> {
    while (this.rolling) await this.rolling;
    const at = this.clock.now();
    const day = localDate(at, this.tz);
    const closed = this.journal.floor?.closedDay;
    if (closed && day <= closed) {
      // The clock floor makes this unreachable; were it ever reached, nothing is written into a closed day.
      throw new DomainError('conflict', 'DAY_CLOSED', `营业日 ${closed} 已结束，请检查系统时钟`, `Business day ${closed} has closed; check the hub's clock`);
    }
    if (this.journal.day !== day) {
      await this.rollTo(day);
      return this.execute(build, opts);
    }
    const command = build(at);
    if (opts.newTicket && (command.type === 'IssueTicket' || command.type === 'CheckInAppointment')) command.ticketId = this.newTicketId(day);
    return this.commit(decide(command, this.state, this.config), at, opts.idem);
  }

  private async commit(bodies: HallEventBody[], at: number, idem?: ExecuteOptions['idem']): Promise<HallEvent[]> {
    if (!bodies.length) return [];
    const iso = toIso(at, this.tz);
    const events = bodies.map((b, i) => ({ ...b, seq: this.state.seq + 1 + i, at: iso }) as HallEvent);
    for (const e of events) evolve(this.state, e);
    // The answer to a keyed request is journaled with its events, so a retry after a restart
    // still gets the first answer instead of acting twice.
    let journaled: HallEvent[] = events;
    let stored: StoredAnswer | undefined;
    if (idem) {
      stored = idem.answer(events);
      journaled = events.slice();
      journaled[journaled.length - 1] = { ...events.at(-1)!, idem: { key: idem.key, ...stored } } as Journaled;
    }
    try {
      await this.journal.append(journaled);
      if (idem && stored) this.remember(idem.key, stored);
    } catch (err) {
      // Not durable, so it did not happen: rebuild the state from what is on disk.
      this.log(`journal append failed: ${(err as Error).message}`);
      this.state = this.replay(this.journal.events);
      if (err instanceof StorageLostError) {
        throw new DomainError('unavailable', 'STORAGE_FAILED', '数据目录已被删除或替换，记录无法保存；请手工登记并通知管理员重启取号系统', `The hub's data directory was deleted or replaced, so nothing can be saved; record by hand and have the hub restarted`);
      }
      throw new DomainError('unavailable', 'STORAGE_FAILED', '系统暂时无法保存记录，请稍后再试或手工登记', 'The hub cannot save records right now; try again shortly or record by hand');
    }
    for (const l of this.listeners) {
      try {
        l(events);
      } catch (e) {
        this.log(`listener failed: ${(e as Error).message}`);
      }
    }
    return events;
  }

  /** Closes the journal's open day (abandoning whoever still waits) and starts `day`. */
  private rollTo(day: string): Promise<void> {
    const run = async () => {
      const open = this.journal.day;
      if (open !== null && open < day) {
        const at = this.clock.now();
        const closedNow = await this.commit(decide({ type: 'CloseDay', at, businessDay: open }, this.state, this.config), at);
        const closing = closedNow.find((e) => e.type === 'DayClosed');
        if (closing && this.journal.recordClose) {
          try {
            await this.journal.recordClose(open, closing.seq, closing.at);
          } catch (e) {
            // The day file's DayClosed line still holds the floor; the separate copy is a second line of defence.
            this.log(`recording the close of ${open} failed: ${(e as Error).message}`);
          }
        }
      }
      await this.journal.rotate(day);
      this.idem.clear();
      this.pastDays.clear();
    };
    this.rolling = run().finally(() => (this.rolling = null));
    return this.rolling;
  }

  /**
   * Resolves once everything decided so far is on disk (or was refused by it), so a snapshot
   * never shows an event that might still not happen.
   */
  async settled(): Promise<void> {
    while (this.state.seq > this.journal.lastSeq) {
      await new Promise<void>((resolve) => {
        const off = this.onEvents(() => {
          off();
          resolve();
        });
        // A refused write rebuilds the state without telling listeners: look again shortly.
        setTimeout(() => {
          off();
          resolve();
        }, 20);
      });
    }
  }

  /** Called on a timer: closes the day at the hall's midnight even when nobody acts. */
  async tick(): Promise<void> {
    const day = this.today();
    if (this.journal.day !== null && this.journal.day !== day && !this.rolling) await this.rollTo(day);
  }

  // ---- Idempotency-Key: answers kept per staffer, window, action and key for the business day.
  recall(key: string): StoredAnswer | undefined {
    return this.idem.get(key);
  }
  /** Keeps an answer that no event carries, on disk before it is sent. */
  async rememberDurably(key: string, answer: StoredAnswer): Promise<void> {
    this.remember(key, answer);
    const day = this.journal.day;
    if (!this.answers || !day) return;
    try {
      await this.answers.append(day, key, answer);
    } catch (e) {
      // The answer still stands; only its survival of a restart is lost.
      this.log(`keeping an Idempotency-Key answer failed: ${(e as Error).message}`);
    }
  }

  remember(key: string, answer: StoredAnswer) {
    // A busy window makes a few hundred keyed actions a day; the bound only stops a client that
    // invents keys from growing memory, dropping the oldest answers first.
    if (this.idem.size >= 20_000) this.idem.delete(this.idem.keys().next().value!);
    this.idem.set(key, answer);
  }

  /** A ticket of today, or of a past day read from its journal file. */
  findTicket(id: string): { ticket: Ticket; state: HallState } | null {
    const t = this.state.tickets.get(id);
    if (t) return { ticket: t, state: this.state };
    const m = /^(\d{4})(\d{2})(\d{2})-/.exec(id);
    if (!m) return null;
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (day === this.journal.day) return null;
    let past = this.pastDays.get(day);
    if (past) {
      // Most recently used last, so the oldest untouched day is the one dropped.
      this.pastDays.delete(day);
      this.pastDays.set(day, past);
    } else {
      if (!this.journal.days().includes(day)) return null;
      // Reading a past day replays its whole journal: anyone may ask (a phone's QR page), so a
      // handful of such reads a second is the most the hub does; the rest are told to wait.
      const now = Date.now();
      this.pastReads = this.pastReads.filter((t) => t > now - 1000);
      if (this.pastReads.length >= PAST_DAY_READS_PER_SEC) {
        throw new DomainError('throttled', 'TOO_MANY_REQUESTS', '查询过于频繁，请稍后再试', 'Too many requests; try again shortly');
      }
      this.pastReads.push(now);
      past = initialState(this.config);
      const events = this.journal.readDay(day);
      for (const e of events) evolve(past, e);
      // Tickets its close left in hand ended in the next day's file; while that day is open they may still end.
      const held = heldAtClose(events);
      const next = held.size ? this.journal.days().find((d) => d > day) : undefined;
      if (next) for (const e of this.journal.readDay(next)) if (held.has((e.data as { ticketId?: string }).ticketId ?? '')) evolve(past, e);
      if (this.pastDays.size >= PAST_DAYS_KEPT) this.pastDays.delete(this.pastDays.keys().next().value!);
      if (next !== this.journal.day) this.pastDays.set(day, past);
    }
    const pt = past.tickets.get(id);
    return pt ? { ticket: pt, state: past } : null;
  }

  /**
   * Events after `seq` that are still at hand (the open day), or null when a snapshot is needed:
   * they are gone, or more than `max` — resending a whole busy day to every screen that asks
   * would let one client keep the hub busy.
   */
  eventsAfter(seq: number, max = 2000): HallEvent[] | null {
    const events = this.journal.events;
    const first = events[0]?.seq ?? this.journal.lastSeq + 1;
    if (seq > this.journal.lastSeq || seq < first - 1) return null;
    if (this.journal.lastSeq - seq > max) return null;
    return events.slice(seq - first + 1).map(stripIdem);
  }
}
