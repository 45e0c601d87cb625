import { Router } from 'express';
import { z } from 'zod';
import { conflict, notFound } from '../../shared/errors.ts';
import type { Hub } from '../hub.ts';
import { parse } from '../http/errors.ts';
import { pathId } from '../http/schemas.ts';
import type { PrinterState, PrintQueues } from './printQueue.ts';

const reprintBody = z.object({ ticketId: pathId });

/** What a kiosk may see of its printer. */
export function publicPrinterView(s: PrinterState) {
  return {
    kioskId: s.kioskId, configured: s.configured, ok: s.ok, pendingJobs: s.pendingJobs, heldJobs: s.heldJobs, paperLow: s.paperLow,
    lastError: s.lastError, lastErrorEn: s.lastErrorEn, lastErrorCode: s.lastErrorCode,
  };
}

/**
 * Kiosk-facing printer endpoints (no token, like the kiosk itself) and the manager's list of all
 * printers. The manager role for /api/admin is checked by managerRoutes, mounted before this.
 */
export function printingRoutes(hub: Hub, queues: PrintQueues): Router {
  const r = Router();
  const kioskOf = (raw: unknown) => {
    const id = parse(pathId, raw);
    if (!queues.has(id)) throw notFound('UNKNOWN_KIOSK', '没有这台取号机', 'No such kiosk');
    return id;
  };

  r.get('/api/kiosks/:kioskId/printer', (req, res) => {
    res.json(publicPrinterView(queues.state(kioskOf(req.params.kioskId))!));
  });

  r.post('/api/kiosks/:kioskId/reprint', (req, res) => {
    const kioskId = kioskOf(req.params.kioskId);
    const { ticketId } = parse(reprintBody, req.body);
    // Only today's tickets: yesterday's number means nothing in today's queue.
    if (!hub.state.tickets.has(ticketId)) throw notFound('UNKNOWN_TICKET', '今天没有这张票', 'No such ticket today');
    if (!queues.enqueue(kioskId, ticketId, true)) {
      throw conflict('PRINTER_NOT_CONFIGURED', '这台取号机没有配置打印机', 'This kiosk has no printer configured');
    }
    res.status(202).json({ ...publicPrinterView(queues.state(kioskId)!), ticketId, queued: true });
  });

  // Tickets held by a printer fault print only when asked: here at the kiosk (a staff member at
  // the machine) or by a manager below, each marked 补打.
  const printHeld = (kioskId: string) => {
    if (!queues.state(kioskId)!.configured) {
      throw conflict('PRINTER_NOT_CONFIGURED', '这台取号机没有配置打印机', 'This kiosk has no printer configured');
    }
    const released = queues.releaseHeld(kioskId);
    return { ...publicPrinterView(queues.state(kioskId)!), released };
  };

  r.post('/api/kiosks/:kioskId/print-held', (req, res) => {
    res.status(202).json(printHeld(kioskOf(req.params.kioskId)));
  });

  r.get('/api/admin/printers', (_req, res) => {
    res.json(queues.all());
  });

  r.post('/api/admin/printers/:kioskId/print-held', (req, res) => {
    res.status(202).json(printHeld(kioskOf(req.params.kioskId)));
  });

  return r;
}
