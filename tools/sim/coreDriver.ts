import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../shared/commands.ts';
import type { HallConfig } from '../../shared/config.ts';
import { decide } from '../../shared/decide.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallEvent } from '../../shared/events.ts';
import { evolve, initialState, type HallState } from '../../shared/state.ts';
import { localDate, toIso } from '../../shared/time.ts';
import type { Answer, SimDriver, WindowAction } from './driver.ts';

/**
 * The hall's own core without a hub: each action is decided and folded exactly as the hub does,
 * and the events are written as the hub's day journals (data/journal/YYYY-MM-DD.jsonl, gap-free
 * seq). Valid by construction, and a year of a busy hall takes seconds instead of hours of HTTP.
 * There is no fsync: this writes test data, not a hall's records.
 */
export class CoreDriver implements SimDriver {
  private state: HallState;
  private now = 0;
  private seq: number;
  private lines: string[] = [];
  private lineDay: string | null = null;
  private n = 0;
  eventCount = 0;

  constructor(
    private readonly config: HallConfig,
    private readonly journalDir: string,
    startSeq = 0,
  ) {
    mkdirSync(journalDir, { recursive: true });
    this.state = initialState(config);
    this.seq = startSeq;
  }

  async until(ms: number) {
    if (ms > this.now) this.now = ms;
  }

  private run(c: Command): HallEvent[] {
    const bodies = decide(c, this.state, this.config);
    const at = toIso(this.now, this.config.hall.timezone);
    const events = bodies.map((b) => ({ ...b, seq: ++this.seq, at }) as HallEvent);
    for (const e of events) {
      evolve(this.state, e);
      this.lines.push(JSON.stringify(e));
    }
    this.eventCount += events.length;
    if (this.lines.length > 5000) this.flush();
    return events;
  }

  private attempt(c: Command): Answer {
    try {
      const events = this.run(c);
      const ticketId = (events[0]?.data as { ticketId?: string } | undefined)?.ticketId;
      const t = ticketId ? this.state.tickets.get(ticketId) : undefined;
      return { ok: true, status: 200, body: { ticket: t ? { id: t.id, number: t.number, serviceId: t.serviceId } : null } };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const status = { 'not-found': 404, conflict: 409 }[e.kind as string] ?? 400;
      return { ok: false, status, body: { error: { code: e.code, message: e.en } } };
    }
  }

  private dayNow(): string {
    const day = localDate(this.now, this.config.hall.timezone);
    if (this.lineDay !== day) {
      this.flush();
      this.lineDay = day;
    }
    return day;
  }

  async issue(serviceId: string, priority: boolean) {
    const day = this.dayNow();
    const ticketId = `${day.replaceAll('-', '')}-${(++this.n).toString(16).padStart(10, '0')}`;
    const r = this.attempt({ type: 'IssueTicket', at: this.now, ticketId, serviceId, priority });
    return r.ok ? { id: ticketId, number: this.state.tickets.get(ticketId)!.number } : null;
  }

  async act(staffId: string, windowId: string, action: WindowAction, body: Record<string, unknown> = {}): Promise<Answer> {
    this.dayNow();
    const at = this.now;
    const base = { at, windowId, staffId };
    const c: Command =
      action === 'sign-in' ? { type: 'SignIn', ...base, post: (body.post as 'A' | 'B') ?? 'A', handover: Boolean(body.handover) }
      : action === 'sign-out' ? { type: 'SignOut', ...base }
      : action === 'call-next' ? { type: 'CallNext', ...base }
      : action === 'recall' ? { type: 'Recall', ...base }
      : action === 'start' ? { type: 'StartService', ...base }
      : action === 'finish' ? { type: 'FinishService', ...base, outcome: (body.outcome as 'done') ?? 'done' }
      : action === 'no-show' ? { type: 'MarkNoShow', ...base }
      : action === 'transfer' ? { type: 'Transfer', ...base, serviceId: String(body.serviceId), reason: '' }
      : action === 'pause' ? { type: 'Pause', ...base, reason: (body.reason as 'break') ?? 'break', note: String(body.note ?? ''), expectedBackAt: (body.expectedBackAt as string) ?? null }
      : { type: 'Resume', ...base };
    return this.attempt(c);
  }

  async rate(ticketId: string, score: number) {
    this.dayNow();
    return this.attempt({ type: 'RateTicket', at: this.now, ticketId, score }).ok;
  }

  /** The hub closes a day at the first moment after its midnight; the close goes in that day's file. */
  async endDay(day: string, nextMidnightMs: number) {
    this.dayNow();
    this.now = Math.max(this.now, nextMidnightMs + 1000);
    this.run({ type: 'CloseDay', at: this.now, businessDay: day });
    this.flush();
  }

  flush() {
    if (this.lineDay && this.lines.length) appendFileSync(join(this.journalDir, `${this.lineDay}.jsonl`), this.lines.join('\n') + '\n');
    this.lines = [];
  }
}
