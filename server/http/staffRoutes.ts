import { Router, type Request } from 'express';
import type { z } from 'zod';
import type { Command } from '../../shared/commands.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallEvent, Outcome, PauseReason } from '../../shared/events.ts';
import { nextInLine, waitingFor } from '../../shared/nextInLine.ts';
import type { HallState } from '../../shared/state.ts';
import type { Tokens } from '../auth.ts';
import type { Hub, StoredAnswer } from '../hub.ts';
import { ticketView, windowView } from '../views.ts';
import { requireStaff } from './auth.ts';
import { errorBody, parse, statusOf, wantsEnglish } from './errors.ts';
import { emptyBody, finishBody, pathId, pauseBody, signInBody, transferBody } from './schemas.ts';

interface Action {
  schema: z.ZodType;
  command: (at: number, windowId: string, staffId: string, body: any) => Command;
  /** Whether the answer is `{ ticket, window }` rather than the window state. */
  withTicket: boolean;
}

const ACTIONS: Record<string, Action> = {
  'sign-in': {
    schema: signInBody, withTicket: false,
    command: (at, windowId, staffId, b: { post: 'A' | 'B'; handover: boolean }) => ({ type: 'SignIn', at, windowId, staffId, post: b.post, handover: b.handover }),
  },
  'sign-out': { schema: emptyBody, withTicket: false, command: (at, windowId, staffId) => ({ type: 'SignOut', at, windowId, staffId }) },
  'call-next': { schema: emptyBody, withTicket: true, command: (at, windowId, staffId) => ({ type: 'CallNext', at, windowId, staffId }) },
  recall: { schema: emptyBody, withTicket: true, command: (at, windowId, staffId) => ({ type: 'Recall', at, windowId, staffId }) },
  start: { schema: emptyBody, withTicket: true, command: (at, windowId, staffId) => ({ type: 'StartService', at, windowId, staffId }) },
  finish: { schema: finishBody, withTicket: true, command: (at, windowId, staffId, b: { outcome: Outcome }) => ({ type: 'FinishService', at, windowId, staffId, outcome: b.outcome }) },
  'no-show': { schema: emptyBody, withTicket: true, command: (at, windowId, staffId) => ({ type: 'MarkNoShow', at, windowId, staffId }) },
  transfer: { schema: transferBody, withTicket: true, command: (at, windowId, staffId, b: { serviceId: string; reason: string }) => ({ type: 'Transfer', at, windowId, staffId, serviceId: b.serviceId, reason: b.reason }) },
  pause: {
    schema: pauseBody, withTicket: false,
    command: (at, windowId, staffId, b: { reason: PauseReason; note: string; expectedBackAt: string | null }) => ({ type: 'Pause', at, windowId, staffId, reason: b.reason, note: b.note, expectedBackAt: b.expectedBackAt }),
  },
  resume: { schema: emptyBody, withTicket: false, command: (at, windowId, staffId) => ({ type: 'Resume', at, windowId, staffId }) },
};

