import { Router } from 'express';
import { z } from 'zod';
import { conflict, DomainError, notFound } from '../../shared/errors.ts';
import type { Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import type { PrintQueues } from '../printing/printQueue.ts';
import { publicPrinterView } from '../printing/routes.ts';
import { newTicketKey } from '../ticketKeys.ts';
import { bearer } from './auth.ts';
import { parse } from './errors.ts';
import { pathId } from './schemas.ts';

const reprintBody = z.object({ ticketId: pathId });

/**
 * A reprint asked for by lobby staff or a manager (a visitor lost the paper) carries a fresh key in
 * its QR: the hub keeps only key hashes, so it cannot print the first key again. The fresh key's
 * hash is journaled and replaces the old one, so the lost paper's QR stops working. Mounted before
 * the printer routes: a reprint without a lobby or manager token goes on to them and prints
 * without a key, as before (anyone at a kiosk may ask; nobody may take a visitor's key that way).
 */
export function keyedReprintRoutes(hub: Hub, tokens: Tokens, queues: PrintQueues): Router {
  const r = Router();
  r.post('/api/kiosks/:kioskId/reprint', async (req, res, next) => {
    const token = bearer(req);
    if (!token) return next();
    const claims = tokens.verify(token, hub.clock.now());
    if (!claims) throw new DomainError('unauthorized', 'UNAUTHORIZED', '登录已过期，请重新登录', 'Your session has expired; log in again');
    if (claims.role !== 'lobby' && claims.role !== 'manager') return next();
    const kioskId = parse(pathId, req.params.kioskId);
    if (!queues.has(kioskId)) throw notFound('UNKNOWN_KIOSK', '没有这台取号机', 'No such kiosk');
    if (!queues.state(kioskId)!.configured) throw conflict('PRINTER_NOT_CONFIGURED', '这台取号机没有配置打印机', 'This kiosk has no printer configured');
    const { ticketId } = parse(reprintBody, req.body);
    if (!hub.state.tickets.has(ticketId)) throw notFound('UNKNOWN_TICKET', '今天没有这张票', 'No such ticket today');
    const { key, keyHash } = newTicketKey();
    await hub.execute((at) => ({ type: 'ReissueTicketKey', at, ticketId, keyHash, by: claims.staffId }));
    queues.enqueue(kioskId, ticketId, true, key);
    res.status(202).json({ ...publicPrinterView(queues.state(kioskId)!), ticketId, queued: true, keyReissued: true });
  });
  return r;
}
