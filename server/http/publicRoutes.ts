import { Router } from 'express';
import { conflict, notFound } from '../../shared/errors.ts';
import type { Hub } from '../hub.ts';
import { outboxOf } from '../outbox.ts';
import { newTicketKey } from '../ticketKeys.ts';
import { gateIssue, type Trust } from '../trust.ts';
import { authoriseRating, lastFinishedTracker } from './ratingAccess.ts';
import { servicesView, ticketView, windowsView } from '../views.ts';
import { parse } from './errors.ts';
import { issueTicketBody, pathId, ratingBody } from './schemas.ts';

const noTicket = () => notFound('UNKNOWN_TICKET', '没有这张票', 'No such ticket');

/** Visitors and devices: no token. */
export function publicRoutes(hub: Hub, trust: Trust): Router {
  const r = Router();
  const lastFinished = lastFinishedTracker(hub);

  r.get('/api/health', (_req, res) => {
    const central = outboxOf.get(hub);
    res.json({
      ok: true, businessDay: hub.today(), seq: hub.journal.lastSeq, now: hub.clockIso(),
      ...(central ? { central: { connected: central.connected, ackedSeq: central.ackedSeq, journalId: central.journalId } } : {}),
    });
  });

  r.get('/api/hall', (_req, res) => {
    const { hall, services, windows } = hub.config;
    res.json({
      name: hall.name, timezone: hall.timezone, hours: hall.hours, notice: hall.notice,
      // The address phones reach the hub by: the kiosk's on-screen QR uses it, as the paper does.
      publicUrl: hall.publicUrl ?? null,
      address: hall.address ?? null,
      // Kiosks with a printer (id and name only): the lobby reprints a lost ticket on one of them.
      kiosks: hub.config.kiosks.filter((k) => k.printer).map((k) => ({ id: k.id, name: k.name })),
      services: services.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn ?? null, prefix: s.prefix })),
      windows: windows.map((w) => ({ id: w.id, number: w.number, name: w.name, serviceIds: w.serviceIds })),
    });
  });

  r.get('/api/services', (_req, res) => {
    res.json(servicesView(hub.state, hub.config));
  });

  r.get('/api/windows', (_req, res) => {
    res.json(windowsView(hub.state, hub.config));
  });

  r.post('/api/tickets', async (req, res) => {
    const body = parse(issueTicketBody, req.body);
    // Paired kiosks and staff are bound by the service's limits only; anyone else by the hourly quota.
    const gate = gateIssue(trust, req, hub.clock.now());
    const { key, keyHash } = newTicketKey();
    let event;
    try {
      [event] = await hub.execute(
        (at) => ({ type: 'IssueTicket', at, ticketId: '', serviceId: body.serviceId, priority: body.priority, keyHash, issuedBy: gate.issuedBy }),
        { newTicket: true },
      );
    } catch (e) {
      gate.release();
      throw e;
    }
    if (event?.type !== 'TicketIssued') throw new Error('issuing a ticket produced no TicketIssued');
    const t = hub.state.tickets.get(event.data.ticketId)!;
    // The key is in this answer only (and the printed QR): never on a socket nor in GET /api/tickets/:id.
    const view = { ...ticketView(t, hub.state, hub.config), key };
    res.status(201).json(view);
    if (body.kioskId) hub.emitPrint?.(body.kioskId, view);
  });

  r.get('/api/tickets/:id', (req, res) => {
    const id = parse(pathId, req.params.id);
    const found = hub.findTicket(id);
    if (!found) throw noTicket();
    res.json(ticketView(found.ticket, found.state, hub.config, hub.clock.now()));
  });

  r.post('/api/tickets/:id/rating', async (req, res) => {
    const id = parse(pathId, req.params.id);
    const { score, key } = parse(ratingBody, req.body);
    const ticket = hub.state.tickets.get(id);
    if (!ticket) {
      // Ratings belong to the open day: an old ticket is known, its day's state forbids a rating (409).
      if (hub.findTicket(id)) throw conflict('RATING_CLOSED', '该号所在营业日已结束，无法评价', "That ticket's business day has closed");
      throw noTicket();
    }
    // The window's paired pad, or the visitor holding the ticket's key: nothing a socket shows suffices.
    authoriseRating(trust, req, ticket, key, hub.state, hub.clock.now(), lastFinished);
    await hub.execute((at) => ({ type: 'RateTicket', at, ticketId: id, score }));
    res.status(201).json(ticketView(hub.state.tickets.get(id)!, hub.state, hub.config));
  });

  return r;
}
