-- Summaries that let a cross-hall wait report over a month or a year read thousands of rows
-- instead of millions, while its percentiles stay exact over every ticket.
--
-- ticket_counts: per hall, day, journal and status, the counts and sums a report adds up
--   (issued, served, waits, service times, within target, flagged, appointments).
-- ticket_hist: per hall and day, how many served tickets had a wait / service time / appointment
--   wait in each whole minute (ms / 60000, as bigint division truncates). A report adds these up
--   over its period to find the minute that holds its nearest rank, then reads only that minute's
--   tickets, through the indexes below, for the exact millisecond value.
-- ticket_hist_month: the same per hall and calendar month, in minutes, so a report over whole
--   months (a month, a year) adds a hundred-odd rows per hall and month instead of per day; the
--   days of a period's partial months come from ticket_hist.
-- ticket_hist_month10: per hall and calendar month in ten-second buckets (ms / 10000). For a
--   period of whole months, the six ten-second buckets of the minute that holds a rank tell which
--   one holds it, so only that ten-second slice of tickets is read (truncating division composes:
--   (ms / 10000) / 6 = ms / 60000 for every ms, negative ones included).
--
-- All four are kept by statement-level triggers on `tickets` (one aggregate per statement from its
-- transition tables, whoever writes: ingest, a bulk load, a repair), so they can never drift from
-- the rows. Each statement upserts its rows in key order, so two transactions writing to one
-- hall's summaries (two journals of a hall at once) wait for each other instead of deadlocking. "Within target" and "flagged" use the hall's targets at the time of writing; when a
-- hall's targets change, the centre rebuilds that hall's summaries (ticket_summary_rebuild).

create table ticket_counts (
  hall_id text not null,
  day date not null,
  journal_id text not null,
  status text not null,
  n bigint not null,
  transferred bigint not null,
  moved bigint not null,
  wait_sum bigint not null,
  within bigint not null,
  service_n bigint not null,
  service_sum bigint not null,
  flagged bigint not null,
  appt_n bigint not null,
  appt_sum bigint not null,
  primary key (hall_id, day, journal_id, status)
);

-- kind: 'w' wait (called − issued), 's' service (finished − started), 'a' an appointment's wait
-- (called − the later of slot start and issue). Served ('done') tickets only, non-null values only.
create table ticket_hist (
  hall_id text not null,
  day date not null,
  kind "char" not null,
  bucket bigint not null,
  -- int, so that a report's sums over it stay bigint (PostgreSQL sums bigint into numeric, slowly).
  n int not null,
  primary key (hall_id, day, kind, bucket)
);

create table ticket_hist_month (
  hall_id text not null,
  month date not null,
  kind "char" not null,
  bucket bigint not null,
  n int not null,
  primary key (hall_id, month, kind, bucket)
);

create table ticket_hist_month10 (
  hall_id text not null,
  month date not null,
  kind "char" not null,
  bucket bigint not null,
  n int not null,
  primary key (hall_id, kind, bucket, month)
);

-- The exact value inside one slice (ten seconds, or the six of a minute): these expressions must
-- stay textually the same as the ones central/server/waits.ts probes with, or the planner cannot
-- use the indexes.
create index tickets_done_wait on tickets (hall_id, ((called_ms - issued_ms) / 10000), day)
  include (called_ms, issued_ms) where status = 'done';
create index tickets_done_service on tickets (hall_id, ((finished_ms - started_ms) / 10000), day)
  include (finished_ms, started_ms) where status = 'done';
create index tickets_done_appt on tickets (hall_id, ((called_ms - greatest(slot_start_ms, issued_ms)) / 10000), day)
  include (called_ms, slot_start_ms, issued_ms) where status = 'done' and slot_start_ms is not null;

-- The two statements that add the rows of `src` (a query of ticket rows with a column sg: +1 to
-- add a row, −1 to take it away) to both summaries: the one definition of what they hold. They are
-- returned as text because a trigger's transition tables are visible only to statements the
-- trigger function itself runs, not to a function it calls.
create function ticket_summary_sql(src text) returns text[] language plpgsql immutable as $fn$
declare
  -- One histogram: %2$s the table, %3$s its period column and %4$s that period of a ticket, %5$s
  -- the bucket's width in ms, %6$s the table's key.
  hist text := $q$
    insert into %2$s as h (hall_id, %3$s, kind, bucket, n)
    select d.hall_id, %4$s, k.kind, k.ms / %5$s, sum(sg)
      from (%1$s) d
      cross join lateral (values ('w'::"char", d.called_ms - d.issued_ms),
                                 ('s'::"char", d.finished_ms - d.started_ms),
                                 ('a'::"char", case when d.slot_start_ms is not null then d.called_ms - greatest(d.slot_start_ms, d.issued_ms) end)) k(kind, ms)
     where d.status = 'done' and k.ms is not null
     group by 1, 2, 3, 4
    having sum(sg) <> 0
     order by 1, 2, 3, 4
    on conflict (%6$s) do update set n = h.n + excluded.n
  $q$;
