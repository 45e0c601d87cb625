import type pg from 'pg';
import { Tally } from '../../shared/reports/figures.ts';
import { meanSec, secs } from '../../shared/reports/stats.ts';
import { BOOKINGS_SQL, PEAKS_SQL, type HallTotal } from '../../central/server/waits.ts';

/** The hub's suspect rule (shared/reports/suspect.ts defaults): longer than 4 × target or 2 hours. */
const SUSPECT_FACTOR = 4;
const SUSPECT_MAX_MS = 2 * 3_600_000;
/**
 * percentile_disc(f) is the value at row ⌈f·N⌉ of the sorted values, with f·N computed in double
 * precision: for f = 0.5 and 0.9 that is the hub's nearest rank ⌈p·N/100⌉ for every N up to 2·10⁷
 * (checked value by value; test/int/centralIngest.test.ts checks PostgreSQL itself for N ≤ 3000).
 */
export const P50 = 0.5;
export const P90 = 0.9;

interface Agg {
  hall_id: string | null;
  issued: string; served: string; no_show: string; abandoned: string; transferred: string;
  wait_sum: string | null; wait_p: (string | null)[] | null; wait_max: string | null;
  service_count: string; service_sum: string | null; service_p90: string | null;
  within: string; flagged: string;
  cancelled: string; moved: string; appt_n: string; appt_sum: string | null; appt_p90: string | null;
}

/** The tickets of a period with what the figures need; `$where` narrows them (one hall, or all asked). */
const ticketsOf = (where: string) => `
      select case when t.status in ('waiting', 'called', 'serving') and (t.day < j.last_day) then 'abandoned' else t.status end as st,
             t.called_ms - t.issued_ms as wait_ms,
             t.finished_ms - t.started_ms as service_ms,
             cardinality(t.transferred_from) > 0 as transferred,
             cardinality(t.moved_from) > 0 as moved,
             t.called_ms - greatest(t.slot_start_ms, t.issued_ms) as appt_wait_ms, t.slot_start_ms,
             s.target_wait_min, s.target_service_min
        from tickets t
        join journals j on j.hall_id = t.hall_id and j.journal_id = t.journal_id
        left join hall_services s on s.hall_id = t.hall_id and s.service_id = t.service
       where ${where} and t.day between $2::date and $3::date`;

/** Both percentiles of the waits ride one sort: percentile_disc over an array of fractions. */
const PERCENTILES = `
           percentile_disc(array[${P50}, ${P90}]::float8[]) within group (order by wait_ms) filter (where st = 'done') as wait_p,
           percentile_disc(${P90}) within group (order by service_ms) filter (where st = 'done' and service_ms is not null) as service_p90,
           percentile_disc(${P90}) within group (order by appt_wait_ms) filter (where st = 'done' and slot_start_ms is not null) as appt_p90`;

/**
 * The centre's wait figures computed straight from the tickets, with PostgreSQL's own ordered-set
 * aggregates: the oracle the summary-based `waitsByHall` (central/server/waits.ts) is held to.
 * This was the centre's report before the summaries; it sorts every ticket of the period.
 * Each hall's row is its own small aggregate (a lateral subquery reading that hall's tickets by
 * index, its sorts in memory); the total's counts and sums are the halls' added up, and its
 * percentiles one pass over all the tickets. The means and percentages are then made by the hub's
 * own `Tally.figures()`, so rounding has one definition.
 *
 * The definitions are the hub's (docs/reports.md): a ticket counts under the service it ended in
 * for served, wait and service; its targets are the hall's current ones; a day before the
 * journal's last day is closed, so a ticket still in the hall then was abandoned.
 */
