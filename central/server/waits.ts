import type pg from 'pg';
import { Tally, FIGURE_FIELDS, type Figures } from '../../shared/reports/figures.ts';
import { meanSec, secs } from '../../shared/reports/stats.ts';

/** The lobby's and appointments' figures of a report (contract v2) that tickets carry. */
export interface LobbyTotal {
  cancelled: number;
  moved: number;
  /** Bookings of the period's slots, not cancelled; of them checked in and missed (table `appointments`). */
  booked: number;
  checkedIn: number;
  missed: number;
  appointmentServed: number;
  appointmentWaitAvgSec: number | null;
  appointmentWaitP90Sec: number | null;
}

/** A hall report's `total`: the contract's figures plus the hub's extensions maxWaiting and flagged. */
export type HallTotal = Figures & { maxWaiting: number; flagged: number } & LobbyTotal;

/** Summed rows of `ticket_counts` for one hall (bigint sums arrive as text). */
interface Counts {
  hall_id: string;
  issued: string; served: string; no_show: string; abandoned: string; transferred: string;
  wait_sum: string; service_count: string; service_sum: string; within: string; flagged: string;
  cancelled: string; moved: string; appt_n: string; appt_sum: string;
}
const COUNT_FIELDS = ['issued', 'served', 'no_show', 'abandoned', 'transferred', 'wait_sum', 'service_count', 'service_sum', 'within', 'flagged', 'cancelled', 'moved', 'appt_n', 'appt_sum'] as const;
type Sums = Record<(typeof COUNT_FIELDS)[number], number>;

/**
 * The three measured durations of a served ticket: each has histograms in `ticket_hist` (per day,
 * minutes), `ticket_hist_month` (per month, minutes) and `ticket_hist_month10` (per month, ten
 * seconds), and a partial index on tickets (migration 005) on `(ms) / 10000`, which the probes'
 * expressions must match textually.
 */
const KINDS = {
  w: { ms: 't.called_ms - t.issued_ms', where: `t.status = 'done'` },
  s: { ms: 't.finished_ms - t.started_ms', where: `t.status = 'done'` },
  a: { ms: 't.called_ms - greatest(t.slot_start_ms, t.issued_ms)', where: `t.status = 'done' and t.slot_start_ms is not null` },
} as const;
type Kind = keyof typeof KINDS;

/**
 * Where a value of a given rank lies: its slice of ten-second buckets (lo…hi, one bucket, or the
 * six of a minute), and how many values of that slice come before it.
 */
interface Probe {
  scope: string | null;
  kind: Kind;
  lo: number;
  hi: number;
  offset: number;
  put: (ms: number | null) => void;
}

/** The longest queue of each hall over a period (the report's maxWaiting): $1 halls, $2–$3 dates. */
export const PEAKS_SQL = `
    select hall_id, max(max_waiting) as m from queue_peaks
     where hall_id = any($1) and day between $2::date and $3::date group by hall_id`;
/** The hub's bookingCounts: bookings whose slot's date is in the period, cancelled ones left out. */
export const BOOKINGS_SQL = `
    select hall_id, count(*) filter (where status <> 'cancelled')::int as booked,
           count(*) filter (where status = 'checked-in')::int as checked_in, count(*) filter (where status = 'missed')::int as missed
      from appointments where hall_id = any($1) and date between $2::date and $3::date group by hall_id`;

/**
 * The whole calendar months inside [from, to] (dates YYYY-MM-DD): the first day of the first and
 * of the last such month, and the last day of the last; null when there is none.
 */
export function wholeMonths(from: string, to: string): { first: string; last: string; lastDay: string } | null {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const f = day(from);
  const first = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const end = day(to);
  end.setUTCDate(end.getUTCDate() + 1);
  // The first of the month after the last whole month.
  const after = end.getUTCDate() === 1 ? end : new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  if (after <= first) return null;
  const last = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth() - 1, 1));
  const lastDay = new Date(after.getTime() - 86_400_000);
  return { first: iso(first), last: iso(last), lastDay: iso(lastDay) };
}

/**
 * The ten-second buckets (ms / 10000, truncated) whose values fall in minute m (ms / 60000,
 * truncated): six of them, eleven around zero, where truncation folds −59.999 s … 59.999 s into one minute.
 */
export function tenSecondsOf(m: number): { lo: number; hi: number } {
  if (m > 0) return { lo: 6 * m, hi: 6 * m + 5 };
  if (m < 0) return { lo: 6 * m - 5, hi: 6 * m };
  return { lo: -5, hi: 5 };
}