begin
  return array[format($q$
    insert into ticket_counts as c (hall_id, day, journal_id, status, n, transferred, moved, wait_sum, within,
                                    service_n, service_sum, flagged, appt_n, appt_sum)
    select d.hall_id, d.day, d.journal_id, d.status,
           sum(sg),
           coalesce(sum(sg) filter (where cardinality(d.transferred_from) > 0), 0),
           coalesce(sum(sg) filter (where cardinality(d.moved_from) > 0), 0),
           coalesce(sum(sg * (d.called_ms - d.issued_ms)) filter (where d.status = 'done'), 0),
           coalesce(sum(sg) filter (where d.status = 'done'
                                      and (s.target_wait_min is null or d.called_ms - d.issued_ms <= s.target_wait_min * 60000)), 0),
           coalesce(sum(sg) filter (where d.status = 'done' and d.finished_ms - d.started_ms is not null), 0),
           coalesce(sum(sg * (d.finished_ms - d.started_ms)) filter (where d.status = 'done'), 0),
           -- The hub's suspect rule: longer than 4 × the service's target, or 2 hours.
           coalesce(sum(sg) filter (where d.status = 'done' and d.finished_ms - d.started_ms
                                      > least(coalesce(4 * s.target_service_min * 60000, 7200000), 7200000)), 0),
           coalesce(sum(sg) filter (where d.status = 'done' and d.slot_start_ms is not null), 0),
           coalesce(sum(sg * (d.called_ms - greatest(d.slot_start_ms, d.issued_ms))) filter (where d.status = 'done' and d.slot_start_ms is not null), 0)
      from (%1$s) d
      left join hall_services s on s.hall_id = d.hall_id and s.service_id = d.service
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4
    on conflict (hall_id, day, journal_id, status) do update set
      n = c.n + excluded.n, transferred = c.transferred + excluded.transferred, moved = c.moved + excluded.moved,
      wait_sum = c.wait_sum + excluded.wait_sum, within = c.within + excluded.within,
      service_n = c.service_n + excluded.service_n, service_sum = c.service_sum + excluded.service_sum,
      flagged = c.flagged + excluded.flagged, appt_n = c.appt_n + excluded.appt_n, appt_sum = c.appt_sum + excluded.appt_sum
  $q$, src),
    format(hist, src, 'ticket_hist', 'day', 'd.day', 60000, 'hall_id, day, kind, bucket'),
    format(hist, src, 'ticket_hist_month', 'month', $m$date_trunc('month', d.day)::date$m$, 60000, 'hall_id, month, kind, bucket'),
    format(hist, src, 'ticket_hist_month10', 'month', $m$date_trunc('month', d.day)::date$m$, 10000, 'hall_id, kind, bucket, month')];
end
$fn$;

-- The trigger's one argument is the query of its signed rows, over its transition tables.
create function ticket_summary_apply() returns trigger language plpgsql as $fn$
declare q text;
begin
  foreach q in array ticket_summary_sql(TG_ARGV[0]) loop execute q; end loop;
  return null;
end
$fn$;

create trigger tickets_summary_insert after insert on tickets referencing new table as new_tickets
  for each statement execute function ticket_summary_apply('select 1 as sg, * from new_tickets');
create trigger tickets_summary_update after update on tickets referencing old table as old_tickets new table as new_tickets
  for each statement execute function ticket_summary_apply('select 1 as sg, * from new_tickets union all select -1 as sg, * from old_tickets');
create trigger tickets_summary_delete after delete on tickets referencing old table as old_tickets
  for each statement execute function ticket_summary_apply('select -1 as sg, * from old_tickets');

-- Makes the summaries of these halls again from their tickets: after a change of their targets,
-- or to repair. Callers hold the halls' journal rows (as ingest does), so no batch lands between.
create function ticket_summary_rebuild(halls text[]) returns void language plpgsql as $fn$
declare q text;
begin
  delete from ticket_counts where hall_id = any(halls);
  delete from ticket_hist where hall_id = any(halls);
  delete from ticket_hist_month where hall_id = any(halls);
  delete from ticket_hist_month10 where hall_id = any(halls);
  foreach q in array ticket_summary_sql(format('select 1 as sg, * from tickets where hall_id = any(%L::text[])', halls)) loop execute q; end loop;
end
$fn$;

select ticket_summary_rebuild(array(select distinct hall_id from tickets));
