import { Router, type Request } from 'express';
import type { DayColumns } from '../../shared/reports/dayColumns.ts';
import { bookingCounts } from '../../shared/reports/lobbyFigures.ts';
import { waitsReport, type ReportOptions, type WaitsFigures } from '../../shared/reports/waitsReport.ts';
import type { Hub } from '../hub.ts';
import { encodeDay } from '../reports/compactFile.ts';
import { DayStore } from '../reports/dayStore.ts';
import { foldPool } from '../reports/foldPool.ts';
import { waitingNow } from '../reports/waitingNow.ts';
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

  // Answers kept while the days under them are the same objects: a closed day's columns are
  // replaced only when its journal changes, and today's whenever an event arrives.
  const answers = new Map<string, { days: DayColumns[]; report: WaitsFigures }>();
  const compute = (from: string, to: string, q: WaitsQuery) => {
    // Bookings span days and live in the hub's state: their counts are part of the key below.
    const bookings = bookingCounts(hub.state.appointments, from, to);
    const opts: ReportOptions = { excludeFlagged: q.excludeFlagged, factor: q.suspectFactor, bookings };
    const days = store.range(from, to);
    // The services' targets are part of the key: a target edited by a manager changes the figures.
    const key = JSON.stringify([from, to, opts, [...bookings], hub.config.services]);
    const known = answers.get(key);
    if (known && known.days.length === days.length && known.days.every((d, i) => d === days[i])) return known.report;
    const report = waitsReport(from, to, days, hub.config, opts);
    if (answers.size >= 32) answers.delete(answers.keys().next().value!);
    answers.set(key, { days, report });
    return report;
  };
  // The same answer computed in the report worker: closed days are read there from their compact
  // files, the open day is sent as bytes. Kept while no day under it changed (journal sizes, the
  // open day's columns object). Without a data dir, or if the worker fails, computed here.
  const offThread = new Map<string, { sig: (string | DayColumns)[]; report: WaitsFigures }>();
  const computeAsync = async (from: string, to: string, q: WaitsQuery): Promise<WaitsFigures> => {
    const sources = store.sources(from, to);
    if (!sources) return compute(from, to, q);
    const bookings = bookingCounts(hub.state.appointments, from, to);
    const opts = { excludeFlagged: q.excludeFlagged, factor: q.suspectFactor };
    const key = JSON.stringify([from, to, opts, [...bookings], hub.config.services]);
    const sig = sources.map((s) => ('live' in s ? s.live : `${s.day}:${s.journalSize}`));
    const known = offThread.get(key);
    if (known && known.sig.length === sig.length && known.sig.every((x, i) => x === sig[i])) return known.report;
    const job = {
      from, to, config: hub.config, opts: { ...opts, bookings: [...bookings] },
      days: sources.map((s) => ('live' in s ? { day: s.day, encoded: encodeDay(s.live, 0) } : s)),
    };
    try {
      let answer = await foldPool.waits(job);
      if ('stale' in answer) {
        // A day the worker could not fold (or whose journal grew since): fold it here once, then ask again.
        for (const d of answer.stale) store.day(d);
        answer = await foldPool.waits(job);
      }
      if ('stale' in answer) return compute(from, to, q);
      if (offThread.size >= 32) offThread.delete(offThread.keys().next().value!);
      offThread.set(key, { sig, report: answer.report });
      return answer.report;
    } catch (e) {
      hub.log(`report worker could not compute waits ${from}..${to}: ${(e as Error).message}`);
      return compute(from, to, q);
    }
  };
  // The JSON of kept reports, as the bytes sent: a manager's screen asking again for a month of
  // closed days costs the hub's thread no new serialising (a few ms for a month of a busy hall)
  // and no new copy of the text into bytes.
  const texts = new WeakMap<object, Buffer>();
  const query = (req: Request) => {
    const q = parse(waitsQuerySchema, req.query);
    return { q, ...resolvePeriod(q, hub.today()) };
  };

  // For a period that holds the open day: who is still waiting, per service and in total, now.
  const withWaiting = <T extends { services: { serviceId: string }[]; total: object }>(report: T, from: string, to: string): T => {
    const today = hub.today();
    if (today < from || today > to || hub.state.businessDay !== today) return report;
    const live = waitingNow(hub.state, hub.config.services.map((s) => s.id), hub.clock.now());
    return {
      ...report,
      services: report.services.map((s) => ({ ...s, ...(live.services.get(s.serviceId) ?? { waitingNow: 0, longestWaitingMin: null }) })),
      total: { ...report.total, ...live.total },
    };
  };

  r.get('/api/reports/waits', async (req, res) => {
    const { q, from, to } = query(req);
    // Days never reported on are folded in the report worker first, off the hub's thread.
    await store.prepare(q.compare === 'previous' ? previousPeriod(from, to).from : from, to);
    const report = q.format === 'csv' ? await computeAsync(from, to, q) : withWaiting(await computeAsync(from, to, q), from, to);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="waits-${from}_${to}${q.groupBy === 'service' ? '' : `-${q.groupBy}`}.csv"`);
      res.send(waitsCsv(report, q.groupBy));
      return;
    }
    if (q.compare === 'previous') {
      const prev = previousPeriod(from, to);
      const p = await computeAsync(prev.from, prev.to, q);
      res.json({ ...report, previous: { from: p.from, to: p.to, days: p.days, services: p.services, total: p.total } });
      return;
    }
    // A period of closed days gives the very report object kept above: its text is kept with it.
    let body = texts.get(report);
    if (!body) {
      body = Buffer.from(JSON.stringify(report));
      texts.set(report, body);
    }
    res.type('json').send(body);
  });

  r.get('/api/reports/waits/heatmap', async (req, res) => {
    const { q, from, to } = query(req);
    await store.prepare(from, to);
    const report = await computeAsync(from, to, q);
    res.json({ from, to, ...report.heatmap });
  });

  return r;
}
