import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { HallEvent } from '../../shared/events.ts';
import { dayOf } from './fold.ts';

/**
 * How ingest writes and reads the `events` table. A batch's events go in by COPY (PostgreSQL's own
 * bulk path: no statement, no array literals to build and parse); the table keeps one index, its
 * key, and a day's events are read by the seq range the day spans in its journal (journal_days).
 */

/** COPY's text format: a backslash, tab, newline or carriage return inside a field is escaped. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export function copyField(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (ch) => ESCAPED[ch]!) : s;
}

/**
 * Writes the batch's events (all newer than the journal's acked seq, checked under its row lock,
 * so none can collide with a stored one) with one COPY, in the caller's transaction, and records
 * the seq range of each day they touch. Resolves once the rows are handed to the connection, with
 * a promise of their being stored: the caller folds the batch while PostgreSQL parses the COPY,
 * and awaits that promise before it commits.
 */
export async function copyEvents(c: pg.PoolClient, hallId: string, journalId: string, events: readonly HallEvent[]): Promise<Promise<void>> {
  const head = `${copyField(hallId)}\t${copyField(journalId)}\t`;
  const days = new Map<string, { first: number; last: number }>();
  let text = '';
  for (const e of events) {
    const day = dayOf(e);
    const r = days.get(day);
    if (r) r.last = e.seq;
    else days.set(day, { first: e.seq, last: e.seq });
    text += `${head}${e.seq}\t${copyField(day)}\t${copyField(e.type)}\t${copyField(e.at)}\t${copyField(JSON.stringify(e.data))}\n`;
  }
  const copy = c.query(copyFrom('copy events (hall_id, journal_id, seq, day, type, at, data) from stdin'));
  const copied = new Promise<void>((resolve, reject) => {
    copy.once('finish', resolve);
    copy.once('error', reject);
  });
  // Written (past any back-pressure) before this resolves; or the COPY failed first.
  await Promise.race([new Promise<void>((resolve, reject) => copy.write(text, (e) => (e ? reject(e) : resolve()))), copied]);
  copy.end();
  const list = [...days];
  const ranges = c.query(
    `insert into journal_days as d (hall_id, journal_id, day, first_seq, last_seq)
     select $1, $2, u.day::date, u.f, u.l from unnest($3::text[], $4::bigint[], $5::bigint[]) as u(day, f, l)
     on conflict (hall_id, journal_id, day) do update
       set first_seq = least(d.first_seq, excluded.first_seq), last_seq = greatest(d.last_seq, excluded.last_seq)`,
    [hallId, journalId, list.map(([d]) => d), list.map(([, r]) => r.first), list.map(([, r]) => r.last)],
  );
  const done = Promise.all([copied, ranges]).then(() => undefined);
  // Awaited by the caller before commit; an error also ends the transaction there.
  done.catch(() => {});
  return done;
}

type Row = { seq: string; type: string; at: string; data: unknown };
const toEvent = (r: Row) => ({ seq: Number(r.seq), type: r.type, at: r.at, data: r.data }) as HallEvent;

/** A day's events of one journal, in seq order: the day's seq range, read through the key. */
export async function dayEvents(c: pg.Pool | pg.PoolClient, hallId: string, journalId: string, day: string): Promise<HallEvent[]> {
  const r = await c.query<Row>(
    `select e.seq, e.type, e.at, e.data
       from journal_days d join events e
         on e.hall_id = d.hall_id and e.journal_id = d.journal_id and e.seq between d.first_seq and d.last_seq
      where d.hall_id = $1 and d.journal_id = $2 and d.day = $3::date and e.day = d.day
      order by e.seq`, [hallId, journalId, day]);
  return r.rows.map(toEvent);
}

/**
 * Events after `day` and before `beforeSeq` about tickets issued on `day` (their ids start with
 * its date): the ends of tickets the day's close left in a staffer's hand.
 */
export async function heldEvents(c: pg.PoolClient, hallId: string, journalId: string, day: string, beforeSeq: number): Promise<HallEvent[]> {
  const r = await c.query<Row>(
    `select e.seq, e.type, e.at, e.data
       from events e
      where e.hall_id = $1 and e.journal_id = $2 and e.day > $3::date and e.seq < $5
        and e.seq > coalesce((select last_seq from journal_days d where d.hall_id = $1 and d.journal_id = $2 and d.day = $3::date), 0)
        and e.data->>'ticketId' like $4
      order by e.seq`, [hallId, journalId, day, `${day.replaceAll('-', '')}-%`, beforeSeq]);
  return r.rows.map(toEvent);
}

/** The journal that holds a hall's day (a hall moved to a new data dir keeps both apart): the latest. */
export async function journalOfDay(c: pg.Pool | pg.PoolClient, hallId: string, day: string): Promise<string | null> {
  const r = await c.query<{ journal_id: string }>(
    `select d.journal_id from journal_days d join journals j using (hall_id, journal_id)
      where d.hall_id = $1 and d.day = $2::date order by j.first_seen_at desc limit 1`, [hallId, day]);
  return r.rows[0]?.journal_id ?? null;
}
