-- Bookings (预约) of each hall journal, one row per booking with its latest status, for the wait
-- report's booked / checkedIn / missed. Keyed by hall first like every table that grows.
create table appointments (
  hall_id text not null,
  journal_id text not null,
  appointment_id text not null,
  -- The slot's local date: a booking counts in the period that holds its slot, as at the hub.
  date date not null,
  service_id text not null,
  status text not null check (status in ('booked', 'checked-in', 'cancelled', 'missed')),
  primary key (hall_id, journal_id, appointment_id)
);
create index appointments_by_date on appointments (hall_id, date);

-- Bookings already stored as events, with the hub's rules (shared/lobbyState.ts): a check-in
-- always holds; otherwise the first of a cancel or a miss, each of which applies only to a booking
-- still booked.
insert into appointments (hall_id, journal_id, appointment_id, date, service_id, status)
select b.hall_id, b.journal_id, b.data->>'appointmentId', (b.data->>'date')::date, b.data->>'serviceId',
       case when exists (select 1 from events k where k.hall_id = b.hall_id and k.journal_id = b.journal_id and k.seq > b.seq
                           and k.type = 'AppointmentCheckedIn' and k.data->>'appointmentId' = b.data->>'appointmentId') then 'checked-in'
            else coalesce((select case when x.type = 'AppointmentCancelled' then 'cancelled' else 'missed' end
                             from events x
                            where x.hall_id = b.hall_id and x.journal_id = b.journal_id and x.seq > b.seq
                              and ((x.type = 'AppointmentCancelled' and x.data->>'appointmentId' = b.data->>'appointmentId')
                                or (x.type = 'AppointmentsMissed' and (x.data->'appointmentIds')::jsonb ? (b.data->>'appointmentId')))
                            order by x.seq limit 1), 'booked') end
  from events b
 where b.type = 'AppointmentBooked'
on conflict do nothing;
