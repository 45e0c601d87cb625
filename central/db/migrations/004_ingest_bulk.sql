-- Ingest in bulk. Events arrive by COPY and keep a single index, their key (hall, journal, seq):
-- a second index on (hall, day, journal, seq) cost about as much again on every row written, and
-- a day's events are found instead by the seq range the day spans in its journal (journal_days,
-- a row per journal and day, kept by ingest in the batch's transaction), read through the key.
create table journal_days (
  hall_id text not null,
  journal_id text not null,
  day date not null,
  first_seq bigint not null,
  last_seq bigint not null,
  primary key (hall_id, journal_id, day)
);
insert into journal_days (hall_id, journal_id, day, first_seq, last_seq)
select hall_id, journal_id, day, min(seq), max(seq) from events group by hall_id, journal_id, day;

drop index events_by_day;

-- The event's data as the hub wrote it: `json` keeps the text (checked, not decomposed), which is
-- cheaper to write and to read back whole (folds, scores) than `jsonb`; nothing queries inside it
-- but the held-ticket lookup, which `->>` serves on json too.
alter table events alter column data type json using data::json;
