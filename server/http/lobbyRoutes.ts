import { Router, type Request } from 'express';
import { z } from 'zod';
import { DomainError, notFound } from '../../shared/errors.ts';
import { VISITOR } from '../../shared/lobbyEvents.ts';
import { waitingFor } from '../../shared/nextInLine.ts';
import type { HallState } from '../../shared/state.ts';
import type { HallConfig } from '../../shared/config.ts';
import type { Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { clientAddress, GuessThrottle } from '../limits.ts';
import { ticketKeyMatches } from '../ticketKeys.ts';
import { ticketView } from '../views.ts';
import { requireStaff } from './auth.ts';
import { parse } from './errors.ts';
import { pathId } from './schemas.ts';

const reason = z.string().max(200);
const moveBody = z.object({ serviceId: z.string().min(1).max(64).optional(), windowId: z.string().min(1).max(64).optional(), reason });
const reasonBody = z.object({ reason });
const cancelBody = z.object({ key: z.string().min(1).max(100).optional(), reason: z.string().max(200).default('') });
const extendBody = z.object({ until: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'), reason });

const noTicket = () => notFound('UNKNOWN_TICKET', '没有这张票', 'No such ticket');
const wrongKey = new DomainError('forbidden', 'WRONG_KEY', '票据凭证不符，无法取消', 'That key does not match this ticket');

/**
 * The lobby (大堂经理, 二次分流): the queues at a glance with their alerts, and every departure from
 * first come, first served — move, pin, green channel, cancel, extend — each journaled with who and
 * why. Lobby staff and managers; a visitor may cancel their own ticket with its key.
 */
export function lobbyRoutes(hub: Hub, tokens: Tokens): Router {
  const r = Router();
  const lobby = requireStaff(tokens, hub.clock, 'lobby', 'manager');
  // Wrong keys per address, so a ticket's key cannot be guessed by trying.
  const keyGuesses = new GuessThrottle(5, 20);

  r.get('/api/lobby', lobby, (_req, res) => {
    res.json(lobbyView(hub.state, hub.config, hub.clock.now()));
  });

  const ticketAnswer = (id: string) => ticketView(hub.state.tickets.get(id)!, hub.state, hub.config);
  const todays = (req: Request) => {
    const id = parse(pathId, req.params.id);
    if (!hub.state.tickets.has(id)) throw noTicket();
    return id;
  };

  r.post('/api/tickets/:id/move', lobby, async (req, res) => {
    const id = todays(req);
    const b = parse(moveBody, req.body ?? {});
    await hub.execute((at) => ({
      type: 'MoveTicket', at, ticketId: id, serviceId: b.serviceId ?? null, windowId: b.windowId ?? null, by: req.staff!.staffId, reason: b.reason,
    }));
    res.json(ticketAnswer(id));
  });

  r.post('/api/tickets/:id/priority', lobby, async (req, res) => {
    const id = todays(req);
    const b = parse(reasonBody, req.body ?? {});
    await hub.execute((at) => ({ type: 'PrioritiseTicket', at, ticketId: id, by: req.staff!.staffId, reason: b.reason }));
    res.json(ticketAnswer(id));
  });

  // The visitor with the ticket's key (the phone page's "I'm leaving"), or the lobby without one.
  r.post('/api/tickets/:id/cancel', async (req, res, next) => {
    const b = parse(cancelBody, req.body ?? {});
    if (b.key === undefined) {
      lobby(req, res, (err?: unknown) => (err ? next(err) : void cancelAsStaff(req, res).catch(next)));
      return;
    }
    const id = parse(pathId, req.params.id);
    const t = hub.state.tickets.get(id);
    if (!t) throw noTicket();
    const address = clientAddress(req);
    const now = hub.clock.now();
    if (keyGuesses.lockedFor(address, id, now) > 0 || !keyGuesses.begin(address, id, now)) {
      throw new DomainError('throttled', 'TOO_MANY_ATTEMPTS', '尝试次数过多，请稍后再试', 'Too many attempts; try again later');
    }
    const ok = ticketKeyMatches(t, b.key);
    keyGuesses.done(address, id);
    if (!ok) {
      keyGuesses.fail(address, id, now);
      throw wrongKey;
    }
    await hub.execute((at) => ({ type: 'CancelTicket', at, ticketId: id, by: VISITOR, reason: b.reason }));
    res.json(ticketAnswer(id));
  });
  async function cancelAsStaff(req: Request, res: import('express').Response) {
    const id = todays(req);
    const b = parse(cancelBody, req.body ?? {});
    await hub.execute((at) => ({ type: 'CancelTicket', at, ticketId: id, by: req.staff!.staffId, reason: b.reason }));
    res.json(ticketAnswer(id));
  }

  r.post('/api/services/:id/extend', lobby, async (req, res) => {
    const serviceId = parse(pathId, req.params.id);
    const b = parse(extendBody, req.body ?? {});
    const [e] = await hub.execute((at) => ({ type: 'ExtendService', at, serviceId, until: b.until, by: req.staff!.staffId, reason: b.reason }));
    res.json({ serviceId, businessDay: e?.type === 'ServiceExtended' ? e.data.businessDay : hub.today(), until: b.until });
  });

  return r;
}

/**
 * The lobby's picture of the hall. `alert`: "crowded" when more than `crowdAlertPerWindow` (10)
 * wait per open window serving the service (none open counts as one), "over-target" when the
 * oldest wait is past the service's target, else null.
 */
export function lobbyView(state: HallState, config: HallConfig, now: number) {
  const perWindow = config.hall.crowdAlertPerWindow;
  const waiting = [...state.waiting].map((id) => state.tickets.get(id)!).filter((t) => t && t.status === 'waiting');
  const services = config.services.map((s) => {
    const mine = waiting.filter((t) => t.serviceId === s.id);
    const oldest = mine.reduce((m, t) => Math.min(m, t.issuedMs), Infinity);
    const oldestWaitMin = Number.isFinite(oldest) ? Math.floor((now - oldest) / 60_000) : null;
    const windowsServing = config.windows.filter((w) => w.serviceIds.includes(s.id) && state.windows.get(w.id)?.state === 'open').length;
    const alert = mine.length > perWindow * Math.max(1, windowsServing)
      ? 'crowded'
      : oldestWaitMin !== null && oldestWaitMin > s.targetWaitMin ? 'over-target' : null;
    const ext = state.extensions.get(s.id);
    return {
      serviceId: s.id, waiting: mine.length, oldestWaitMin, windowsServing, alert,
      issueUntil: s.issueUntil ?? null,
      extendedUntil: ext && ext.businessDay === state.businessDay ? ext.until : null,
    };
  });
  const windows = config.windows.map((w) => {
    const rt = state.windows.get(w.id);
    const pinned = waiting.filter((t) => t.pinnedWindowId === w.id).length;
    return {
      windowId: w.id, number: w.number, state: rt?.state ?? 'closed', staffId: rt?.staffId ?? null,
      // Tickets pinned to other windows are not this window's to call.
      queue: waitingFor(state, w.serviceIds, w.id), pinned,
    };
  });
  // Waiting tickets by number, so the lobby can find the one in front of them.
  const tickets = waiting.map((t) => ({
    id: t.id, number: t.number, serviceId: t.serviceId, priority: t.priority, pinnedWindowId: t.pinnedWindowId,
    appointmentId: t.appointmentId, issuedAt: t.issuedAt,
  }));
  return { services, windows, tickets };
}