/**
 * The wait figures of each hall over a period and of all of them together: counts, sums and exact
 * nearest-rank percentiles over every ticket (never an average of halls), made from summaries kept
 * with the tickets (migration 005) so a month or a year of hundreds of halls reads thousands of rows:
 *   1. the counts and sums of each hall, added up from `ticket_counts`;
 *   2. each hall's minute histograms of waits, service times and appointment waits (per month for
 *      whole months, per day for the days of partial months), and their sum for the total, with a
 *      running sum in PostgreSQL: the nearest rank ⌈p·N/100⌉ (the hub's rankOf) falls in one
 *      minute, after a known number of smaller values; only those minutes come back;
 *   3. for a period of whole months, the minute's six ten-second buckets say which one holds it;
 *   4. that slice's tickets only, read through a partial index and sorted, give the exact value,
 *      and the top minute gives the longest wait.
 * The means and percentages are then made by the hub's own `Tally.figures()`, so rounding has one
 * definition. The definitions are the hub's (docs/reports.md): a ticket counts under the service it
 * ended in; its targets are the hall's current ones (the summaries are rebuilt when they change); a
 * day before the journal's last day is closed, so a ticket still in the hall then was abandoned.
 */
export async function waitsByHall(pool: pg.Pool, halls: string[], from: string, to: string): Promise<{ halls: (HallTotal & { hallId: string })[]; total: HallTotal }> {
  const countsSql = `
    select c.hall_id,
           sum(c.n) as issued,
           coalesce(sum(c.n) filter (where st = 'done'), 0) as served,
           coalesce(sum(c.n) filter (where st = 'no-show'), 0) as no_show,
           coalesce(sum(c.n) filter (where st = 'abandoned'), 0) as abandoned,
           coalesce(sum(c.n) filter (where st = 'cancelled'), 0) as cancelled,
           sum(c.transferred) as transferred, sum(c.moved) as moved, sum(c.wait_sum) as wait_sum,
           sum(c.service_n) as service_count, sum(c.service_sum) as service_sum,
           sum(c.within) as within, sum(c.flagged) as flagged, sum(c.appt_n) as appt_n, sum(c.appt_sum) as appt_sum
      from (select c.*, case when c.status in ('waiting', 'called', 'serving') and c.day < j.last_day then 'abandoned' else c.status end as st
              from ticket_counts c
              join journals j on j.hall_id = c.hall_id and j.journal_id = c.journal_id
             where c.hall_id = any($1) and c.day between $2::date and $3::date) c
     group by c.hall_id`;
  // Whole calendar months inside the period come from the monthly histograms, the days of its
  // partial months from the daily ones, all in minutes; the two sets of days never overlap. A
  // period of whole months alone can narrow each minute to its ten-second bucket (below).
  const months = wholeMonths(from, to);
  const wholeOnly = months !== null && from === months.first && to === months.lastDay;
  // Each hall's histograms and, for several halls, their sum for the total; a running sum per
  // hall and kind finds the minute that holds each rank (the hub's rankOf: ⌈p·N/100⌉, at least 1)
  // and how many smaller values come before it there. Only those rows return.
  const histSql = `
    with x as (
      select hall_id, kind, bucket, n from ticket_hist_month
       where $4::date is not null and hall_id = any($1) and month between $4::date and $5::date
      union all
      select hall_id, kind, bucket, n from ticket_hist
       where hall_id = any($1) and day between $2::date and $3::date and ($4::date is null or day < $4::date or day > $6::date)
    ), h as (
      select hall_id, kind, bucket, sum(n)::int as n from x group by hall_id, kind, bucket having sum(n) > 0
    ), scoped as (
      select hall_id, kind, bucket, n from h
      union all
      select null, kind, bucket, sum(n)::int from h where $7::boolean group by kind, bucket
    ), cum as (
      -- Partitioned by the hall's id in byte order: the database's collation would make this sort
      -- of a few hundred thousand rows several times slower, and any fixed order will do.
      select hall_id, kind, bucket, n, sum(n) over (partition by hall_id collate "C", kind order by bucket) as upto,
             sum(n) over (partition by hall_id collate "C", kind) as total
        from scoped
    ), ranked as (
      -- Integer arithmetic throughout (counts are int, their sums bigint): ⌈p·N/100⌉ = (p·N + 99) / 100.
      select *, greatest(1, (total * 50 + 99) / 100) as r50, greatest(1, (total * 90 + 99) / 100) as r90 from cum
    )
    select hall_id, kind, bucket,
           case when kind = 'w' and upto >= r50 and upto - n < r50 then r50 - (upto - n) - 1 end as p50,
           case when upto >= r90 and upto - n < r90 then r90 - (upto - n) - 1 end as p90,
           case when kind = 'w' and upto = total then n - 1 end as p100
      from ranked
     where (kind = 'w' and upto >= r50 and upto - n < r50) or (upto >= r90 and upto - n < r90) or (kind = 'w' and upto = total)`;
  const [counts, hist, peaks, bookings] = await Promise.all([
    pool.query<Counts>(countsSql, [halls, from, to]),
    pool.query<{ hall_id: string | null; kind: Kind; bucket: string; p50: string | null; p90: string | null; p100: string | null }>(histSql,
      [halls, from, to, months?.first ?? null, months?.last ?? null, months?.lastDay ?? null, halls.length > 1]),
    pool.query<{ hall_id: string; m: number | null }>(PEAKS_SQL, [halls, from, to]),
    pool.query<{ hall_id: string; booked: number; checked_in: number; missed: number }>(BOOKINGS_SQL, [halls, from, to]),
  ]);

  // The values to read exactly: each percentile's and the longest wait's place in its bucket.
  type Exact = { waitP50: number | null; waitP90: number | null; waitMax: number | null; serviceP90: number | null; apptP90: number | null };
  const none = (): Exact => ({ waitP50: null, waitP90: null, waitMax: null, serviceP90: null, apptP90: null });
  const perHall = new Map(halls.map((h) => [h, none()]));
  // One hall: its row is the total, no second reading.
  const total = halls.length === 1 ? perHall.get(halls[0]!)! : none();
  const field = { w50: 'waitP50', w90: 'waitP90', w100: 'waitMax', s90: 'serviceP90', a90: 'apptP90' } as const;
  const probes: Probe[] = [];
  for (const r of hist.rows) {
    const v = r.hall_id === null ? total : perHall.get(r.hall_id);
    if (!v) continue;
    const slice = tenSecondsOf(Number(r.bucket));
    for (const p of [50, 90, 100] as const) {
      const place = r[`p${p}`];
      const f = field[`${r.kind}${p}` as keyof typeof field];
      if (place === null || !f) continue;
      probes.push({ scope: r.hall_id, kind: r.kind, ...slice, offset: Number(place), put: (ms) => (v[f] = ms) });
    }
  }
  if (wholeOnly) await narrow(pool, probes, halls, months.first, months.last);
  await readExact(pool, probes, halls, from, to);

  const peakOf = new Map(peaks.rows.map((r) => [r.hall_id, r.m ?? 0]));
  const noBookings = { booked: 0, checkedIn: 0, missed: 0 };
  const bookingsOf = new Map(bookings.rows.map((r) => [r.hall_id, { booked: r.booked, checkedIn: r.checked_in, missed: r.missed }]));
  const allBookings = { ...noBookings };
  for (const b of bookingsOf.values()) for (const k of ['booked', 'checkedIn', 'missed'] as const) allBookings[k] += b[k];
  const zero = () => Object.fromEntries(COUNT_FIELDS.map((f) => [f, 0])) as Sums;
  const sumsOf = new Map<string, Sums>();
  const totalSums = zero();
  for (const r of counts.rows) {
    const s = zero();
    for (const f of COUNT_FIELDS) {
      s[f] = Number(r[f]);
      totalSums[f] += s[f];
    }
    sumsOf.set(r.hall_id, s);
  }
  return {
    halls: halls.map((h) => ({ hallId: h, ...figures(sumsOf.get(h) ?? zero(), perHall.get(h)!, peakOf.get(h) ?? 0, bookingsOf.get(h) ?? noBookings) })),
    total: figures(totalSums, total, Math.max(0, ...peakOf.values()), allBookings),
  };
}

