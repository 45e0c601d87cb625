import type pg from 'pg';
import { pct } from '../../shared/reports/stats.ts';
import { waitsByHall } from './waits.ts';

export interface RankingRow {
  hallId: string;
  served: number;
  withinTargetPct: number | null;
  satisfactionPct: number | null;
  ratings: number;
  uncoveredMinutes: number;
  complaints: number;
  /** 1 = best, per measure: most served, highest within-target and satisfaction, fewest uncovered minutes and complaints. */
  rank: { served: number; withinTargetPct: number; satisfactionPct: number; uncoveredMinutes: number; complaints: number };
}

/**
 * The halls ranked (流动红旗): served and within-target from the wait figures, satisfaction from
 * ratings (a rating of 4 or 5 is satisfied, as scoring counts it), uncovered minutes from the
 * closed days' scores, complaints from the halls' manual records (voided ones left out).
 */
export async function rankings(pool: pg.Pool, halls: string[], from: string, to: string,
  waitsOf: (halls: string[], from: string, to: string) => ReturnType<typeof waitsByHall> = (h, f, t) => waitsByHall(pool, h, f, t)): Promise<RankingRow[]> {
  const [waits, sat, unc, compl] = await Promise.all([
    waitsOf(halls, from, to),
    pool.query<{ hall_id: string; n: string; ok: string }>(
      `select hall_id, count(rating) as n, count(*) filter (where rating >= 4) as ok from tickets
        where hall_id = any($1) and day between $2::date and $3::date and rating is not null group by hall_id`, [halls, from, to]),
    pool.query<{ hall_id: string; m: string }>(
      `select hall_id, sum(uncovered_min) as m from window_day_scores where hall_id = any($1) and day between $2::date and $3::date group by hall_id`, [halls, from, to]),
    pool.query<{ hall_id: string; n: string }>(
      `select r.hall_id, count(*) as n from scoring_records r
        where r.hall_id = any($1) and r.kind = 'complaint' and r.date between $2::date and $3::date
          and not exists (select 1 from scoring_records v where v.hall_id = r.hall_id and v.kind = 'void' and v.body->>'ref' = r.record_id)
        group by r.hall_id`, [halls, from, to]),
  ]);
  const satOf = new Map(sat.rows.map((r) => [r.hall_id, { n: Number(r.n), ok: Number(r.ok) }]));
  const uncOf = new Map(unc.rows.map((r) => [r.hall_id, Math.round(Number(r.m) * 10) / 10]));
  const complOf = new Map(compl.rows.map((r) => [r.hall_id, Number(r.n)]));
  const rows = waits.halls.map((w) => {
    const s = satOf.get(w.hallId);
    return {
      hallId: w.hallId, served: w.served, withinTargetPct: w.withinTargetPct,
      satisfactionPct: s ? pct(s.ok, s.n) : null, ratings: s?.n ?? 0,
      uncoveredMinutes: uncOf.get(w.hallId) ?? 0, complaints: complOf.get(w.hallId) ?? 0,
      rank: { served: 0, withinTargetPct: 0, satisfactionPct: 0, uncoveredMinutes: 0, complaints: 0 },
    };
  });
  const rankBy = (key: keyof RankingRow['rank'], higherIsBetter: boolean) => {
    const value = (r: RankingRow) => (r[key] as number | null) ?? (higherIsBetter ? -Infinity : Infinity);
    const sorted = [...rows].sort((a, b) => (higherIsBetter ? value(b) - value(a) : value(a) - value(b)));
    // Equal values share a rank (1, 2, 2, 4).
    sorted.forEach((r, i) => (r.rank[key] = i > 0 && value(sorted[i - 1]!) === value(r) ? sorted[i - 1]!.rank[key] : i + 1));
  };
  rankBy('served', true);
  rankBy('withinTargetPct', true);
  rankBy('satisfactionPct', true);
  rankBy('uncoveredMinutes', false);
  rankBy('complaints', false);
  return rows;
}
