-- Contract v2 (the lobby, appointments): services a waiting ticket was moved out of by the lobby,
-- and the slot start of a ticket checked in from a booking (its punctuality is measured from it).
alter table tickets add column moved_from text[] not null default '{}';
alter table tickets add column slot_start_ms bigint;