/**
 * For a period of whole months: each probe's minute narrowed to the one ten-second bucket of it
 * that holds the value, and the value's place in that bucket, from the monthly ten-second
 * histograms (`ticket_hist_month10`: at most six rows a probe and month), so only a sixth of the
 * minute's tickets is read.
 */
async function narrow(pool: pg.Pool, probes: Probe[], halls: string[], first: string, last: string): Promise<void> {
  const scopes = [probes.filter((p) => p.scope !== null), probes.filter((p) => p.scope === null)];
  await Promise.all(scopes.map(async (list, total) => {
    if (!list.length) return;
    const r = await pool.query<{ i: number; bucket: string; n: number }>(
      // One index range per probe (and hall): the key is (hall, kind, bucket, month).
      `select p.i, x.bucket, x.n
         from unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[]) as p(h, k, lo, hi, i)
         cross join lateral (
           select t.bucket, sum(t.n)::int as n from ticket_hist_month10 t
            where ${total ? 't.hall_id = any($8::text[])' : 't.hall_id = p.h'} and t.kind = p.k::"char"
              and t.bucket between p.lo and p.hi and t.month between $1::date and $2::date
            group by t.bucket) x
        order by p.i, x.bucket`,
      [first, last, list.map((p) => p.scope ?? ''), list.map((p) => p.kind), list.map((p) => p.lo), list.map((p) => p.hi), list.map((_p, i) => i),
        ...(total ? [halls] : [])]);
    const before = new Map<number, number>();
    const done = new Set<number>();
    for (const row of r.rows) {
      const p = list[row.i]!;
      if (done.has(row.i)) continue;
      const seen = before.get(row.i) ?? 0;
      if (p.offset < seen + row.n) {
        const bucket = Number(row.bucket);
        Object.assign(p, { lo: bucket, hi: bucket, offset: p.offset - seen });
        done.add(row.i);
      } else before.set(row.i, seen + row.n);
    }
  }));
}

