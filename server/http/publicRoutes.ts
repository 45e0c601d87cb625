import { Router } from 'express';
import { conflict, notFound } from '../../shared/errors.ts';
import type { Hub } from '../hub.ts';
import { servicesView, ticketView, windowsView } from '../views.ts';
import { parse } from './errors.ts';
import { issueTicketBody, pathId, ratingBody } from './schemas.ts';

const noTicket = () => notFound('UNKNOWN_TICKET', '没有这张票', 'No such ticket');

/** Visitors and devices: no token. */
export function publicRoutes(hub: Hub): Router {
  const r = Router();

  r.get('/api/health', (_req, res) => {
    res.json({ ok: true, businessDay: hub.today(), seq: hub.journal.lastSeq, now: hub.clockIso() });
  });

  r.get('/api/hall', (_req, res) => {
    const { hall, services, windows } = hub.config;
    res.json({
      name: hall.name, timezone: hall.timezone, hours: hall.hours, notice: hall.notice,
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
    const [event] = await hub.execute(
      (at) => ({ type: 'IssueTicket', at, ticketId: '', serviceId: body.serviceId, priority: body.priority }),
      { newTicket: true },
    );
    if (event?.type !== 'TicketIssued') throw new Error('issuing a ticket produced no TicketIssued');
    const t = hub.state.tickets.get(event.data.ticketId)!;
    const view = ticketView(t, hub.state, hub.config);
    res.status(201).json(view);
    if (body.kioskId) hub.emitPrint?.(body.kioskId, view);
  });

  r.get('/api/tickets/:id', (req, res) => {
    const id = parse(pathId, req.params.id);
    const found = hub.findTicket(id);
    if (!found) throw noTicket();
    res.json(ticketView(found.ticket, found.state, hub.config));
  });

  r.post('/api/tickets/:id/rating', async (req, res) => {
    const id = parse(pathId, req.params.id);
    const { score } = parse(ratingBody, req.body);
    if (!hub.state.tickets.has(id)) {
      // Ratings belong to the open day: an old ticket is known, its day's state forbids a rating (409).
      if (hub.findTicket(id)) throw conflict('RATING_CLOSED', '该号所在营业日已结束，无法评价', "That ticket's business day has closed");
      throw noTicket();
    }
    await hub.execute((at) => ({ type: 'RateTicket', at, ticketId: id, score }));
    res.status(201).json(ticketView(hub.state.tickets.get(id)!, hub.state, hub.config));
  });

  return r;
}
