import { Router, type Request } from 'express';
import { waitsReport, type ReportOptions } from '../../shared/reports/waitsReport.ts';
import type { Hub } from '../hub.ts';
import { DayStore } from '../reports/dayStore.ts';
import { previousPeriod, resolvePeriod, waitsCsv, waitsQuerySchema, type WaitsQuery } from '../reports/waitsQuery.ts';
import { parse } from './errors.ts';

/**
 * Wait-time reports (manager role checked by the router that mounts this one):
 *   GET /api/reports/waits            the contract's report, with windows, staff, hours, flagged
 *                                     tickets and (compare=previous) the period before; format=csv
 *   GET /api/reports/waits/heatmap    arrivals by weekday × hour
 */
export function waitsRoutes(hub: Hub, dataDir?: string): Router {
  const r = Router();
  const store = new DayStore(hub, dataDir);

  const compute = (from: string, to: string, q: WaitsQuery) => {
    const opts: ReportOptions = { excludeFlagged: q.excludeFlagged, factor: q.suspectFactor };
    return waitsReport(from, to, store.range(from, to), hub.config, opts);
  };
  const query = (req: Request) => {
    const q = parse(waitsQuerySchema, req.query);
    return { q, ...resolvePeriod(q, hub.today()) };
  };

  r.get('/api/reports/waits', (req, res) => {
    const { q, from, to } = query(req);
    const report = compute(from, to, q);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="waits-${from}_${to}${q.groupBy === 'service' ? '' : `-${q.groupBy}`}.csv"`);
      res.send(waitsCsv(report, q.groupBy));
      return;
    }
    if (q.compare === 'previous') {
      const prev = previousPeriod(from, to);
      const p = compute(prev.from, prev.to, q);
      res.json({ ...report, previous: { from: p.from, to: p.to, days: p.days, services: p.services, total: p.total } });
      return;
    }
    res.json(report);
  });

  r.get('/api/reports/waits/heatmap', (req, res) => {
    const { q, from, to } = query(req);
    const report = compute(from, to, q);
    res.json({ from, to, ...report.heatmap });
  });

  return r;
}
