import { Router, type Response } from 'express';
import { z } from 'zod';
import type { DayScore } from '../../shared/scoring/dailyScore.ts';
import { isDate } from '../../shared/time.ts';
import type { Hub } from '../hub.ts';
import { dayCsv, periodCsv } from '../scoring/csv.ts';
import type { ScoreService } from '../scoring/service.ts';
import { parse } from './errors.ts';

const dateQuery = z.object({
  date: z.string().refine(isDate, 'expected YYYY-MM-DD').optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const rollupQuery = z.object({
  period: z.enum(['month', 'quarter', 'year']),
  of: z.string().min(4).max(10),
  format: z.enum(['json', 'csv']).default('json'),
});

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The contract's shape of a day's scores, with the evidence and cover records as extra fields. */
export function dayView(d: DayScore) {
  return {
    date: d.date, rubricId: d.rubricId, workingDay: d.workingDay,
    staff: d.staff.map((s) => ({
      staffId: s.staffId, name: s.name, onDuty: s.onDuty, score: s.score, parts: s.parts,
      items: s.items.map((i) => ({ code: i.code, count: i.count, points: i.points, evidence: i.evidence })),
      served: s.served, ratings: s.ratings, satisfactionPct: round1(s.satisfactionPct), coverMinutes: s.coverMinutes, disqualified: s.disqualified,
    })),
    windows: d.windows.map((w) => ({
      windowId: w.windowId, served: w.served, uncoveredMinutes: w.uncoveredMinutes, coverMinutes: w.coverMinutes,
      pauseMinutes: w.pauseMinutes, satisfactionPct: round1(w.satisfactionPct), ratings: w.ratings, score: w.score, parts: w.parts,
      items: w.items.map((i) => ({ code: i.code, count: i.count, points: i.points, evidence: i.evidence })), intervals: w.intervals,
      uncoveredSince: w.uncoveredSince,
    })),
  };
}

function sendCsv(res: Response, name: string, body: string) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(body);
}

/** Daily scores and roll-ups; mounted behind the manager check on /api/reports. */
export function scoresRoutes(hub: Hub, scoring: () => Promise<ScoreService>): Router {
  const r = Router();
  r.get('/api/reports/scores', async (req, res) => {
    const q = parse(dateQuery, req.query);
    const svc = await scoring();
    // A closed day not yet scored is scored in the report worker (see ScoreService.days).
    const [day] = (await svc.days([q.date ?? hub.today()])) as [DayScore];
    if (q.format === 'csv') return sendCsv(res, `scores-${day.date}`, dayCsv(day, svc.rubric.parts.map((p) => p.id)));
    res.json(dayView(day));
  });
  r.get('/api/reports/scores/rollup', async (req, res) => {
    const q = parse(rollupQuery, req.query);
    const svc = await scoring();
    if (q.format === 'csv') {
      const result = await svc.periodAsync(q.period, q.of);
      const names = new Map<string, string>([...hub.config.staff.map((s) => [s.id, s.name] as const), ...hub.config.windows.map((w) => [w.id, w.name] as const)]);
      return sendCsv(res, `scores-${q.of}`, periodCsv(result, svc.rubric.parts.map((p) => p.id), names));
    }
    // Made as JSON text in the report worker: the hub's thread only sends it on.
    res.type('json').send(await svc.periodText(q.period, q.of));
  });
  return r;
}
