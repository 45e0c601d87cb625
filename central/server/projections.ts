import type pg from 'pg';
import type { DayFold } from './fold.ts';
import { arrayLiteral } from './ingestArrays.ts';

/**
 * Writes what a batch changed in a day's fold: the tickets it touched (whole rows, upserted), the
 * sign-in sessions, and the day's queue peaks and window time (a few rows per day, rewritten).
 * Each is an upsert over unnested arrays, and all of them go as one statement (data-modifying
 * CTEs, one per table): one round trip for the batch's projections instead of four.
 */
export async function writeProjections(c: pg.PoolClient, hallId: string, fold: DayFold): Promise<void> {
  const parts: { sql: string; params: unknown[] }[] = [];
  // Each part numbers its own parameters from $4 ($1-$3 are hall, day, journal for all of them).
  const query = async (sql: string, params: unknown[]) => void parts.push({ sql, params: params.slice(3) });
  await collect({ query } as unknown as pg.PoolClient, hallId, fold);
  if (!parts.length) return;
  const all: unknown[] = [hallId, fold.day, fold.journalId];
  const renumbered = parts.map((p) => {
    const offset = all.length - 3;
    all.push(...p.params);
    return p.sql.replace(/\$(\d+)/g, (m, n: string) => (Number(n) <= 3 ? m : `$${Number(n) + offset}`));
  });
  const last = renumbered.pop()!;
  await c.query(renumbered.length ? `with ${renumbered.map((q, i) => `p${i} as (${q})`).join(', ')} ${last}` : last, all);
}

async function collect(c: pg.PoolClient, hallId: string, fold: DayFold): Promise<void> {
  const { tickets, sessions } = fold.take();
  const j = fold.journalId;
  const day = fold.day;
  if (tickets.length) {
    await c.query(
      `insert into tickets (hall_id, day, journal_id, ticket_id, number, priority, issued_service, service, issued_ms, issued_hour,
                            called_ms, started_ms, finished_ms, status, outcome, window_id, staff_id, transferred_from, recalls, rating,
                            moved_from, slot_start_ms)
       select $1, $2::date, $3, ticket_id, number, priority, issued_service, service, issued_ms, issued_hour, called_ms, started_ms,
              finished_ms, status, outcome, window_id, staff_id, transferred_from::text[], recalls, rating,
              moved_from::text[], slot_start_ms
         from unnest($4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::bigint[], $10::smallint[],
                            $11::bigint[], $12::bigint[], $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::int[], $20::smallint[],
                            $21::text[], $22::bigint[])
         as u(ticket_id, number, priority, issued_service, service, issued_ms, issued_hour, called_ms, started_ms, finished_ms,
              status, outcome, window_id, staff_id, transferred_from, recalls, rating, moved_from, slot_start_ms)
       on conflict (hall_id, day, journal_id, ticket_id) do update set
         service = excluded.service, called_ms = excluded.called_ms, started_ms = excluded.started_ms,
         finished_ms = excluded.finished_ms, status = excluded.status, outcome = excluded.outcome, window_id = excluded.window_id,
         staff_id = excluded.staff_id, transferred_from = excluded.transferred_from, recalls = excluded.recalls, rating = excluded.rating,
         moved_from = excluded.moved_from, slot_start_ms = excluded.slot_start_ms`,
      [
        hallId, day, j,
        // Each column's literal built in one pass (ingestArrays.ts), not by node-postgres.
        ...[
        tickets.map((t) => t.id), tickets.map((t) => t.number), tickets.map((t) => t.priority), tickets.map((t) => t.issuedServiceId),
        tickets.map((t) => t.serviceId), tickets.map((t) => t.issuedMs), tickets.map((t) => t.issuedHour), tickets.map((t) => t.calledMs),
        tickets.map((t) => t.startedMs), tickets.map((t) => t.finishedMs), tickets.map((t) => t.status), tickets.map((t) => t.outcome),
        tickets.map((t) => t.windowId), tickets.map((t) => t.staffId),
        // A text[] per row cannot ride in a 1-D array parameter: sent as its literal and cast back.
        tickets.map((t) => pgArray(t.transferredFrom)), tickets.map((t) => t.recalls), tickets.map((t) => t.rating),
        // The lobby's moves and a booking's slot (contract v2), when the hub's fold knows them.
        tickets.map((t) => pgArray((t as { movedFrom?: string[] }).movedFrom ?? [])),
        tickets.map((t) => (t as { slotStartMs?: number | null }).slotStartMs ?? null),
        ].map(arrayLiteral),
      ],
    );
  }
  if (sessions.length) {
    await c.query(
      `insert into window_sessions (hall_id, day, journal_id, seq, window_id, staff_id, post, from_ms, to_ms)
       select $1, $2::date, $3, u.* from unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[]) as u(seq, w, s, p, f, t)
       on conflict (hall_id, day, journal_id, seq) do update set to_ms = excluded.to_ms`,
      [hallId, day, j, sessions.map((s) => s.seq), sessions.map((s) => s.windowId), sessions.map((s) => s.staffId), sessions.map((s) => s.post),
        sessions.map((s) => s.fromMs), sessions.map((s) => s.toMs)],
    );
  }
  const facts = fold.dayFacts();
  const queues = Object.entries(facts.queues);
  if (queues.length) {
    await c.query(
      `insert into queue_peaks (hall_id, day, journal_id, service_id, max_waiting, at_ms)
       select $1, $2::date, $3, u.* from unnest($4::text[], $5::int[], $6::bigint[]) as u(s, m, a)
       on conflict (hall_id, day, journal_id, service_id) do update set max_waiting = excluded.max_waiting, at_ms = excluded.at_ms`,
      [hallId, day, j, queues.map(([id]) => id), queues.map(([, q]) => q.max), queues.map(([, q]) => q.atMs)],
    );
  }
  const windows = Object.entries(facts.windows);
  if (windows.length) {
    await c.query(
      `insert into window_days (hall_id, day, journal_id, window_id, open_ms, paused_ms, idle_queued_ms)
       select $1, $2::date, $3, u.* from unnest($4::text[], $5::bigint[], $6::bigint[], $7::bigint[]) as u(w, o, p, i)
       on conflict (hall_id, day, journal_id, window_id) do update set open_ms = excluded.open_ms, paused_ms = excluded.paused_ms, idle_queued_ms = excluded.idle_queued_ms`,
      [hallId, day, j, windows.map(([id]) => id), windows.map(([, w]) => w.openMs), windows.map(([, w]) => w.pausedMs), windows.map(([, w]) => w.idleQueuedMs)],
    );
  }
}

/** A PostgreSQL array literal of strings: {"A","B"}. */
function pgArray(list: readonly string[]): string {
  return `{${list.map((s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
