import type pg from 'pg';
import type { AppointmentStatus } from '../../shared/appointments.ts';
import type { HallEvent } from '../../shared/events.ts';
import { APPOINTMENT_EVENT_TYPES } from '../../shared/lobbyEvents.ts';

interface Booking {
  date: string;
  serviceId: string;
  status: AppointmentStatus;
}

const isAppointmentEvent = (e: HallEvent) => (APPOINTMENT_EVENT_TYPES as readonly string[]).includes(e.type);

/**
 * Writes what a batch did to the journal's bookings (table `appointments`), with the hub's own
 * rules (shared/lobbyState.ts evolveLobby): a cancel or a miss applies only to a booking still
 * booked, a check-in always. Bookings span days and journals' batches, so one booked in an
 * earlier batch is read back first. Two statements at most, and none for a batch without
 * appointment events.
 */
export async function writeAppointments(c: pg.PoolClient, hallId: string, journalId: string, events: readonly HallEvent[]): Promise<void> {
  const mine = events.filter(isAppointmentEvent);
  if (!mine.length) return;
  const known = new Map<string, Booking>();
  const earlier = new Set<string>();
  for (const e of mine) {
    if (e.type === 'AppointmentBooked') known.set(e.data.appointmentId, { date: e.data.date, serviceId: e.data.serviceId, status: 'booked' });
    else for (const id of idsOf(e)) if (!known.has(id)) earlier.add(id);
  }
  for (const id of known.keys()) earlier.delete(id);
  if (earlier.size) {
    const r = await c.query<{ appointment_id: string; date: string; service_id: string; status: AppointmentStatus }>(
      `select appointment_id, to_char(date, 'YYYY-MM-DD') as date, service_id, status from appointments
        where hall_id = $1 and journal_id = $2 and appointment_id = any($3)`, [hallId, journalId, [...earlier]]);
    for (const row of r.rows) known.set(row.appointment_id, { date: row.date, serviceId: row.service_id, status: row.status });
  }
  // In journal order: a booking made, then cancelled, in one batch ends cancelled.
  const changed = new Set<string>();
  for (const e of mine) {
    if (e.type === 'AppointmentBooked') {
      // Ingest stores each seq once, so a booking is new here (the hub never reuses its id).
      changed.add(e.data.appointmentId);
      continue;
    }
    for (const id of idsOf(e)) {
      const a = known.get(id);
      if (!a) continue;
      const next = e.type === 'AppointmentCheckedIn' ? 'checked-in' : a.status === 'booked' ? (e.type === 'AppointmentCancelled' ? 'cancelled' : 'missed') : a.status;
      if (next !== a.status) {
        a.status = next;
        changed.add(id);
      }
    }
  }
  const rows = [...changed].map((id) => [id, known.get(id)!] as const);
  if (!rows.length) return;
  await c.query(
    `insert into appointments (hall_id, journal_id, appointment_id, date, service_id, status)
     select $1, $2, u.id, u.d::date, u.s, u.st from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as u(id, d, s, st)
     on conflict (hall_id, journal_id, appointment_id) do update set status = excluded.status`,
    [hallId, journalId, rows.map(([id]) => id), rows.map(([, a]) => a.date), rows.map(([, a]) => a.serviceId), rows.map(([, a]) => a.status)],
  );
}

function idsOf(e: HallEvent): string[] {
  switch (e.type) {
    case 'AppointmentCancelled':
    case 'AppointmentCheckedIn':
      return [e.data.appointmentId];
    case 'AppointmentsMissed':
      return e.data.appointmentIds;
    default:
      return [];
  }
}