export async function waitsDirect(pool: pg.Pool, halls: string[], from: string, to: string): Promise<{ halls: (HallTotal & { hallId: string })[]; total: HallTotal }> {
  const perHallSql = `
    select h.hall_id, x.* from unnest($1::text[]) as h(hall_id) cross join lateral (
    select count(*) as issued,
           count(*) filter (where st = 'done') as served,
           count(*) filter (where st = 'no-show') as no_show,
           count(*) filter (where st = 'abandoned') as abandoned,
           count(*) filter (where transferred) as transferred,
           sum(wait_ms) filter (where st = 'done') as wait_sum,
           max(wait_ms) filter (where st = 'done') as wait_max,
           count(service_ms) filter (where st = 'done') as service_count,
           sum(service_ms) filter (where st = 'done') as service_sum,
           count(*) filter (where st = 'done' and (target_wait_min is null or wait_ms <= target_wait_min * 60000)) as within,
           count(*) filter (where st = 'done' and service_ms > least(coalesce(${SUSPECT_FACTOR} * target_service_min * 60000, ${SUSPECT_MAX_MS}), ${SUSPECT_MAX_MS})) as flagged,
           count(*) filter (where st = 'cancelled') as cancelled,
           count(*) filter (where moved) as moved,
           count(*) filter (where st = 'done' and slot_start_ms is not null) as appt_n,
           sum(appt_wait_ms) filter (where st = 'done' and slot_start_ms is not null) as appt_sum,
           ${PERCENTILES}
      from (${ticketsOf('t.hall_id = h.hall_id')}) t) x`;
  // One hall: its row is the total, no second pass.
  const totalSql = `select ${PERCENTILES} from (${ticketsOf('t.hall_id = any($1)')}) t`;
  const [agg, pcts, peaks, bookings] = await Promise.all([
    pool.query<Agg>(perHallSql, [halls, from, to]),
    halls.length > 1 ? pool.query<Pick<Agg, 'wait_p' | 'service_p90' | 'appt_p90'>>(totalSql, [halls, from, to]) : null,
    pool.query<{ hall_id: string; m: number | null }>(PEAKS_SQL, [halls, from, to]),
    pool.query<{ hall_id: string; booked: number; checked_in: number; missed: number }>(BOOKINGS_SQL, [halls, from, to]),
  ]);
  const peakOf = new Map(peaks.rows.map((r) => [r.hall_id, r.m ?? 0]));
  const none = { booked: 0, checkedIn: 0, missed: 0 };
  const bookingsOf = new Map(bookings.rows.map((r) => [r.hall_id, { booked: r.booked, checkedIn: r.checked_in, missed: r.missed }]));
  const allBookings = { ...none };
  for (const b of bookingsOf.values()) for (const k of ['booked', 'checkedIn', 'missed'] as const) allBookings[k] += b[k];
  const byHall = new Map(agg.rows.map((r) => [r.hall_id, r]));
  const figures = (r: Agg | undefined, maxWaiting: number, booked: typeof none): HallTotal => {
    const t = new Tally();
    if (r) {
      const n = (x: string | null) => (x === null ? 0 : Number(x));
      const ms = (x: string | null | undefined) => (x === null || x === undefined ? null : Number(x));
      t.issued = n(r.issued);
      t.served = n(r.served);
      t.noShow = n(r.no_show);
      t.abandoned = n(r.abandoned);
      t.transferred = n(r.transferred);
      t.waitCount = t.served;
      t.waitSumMs = n(r.wait_sum);
      t.waitP50Ms = ms(r.wait_p?.[0]);
      t.waitP90Ms = ms(r.wait_p?.[1]);
      t.waitMaxMs = ms(r.wait_max);
      t.serviceCount = n(r.service_count);
      t.serviceSumMs = n(r.service_sum);
      t.serviceP90Ms = ms(r.service_p90);
      t.withinTarget = n(r.within);
      t.flagged = n(r.flagged);
    }
    const num = (x: string | null | undefined) => (x === null || x === undefined ? 0 : Number(x));
    const apptN = num(r?.appt_n);
    return {
      ...t.figures(), maxWaiting, flagged: t.flagged,
      cancelled: num(r?.cancelled), moved: num(r?.moved), ...booked, appointmentServed: apptN,
      appointmentWaitAvgSec: meanSec(num(r?.appt_sum), apptN),
      appointmentWaitP90Sec: secs(r?.appt_p90 == null ? null : Number(r.appt_p90)),
    };
  };
  return {
    halls: halls.map((h) => ({ hallId: h, ...figures(byHall.get(h), peakOf.get(h) ?? 0, bookingsOf.get(h) ?? none) })),
    total: figures(totalRow(agg.rows, pcts?.rows[0] ?? agg.rows[0]), Math.max(0, ...peakOf.values()), allBookings),
  };
}

/** The halls' counts and sums added up (exact integers: bigint sums stay far below 2⁵³), with the total's own percentiles. */
function totalRow(rows: Agg[], p: Pick<Agg, 'wait_p' | 'service_p90' | 'appt_p90'> | undefined): Agg {
  const add = (k: keyof Agg) => String(rows.reduce((s, r) => s + (r[k] === null ? 0 : Number(r[k])), 0));
  const anyOf = (k: keyof Agg) => rows.some((r) => r[k] !== null);
  const maxes = rows.filter((r) => r.wait_max !== null).map((r) => Number(r.wait_max));
  return {
    hall_id: null,
    issued: add('issued'), served: add('served'), no_show: add('no_show'), abandoned: add('abandoned'), transferred: add('transferred'),
    wait_sum: anyOf('wait_sum') ? add('wait_sum') : null, wait_p: p?.wait_p ?? null,
    wait_max: maxes.length ? String(Math.max(...maxes)) : null,
    service_count: add('service_count'), service_sum: anyOf('service_sum') ? add('service_sum') : null, service_p90: p?.service_p90 ?? null,
    within: add('within'), flagged: add('flagged'),
    cancelled: add('cancelled'), moved: add('moved'), appt_n: add('appt_n'), appt_sum: anyOf('appt_sum') ? add('appt_sum') : null,
    appt_p90: p?.appt_p90 ?? null,
  };
}

