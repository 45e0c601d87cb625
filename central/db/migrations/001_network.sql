-- The hall network's centre. Every table that grows with a hall's traffic is keyed by hall first
-- (hall_id, then journal, then seq or day), so the same schema can be distributed by hall_id
-- (Citus: create_distributed_table(..., 'hall_id')) or partitioned by month on `day`.

create table central_settings (
  key text primary key,
  value text not null
);

create table network (
  id int primary key default 1 check (id = 1),
  name text not null,
  timezone text not null,
  imported_at timestamptz not null default now()
);

create table halls (
  hall_id text primary key,
  name text not null,
  region text not null default '',
  key_hash text not null
);

create table users (
  user_id text primary key,
  name text not null,
  role text not null check (role in ('admin', 'viewer')),
  pin_hash text not null,
  halls text[] not null default '{}'
);

-- One row per hall journal: the ingest cursor. A hub on a new data dir starts a new journal.
create table journals (
  hall_id text not null references halls (hall_id),
  journal_id text not null,
  acked_seq bigint not null default 0,
  -- The business day of the last event stored; earlier days of this journal are closed.
  last_day date,
  first_seen_at timestamptz not null default now(),
  last_event_at timestamptz,
  primary key (hall_id, journal_id)
);

-- The hall's live row as the board shows it (without `online`, which is read against now()).
create table hall_status (
  hall_id text primary key references halls (hall_id),
  journal_id text,
  last_seen_at timestamptz,
  business_day date,
  hall_now text,
  row jsonb not null default '{}'
);

-- Every journaled event of every hall, once.
create table events (
  hall_id text not null,
  journal_id text not null,
  seq bigint not null,
  day date not null,
  type text not null,
  at text not null,
  data jsonb not null,
  primary key (hall_id, journal_id, seq)
);
create index events_by_day on events (hall_id, day, journal_id, seq);

-- One row per ticket, folded from its events by the hub's own report code (shared/reports).
create table tickets (
  hall_id text not null,
  day date not null,
  journal_id text not null,
  ticket_id text not null,
  number text not null,
  priority boolean not null,
  issued_service text not null,
  service text not null,
  issued_ms bigint not null,
  issued_hour smallint not null,
  called_ms bigint,
  started_ms bigint,
  finished_ms bigint,
  status text not null,
  outcome text,
  window_id text,
  staff_id text,
  transferred_from text[] not null default '{}',
  recalls int not null default 0,
  rating smallint,
  primary key (hall_id, day, journal_id, ticket_id)
);

-- Longest queue of each service each day (the report's maxWaiting).
create table queue_peaks (
  hall_id text not null,
  day date not null,
  journal_id text not null,
  service_id text not null,
  max_waiting int not null,
  at_ms bigint,
  primary key (hall_id, day, journal_id, service_id)
);

-- Window time of each day: signed in and open, paused, open but idle while tickets waited.
create table window_days (
  hall_id text not null,
  day date not null,
  journal_id text not null,
  window_id text not null,
  open_ms bigint not null,
  paused_ms bigint not null,
  idle_queued_ms bigint not null,
  primary key (hall_id, day, journal_id, window_id)
);

-- Who sat at which window when: one row per sign-in (cover when the staffer is not the A post).
create table window_sessions (
  hall_id text not null,
  day date not null,
  journal_id text not null,
  seq bigint not null,
  window_id text not null,
  staff_id text not null,
  post text not null,
  from_ms bigint not null,
  to_ms bigint,
  primary key (hall_id, day, journal_id, seq)
);

-- What the hub sends beside its events: config without PINs, schedule, rubric.
create table hall_meta (
  hall_id text primary key references halls (hall_id),
  config jsonb not null,
  schedule jsonb not null,
  rubric_id text not null,
  hash text not null,
  updated_at timestamptz not null default now()
);

create table hall_services (
  hall_id text not null,
  service_id text not null,
  name text not null,
  target_wait_min int not null,
  target_service_min int not null,
  primary key (hall_id, service_id)
);

-- The hall's manual scoring records (leave, complaints, entries, follow-ups, voids), as written.
create table scoring_records (
  hall_id text not null,
  record_id text not null,
  -- Place in the hub's append-only log: follow-ups and voids apply in this order.
  pos int not null,
  kind text not null,
  date date,
  body jsonb not null,
  primary key (hall_id, record_id)
);

-- A closed day's scores per window, for rankings over periods (uncovered minutes, satisfaction).
create table window_day_scores (
  hall_id text not null,
  day date not null,
  window_id text not null,
  served int not null,
  uncovered_min numeric not null,
  cover_min numeric not null,
  pause_min numeric not null,
  ratings int not null,
  satisfied int not null,
  primary key (hall_id, day, window_id)
);

-- Payloads over NOTIFY's 8000 bytes for @socket.io/postgres-adapter (live rows across processes).
create table socket_io_attachments (
  id bigserial unique,
  created_at timestamptz default now(),
  payload bytea
);