/**
 * Reads each probed value: the tickets of one slice of one hall (or of all the halls asked, for
 * the total), sorted by the exact milliseconds, the value at the probe's place. One statement per
 * kind and scope, each a lateral index scan per probe.
 */
async function readExact(pool: pg.Pool, probes: Probe[], halls: string[], from: string, to: string): Promise<void> {
  const groups = new Map<string, Probe[]>();
  for (const p of probes) {
    const key = `${p.kind}|${p.scope === null ? 'total' : 'hall'}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  await Promise.all([...groups].map(async ([key, list]) => {
    const kind = key[0] as Kind;
    const { ms, where } = KINDS[kind];
    const total = key.endsWith('|total');
    const whose = total ? 't.hall_id = any($8::text[])' : 't.hall_id = p.h';
    const r = await pool.query<{ i: number; v: string | null }>(
      `select p.i, (select x.ms from (select ${ms} as ms from tickets t
                                       where ${whose} and (${ms}) / 10000 between p.lo and p.hi and t.day between $1::date and $2::date and ${where}) x
                     order by x.ms offset p.r limit 1) as v
         from unnest($3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::int[]) as p(h, lo, hi, r, i)`,
      [from, to, list.map((p) => p.scope ?? ''), list.map((p) => p.lo), list.map((p) => p.hi), list.map((p) => p.offset), list.map((_p, i) => i),
        ...(total ? [halls] : [])],
    );
    for (const row of r.rows) list[row.i]!.put(row.v === null ? null : Number(row.v));
  }));
}

function figures(s: Sums, v: { waitP50: number | null; waitP90: number | null; waitMax: number | null; serviceP90: number | null; apptP90: number | null },
  maxWaiting: number, booked: { booked: number; checkedIn: number; missed: number }): HallTotal {
  const t = new Tally();
  t.issued = s.issued;
  t.served = s.served;
  t.noShow = s.no_show;
  t.abandoned = s.abandoned;
  t.transferred = s.transferred;
  t.waitCount = t.served;
  t.waitSumMs = s.wait_sum;
  t.waitP50Ms = v.waitP50;
  t.waitP90Ms = v.waitP90;
  t.waitMaxMs = v.waitMax;
  t.serviceCount = s.service_count;
  t.serviceSumMs = s.service_sum;
  t.serviceP90Ms = v.serviceP90;
  t.withinTarget = s.within;
  t.flagged = s.flagged;
  return {
    ...t.figures(), maxWaiting, flagged: t.flagged,
    cancelled: s.cancelled, moved: s.moved, ...booked, appointmentServed: s.appt_n,
    appointmentWaitAvgSec: meanSec(s.appt_sum, s.appt_n),
    appointmentWaitP90Sec: secs(v.apptP90),
  };
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // A cell starting like a formula is neutralised, as the hub's CSV does.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One row per hall then the total; UTF-8 with a byte-order mark so Excel on Chinese Windows reads it. */
export function waitsCsv(rows: (HallTotal & { hallId: string; name?: string })[], total: HallTotal): string {
  const fields = [...FIGURE_FIELDS, 'maxWaiting', 'flagged', 'cancelled', 'moved', 'booked', 'checkedIn', 'missed', 'appointmentServed', 'appointmentWaitAvgSec', 'appointmentWaitP90Sec'] as const;
  const lines = [
    ['hallId', 'name', ...fields],
    ...rows.map((r) => [r.hallId, r.name ?? '', ...fields.map((f) => r[f])]),
    ['total', '', ...fields.map((f) => total[f])],
  ];
  return '\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
