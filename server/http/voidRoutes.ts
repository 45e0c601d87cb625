import { Router } from 'express';
import { z } from 'zod';
import { invalid } from '../../shared/errors.ts';
import type { Ticket } from '../../shared/state.ts';
import { MAX_VOID } from '../../shared/voidTickets.ts';
import type { Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { requireStaff } from './auth.ts';
import { parse } from './errors.ts';

const iso = z.iso.datetime({ offset: true });
const voidBody = z.object({
  ticketIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_VOID).optional(),
  issuedBy: z.object({ address: z.string().min(1).max(64).optional(), deviceId: z.string().min(1).max(64).optional() }).optional(),
  from: iso.optional(),
  to: iso.optional(),
  reason: z.string().min(1).max(500),
});

/**
 * Finding and voiding a flood (managers): who issued today's tickets, by client address and
 * device, and one journaled action that takes a flood's waiting tickets out of the queue with a
 * reason. Mounted before the public routes so `/api/tickets/issuers` is not read as a ticket id.
 */
export function voidRoutes(hub: Hub, tokens: Tokens): Router {
  const r = Router();
  const managers = requireStaff(tokens, hub.clock, 'manager');

  r.get('/api/tickets/issuers', managers, (_req, res) => {
    const by = new Map<string, { address: string; deviceId: string | null; staffId: string | null; tickets: number; waiting: number; first: string; last: string }>();
    for (const t of hub.state.tickets.values()) {
      const o = t.issuedBy;
      const k = `${o?.address ?? '?'}|${o?.deviceId ?? ''}|${o?.staffId ?? ''}`;
      const row = by.get(k) ?? { address: o?.address ?? 'unknown', deviceId: o?.deviceId ?? null, staffId: o?.staffId ?? null, tickets: 0, waiting: 0, first: t.issuedAt, last: t.issuedAt };
      row.tickets++;
      if (t.status === 'waiting') row.waiting++;
      if (t.issuedAt < row.first) row.first = t.issuedAt;
      if (t.issuedAt > row.last) row.last = t.issuedAt;
      by.set(k, row);
    }
    res.json({ businessDay: hub.state.businessDay, issuers: [...by.values()].sort((a, b) => b.tickets - a.tickets) });
  });

  r.post('/api/tickets/void', managers, async (req, res) => {
    const body = parse(voidBody, req.body);
    let ids: string[];
    if (body.ticketIds) {
      ids = body.ticketIds;
    } else {
      const who = body.issuedBy;
      if (!who?.address && !who?.deviceId) throw invalid('BAD_REQUEST', '请给出号票（ticketIds）或取号来源（issuedBy）', 'Give ticketIds or issuedBy');
      const from = body.from ? Date.parse(body.from) : -Infinity;
      const to = body.to ? Date.parse(body.to) : Infinity;
      const match = (t: Ticket) =>
        t.status === 'waiting' && t.issuedMs >= from && t.issuedMs <= to &&
        (!who.address || t.issuedBy?.address === who.address) && (!who.deviceId || t.issuedBy?.deviceId === who.deviceId);
      ids = [...hub.state.tickets.values()].filter(match).map((t) => t.id);
    }
    const by = req.staff!.staffId;
    const [event] = await hub.execute((at) => ({ type: 'VoidTickets', at, ticketIds: ids, reason: body.reason, by }));
    const data = event?.type === 'TicketsVoided' ? event.data : { ticketIds: [], numbers: [] };
    res.json({ voided: data.ticketIds.length, ticketIds: data.ticketIds, numbers: data.numbers, reason: body.reason.trim(), by });
  });

  return r;
}