export function staffRoutes(hub: Hub, tokens: Tokens): Router {
  const r = Router();

  // Login lives in loginRoutes.ts (per-address throttle, hashing off the libuv pool).
  const staffOnly = requireStaff(tokens, hub.clock);
  r.get('/api/auth/me', staffOnly, (req, res) => {
    const staff = hub.config.staff.find((s) => s.id === req.staff!.staffId);
    const windowId = hub.state.staffWindow.get(req.staff!.staffId) ?? null;
    res.json({ staff: staff ? { id: staff.id, name: staff.name, role: staff.role } : null, windowId });
  });

  // The counter's preview: the numbers this window would call next, in the order it would call them.
  r.get('/api/windows/:windowId/queue', staffOnly, (req, res) => {
    const windowId = parse(pathId, req.params.windowId);
    const w = hub.state.windows.get(windowId);
    const cfg = hub.config.windows.find((x) => x.id === windowId);
    if (!w || !cfg) throw new DomainError('not-found', 'UNKNOWN_WINDOW', '没有这个窗口', 'No such window');
    const limit = Math.min(20, Math.max(1, Number(req.query.limit) || 5));
    // The hub's clock, not the last event's: a booked ticket moves up the moment its slot starts.
    const next = nextInLine(hub.state, w, cfg.serviceIds, hub.config.hall.priorityMaxConsecutive, limit, hub.clock.now());
    res.json({
      windowId, waiting: waitingFor(hub.state, cfg.serviceIds, windowId),
      next: next.map((t) => ({
        id: t.id, number: t.number, serviceId: t.serviceId, priority: t.priority, issuedAt: t.issuedAt,
        // The desk marks booked and pinned tickets and where a moved one came from (三个一样: departures show).
        appointment: t.appointmentId !== null, pinnedWindowId: t.pinnedWindowId,
        movedFrom: t.serviceId !== t.issuedServiceId ? t.issuedServiceId : null,
      })),
      // The desk's own figures come from the hub, so a reload or a second login shows the same.
      current: currentTicket(hub, w.currentTicketId),
      servedToday: servedTodayBy(hub.state, req.staff!.staffId, hub.today()),
    });
  });

  // Keyed window actions still being decided and written, so a retry cannot act a second time.
  const inFlight = new Map<string, Promise<StoredAnswer>>();
  r.post('/api/windows/:windowId/:action', staffOnly, async (req, res) => {
    const name = String(req.params.action);
    // Own keys only: "__proto__" or "constructor" must not find Object's members.
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new DomainError('not-found', 'NOT_FOUND', '没有这个操作', 'No such action');
    const windowId = parse(pathId, req.params.windowId);
    const staffId = req.staff!.staffId;
    const key = idempotencyKey(req);
    const memo = key ? `${staffId}|${windowId}|${req.params.action}|${key}` : null;
    const stored = memo ? hub.recall(memo) : undefined;
    if (stored) return void res.status(stored.status).json(stored.body);
    // A retry that arrives while the first request is still being written gets the first's answer.
    const pending = memo ? inFlight.get(memo) : undefined;
    if (pending) {
      const first = await pending;
      return void res.status(first.status).json(first.body);
    }
    const respond = (events: HallEvent[]) => {
      const w = hub.state.windows.get(windowId)!;
      const wv = windowView(w, hub.config, hub.state);
      if (!action.withTicket) return { status: 200, body: wv };
      const ticketId = (events.find((e) => 'ticketId' in e.data)?.data as { ticketId?: string } | undefined)?.ticketId;
      const t = ticketId ? hub.state.tickets.get(ticketId) : undefined;
      return { status: 200, body: { ticket: t ? ticketView(t, hub.state, hub.config) : null, window: wv } };
    };
    const run = async (): Promise<StoredAnswer> => {
      let answer: StoredAnswer;
      try {
        const body = parse(action.schema, req.body ?? {});
        const events = await hub.execute((at) => action.command(at, windowId, staffId, body), memo ? { idem: { key: memo, answer: respond } } : {});
        // A command that changed nothing (signing in again) has no journaled answer: build it now.
        answer = (memo && events.length ? hub.recall(memo) : undefined) ?? respond(events);
      } catch (e) {
        // Storage trouble is not the answer to keep: the same key must be able to try again.
        if (!(e instanceof DomainError) || e.kind === 'unavailable') throw e;
        answer = { status: statusOf(e), body: errorBody(e, wantsEnglish(req)) };
      }
      if (memo && !hub.recall(memo)) await hub.rememberDurably(memo, answer);
      return answer;
    };
    let answer: StoredAnswer;
    if (memo) {
      const first = run().finally(() => inFlight.delete(memo));
      inFlight.set(memo, first);
      answer = await first;
    } else {
      answer = await run();
    }
    res.status(answer.status).json(answer.body);
  });

  return r;
}

/** The ticket in hand at a window, with where it came from (a transfer's reason is for staff only). */
function currentTicket(hub: Hub, id: string | null) {
  const t = id ? hub.state.tickets.get(id) : undefined;
  if (!t) return null;
  const windowNumber = (wid: string) => hub.config.windows.find((w) => w.id === wid)?.number ?? null;
  const staffName = (sid: string) => hub.config.staff.find((s) => s.id === sid)?.name ?? sid;
  return {
    id: t.id, number: t.number, serviceId: t.serviceId, issuedServiceId: t.issuedServiceId, priority: t.priority, status: t.status,
    issuedAt: t.issuedAt, calledAt: t.calledAt, lastCalledAt: t.lastCalledAt, calls: t.calls, startedAt: t.startedAt,
    transfers: t.transfers.map((x) => ({
      fromServiceId: x.fromServiceId, toServiceId: x.toServiceId, at: x.at, reason: x.reason,
      windowNumber: windowNumber(x.windowId), staffName: staffName(x.staffId),
    })),
  };
}

/**
 * Tickets this staffer finished today, any outcome (the contract's `served`). A finished ticket
 * keeps the staffer it was called by; a handover mid-service is rare enough to count for the caller.
 */
export function servedTodayBy(state: HallState, staffId: string, today: string): number {
  let n = 0;
  // A closed day's tickets stay in the state until the next day's first ticket: they are not today's.
  for (const t of state.tickets.values()) if (t.status === 'done' && t.staffId === staffId && t.businessDay === today) n++;
  return n;
}

function idempotencyKey(req: Request): string | null {
  const k = req.headers['idempotency-key'];
  if (typeof k !== 'string' || !k) return null;
  if (k.length > 200) throw new DomainError('invalid', 'BAD_REQUEST', 'Idempotency-Key 过长', 'Idempotency-Key too long');
  return k;
}
