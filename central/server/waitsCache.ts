import type pg from 'pg';
import { waitsByHall } from './waits.ts';

type Waits = Awaited<ReturnType<typeof waitsByHall>>;

/**
 * The last few cross-hall wait reports, each kept under its question (halls, from, to) and what
 * the shown halls held when it was made: every journal's acked seq and last day, and the hash of
 * the metadata whose targets the figures use. The state is read from PostgreSQL on every ask (one
 * small indexed query), so a batch ingested into a shown hall, by this centre process or another
 * on the same database, changes the key and the report is made again; the same question over
 * unchanged halls answers from memory.
 */
export class WaitsCache {
  private answers = new Map<string, Waits>();

  constructor(private readonly pool: pg.Pool, private readonly max = 32) {}

  async waits(halls: string[], from: string, to: string): Promise<Waits> {
    const key = `${halls.join(',')}|${from}|${to}|${await this.stateOf(halls)}`;
    const known = this.answers.get(key);
    if (known) {
      // Most recently asked last, so the oldest question is the one dropped.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    // Made after the state was read: it may hold even newer batches, never older ones, and a newer
    // batch moves the key on, so a cached report is never older than its key says.
    const made = await waitsByHall(this.pool, halls, from, to);
    if (this.answers.size >= this.max) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, made);
    return made;
  }

  private async stateOf(halls: string[]): Promise<string> {
    const r = await this.pool.query<{ j: string | null; m: string | null }>(
      `select (select string_agg(hall_id || ':' || journal_id || ':' || acked_seq || ':' || coalesce(last_day::text, ''), ',' order by hall_id, journal_id)
                 from journals where hall_id = any($1)) as j,
              (select string_agg(hall_id || ':' || hash, ',' order by hall_id) from hall_meta where hall_id = any($1)) as m`,
      [halls]);
    return `${r.rows[0]?.j ?? ''}|${r.rows[0]?.m ?? ''}`;
  }
}
