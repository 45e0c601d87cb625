import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { invalid } from '../../shared/errors.ts';
import type { HallEvent } from '../../shared/events.ts';
import { DEPARTURE_KINDS, departuresOfDay, type Departure } from '../../shared/reports/departures.ts';
import { addDays, isDate } from '../../shared/time.ts';
import { toCsv } from '../csv.ts';
import type { Hub } from '../hub.ts';
import { parse } from '../http/errors.ts';
import { forEachJournalEvent } from './journalLines.ts';
import { daysBetween } from './waitsQuery.ts';

/** A departures list reads every event of its days: one request covers at most a quarter. */
const MAX_DAYS = 92;

const date = z.string().refine(isDate, 'expected a calendar date YYYY-MM-DD');
const querySchema = z.object({
  from: date,
  to: date,
  format: z.enum(['json', 'csv']).default('json'),
  kind: z.enum(DEPARTURE_KINDS as [string, ...string[]]).optional(),
  by: z.string().max(64).optional(),
  serviceId: z.string().max(64).optional(),
});

/**
 * `GET /api/reports/departures?from&to[&kind&by&serviceId][&format=csv]` (managers; the role is
 * checked where /api/reports is mounted): every departure from first come, first served with who
 * and why. A closed day's list is kept once folded; the open day's is folded again per request.
 */
export function departuresRoutes(hub: Hub, dataDir?: string): Router {
  const r = Router();
  const closed = new Map<string, Departure[]>();

  const ofDay = (day: string): Departure[] => {
    if (day === hub.journal.day) return departuresOfDay(hub.journal.events, hub.config);
    const kept = closed.get(day);
    if (kept) return kept;
    if (!hub.journal.days().includes(day)) return [];
    let list: Departure[];
    const file = dataDir ? join(dataDir, 'journal', `${day}.jsonl`) : null;
    if (file && existsSync(file)) {
      const events: HallEvent[] = [];
      forEachJournalEvent(file, (e) => events.push(e));
      list = departuresOfDay(events, hub.config);
    } else {
      list = departuresOfDay(hub.journal.readDay(day), hub.config);
    }
    if (closed.size > 400) closed.delete(closed.keys().next().value!);
    closed.set(day, list);
    return list;
  };

  r.get('/api/reports/departures', (req, res) => {
    const q = parse(querySchema, req.query);
    if (q.from > q.to) throw invalid('BAD_PERIOD', `开始日期 ${q.from} 晚于结束日期 ${q.to}`, `from ${q.from} is after to ${q.to}`);
    if (daysBetween(q.from, q.to) + 1 > MAX_DAYS) throw invalid('RANGE_TOO_LONG', `一次最多查询 ${MAX_DAYS} 天`, `A list covers at most ${MAX_DAYS} days`);
    const rows: (Departure & { day: string; byName: string | null })[] = [];
    const names = new Map(hub.config.staff.map((s) => [s.id, s.name]));
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
      for (const x of ofDay(d)) {
        if (q.kind && x.kind !== q.kind) continue;
        if (q.by && x.by !== q.by) continue;
        if (q.serviceId && x.serviceId !== q.serviceId && x.toServiceId !== q.serviceId) continue;
        rows.push({ ...x, day: d, byName: names.get(x.by) ?? null });
      }
    }
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="departures-${q.from}_${q.to}.csv"`);
      const head = ['day', 'at', 'kind', 'by', 'byName', 'reason', 'number', 'serviceId', 'toServiceId', 'windowId', 'overtook', 'ticketId'] as const;
      res.send(toCsv([[...head], ...rows.map((x) => head.map((h) => x[h]))]));
      return;
    }
    res.json({ from: q.from, to: q.to, departures: rows });
  });

  return r;
}
