import type pg from 'pg';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn } from '../../shared/scoring/records.ts';
import { defaultRubric, rubricById } from '../../shared/scoring/rubrics.ts';
import type { ScoringRecord } from '../../shared/scoring/types.ts';
import { endOfLocalDay } from '../../shared/time.ts';
import { dayView } from '../../server/http/scoresRoutes.ts';
import type { FoldCache } from './ingest.ts';
import { dayEvents, journalOfDay } from './ingestEvents.ts';

/**
 * A hall's scores of a day, by the hub's own pure scoring code over the events read back from
 * PostgreSQL, with the hall's config, schedule, rubric and manual records as it sent them. Never
 * a copy of the rules: `scoreDay` and the hub's `dayView` are the hub's.
 */
export async function hallDayScore(pool: pg.Pool, cache: FoldCache, hallId: string, date: string): Promise<DayScore | null> {
  const meta = await cache.meta(pool, hallId);
  if (!meta) return null;
  const status = (await pool.query<{ business_day: string | null; hall_now: string | null }>(
    "select to_char(business_day, 'YYYY-MM-DD') as business_day, hall_now from hall_status where hall_id = $1", [hallId])).rows[0];
  // The journal that holds the day (a hall moved to a new data dir keeps both apart): the latest.
  const journalId = await journalOfDay(pool, hallId, date);
  const events = journalId ? await dayEvents(pool, hallId, journalId, date) : [];
  const records = (await pool.query<{ body: ScoringRecord }>('select body from scoring_records where hall_id = $1 order by pos', [hallId])).rows.map((r) => r.body);
  const tz = meta.config.hall.timezone;
  const today = status?.business_day ?? date;
  const live = date === today;
  const hallNow = status?.hall_now ? Date.parse(status.hall_now) : Date.now();
  return scoreDay({
    date, config: meta.config, events, schedule: meta.schedule, records: recordsOn(activeRecords(records), date),
    rubric: rubricById(meta.rubricId) ?? defaultRubric,
    until: live ? Math.min(hallNow, endOfLocalDay(date, tz)) : endOfLocalDay(date, tz), asOf: today,
  });
}

export async function scoresOf(pool: pg.Pool, cache: FoldCache, halls: string[], date: string) {
  const out = [];
  for (const hallId of halls) {
    const d = await hallDayScore(pool, cache, hallId, date);
    out.push(d ? { hallId, ...dayView(d) } : { hallId, date, staff: [], windows: [], noMeta: true });
  }
  return { date, halls: out };
}

/** Keeps a closed day's window figures for rankings over long periods. */
export async function storeDayScore(pool: pg.Pool, cache: FoldCache, hallId: string, date: string): Promise<void> {
  const d = await hallDayScore(pool, cache, hallId, date);
  if (!d) return;
  const w = d.windows;
  await pool.query(
    `insert into window_day_scores (hall_id, day, window_id, served, uncovered_min, cover_min, pause_min, ratings, satisfied)
     select $1, $2::date, * from unnest($3::text[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[], $8::int[], $9::int[])
     on conflict (hall_id, day, window_id) do update set served = excluded.served, uncovered_min = excluded.uncovered_min,
       cover_min = excluded.cover_min, pause_min = excluded.pause_min, ratings = excluded.ratings, satisfied = excluded.satisfied`,
    [hallId, date, w.map((x) => x.windowId), w.map((x) => x.served), w.map((x) => x.uncoveredMinutes), w.map((x) => x.coverMinutes),
      w.map((x) => x.pauseMinutes), w.map((x) => x.ratings), w.map((x) => x.satisfied)],
  );
}
