import { createHash } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { inTransaction } from './db.ts';

const id = z.string().min(1).max(64);

/**
 * What a hub sends beside its events so the centre can name and score its records: the hall's
 * config without PINs (staff: id, name, role), the scoring schedule and rubric, and the manual
 * scoring records as the hub wrote them. Unknown keys of the config are kept (the hub's own
 * config schema decides what a config is); PIN-like keys are dropped here whatever the hub sent.
 */
export const metaSchema = z.object({
  config: z.object({
    hall: z.object({ name: z.string().max(200), timezone: z.string().max(64), hours: z.array(z.tuple([z.string(), z.string()])).max(12) }).passthrough(),
    services: z.array(z.object({ id, name: z.string().max(200), targetWaitMin: z.number(), targetServiceMin: z.number() }).passthrough()).max(500),
    windows: z.array(z.object({ id, number: z.number(), name: z.string().max(200), serviceIds: z.array(id).max(100) }).passthrough()).max(1000),
    staff: z.array(z.object({ id, name: z.string().max(100), role: z.string().max(20) })).max(5000),
    kiosks: z.array(z.unknown()).max(500).default([]),
  }),
  schedule: z.object({
    workWeekdays: z.array(z.number().int()).max(7), holidays: z.array(z.string()).max(1000), extraWorkdays: z.array(z.string()).max(1000),
    graceMin: z.number(), pauseLimitMin: z.number(), shifts: z.array(z.unknown()).max(5000),
  }).passthrough(),
  rubricId: z.string().min(1).max(40),
  records: z.array(z.object({ id, kind: z.string().max(20) }).passthrough()).max(200_000),
});
export type MetaBody = z.output<typeof metaSchema>;

export function metaHash(m: unknown): string {
  return createHash('sha256').update(JSON.stringify(m)).digest('hex');
}

/** Replaces the hall's metadata; records are upserted by id (the hub only ever appends them). */
export async function storeMeta(pool: pg.Pool, hallId: string, m: MetaBody, hash: string): Promise<void> {
  // z.object strips unknown keys of staff: a pin or pinHash never reaches the database.
  await inTransaction(pool, async (c) => {
    await c.query(
      `insert into hall_meta (hall_id, config, schedule, rubric_id, hash) values ($1, $2, $3, $4, $5)
       on conflict (hall_id) do update set config = excluded.config, schedule = excluded.schedule, rubric_id = excluded.rubric_id,
         hash = excluded.hash, updated_at = now()`,
      [hallId, JSON.stringify(m.config), JSON.stringify(m.schedule), m.rubricId, hash],
    );
    // The hall's journals are held first, as ingest holds them, so no batch is summarised against
    // the old targets while the summaries are rebuilt against the new ones.
    await c.query('select 1 from journals where hall_id = $1 for update', [hallId]);
    const targets = `select coalesce(string_agg(service_id || ':' || target_wait_min || ':' || target_service_min, ',' order by service_id), '') as t
                       from hall_services where hall_id = $1`;
    const before = (await c.query<{ t: string }>(targets, [hallId])).rows[0]!.t;
    await c.query('delete from hall_services where hall_id = $1', [hallId]);
    const s = m.config.services;
    await c.query(
      `insert into hall_services (hall_id, service_id, name, target_wait_min, target_service_min)
       select $1, * from unnest($2::text[], $3::text[], $4::int[], $5::int[])`,
      [hallId, s.map((x) => x.id), s.map((x) => x.name), s.map((x) => x.targetWaitMin), s.map((x) => x.targetServiceMin)],
    );
    // "Within target" and "flagged" are summed against the targets (migration 005): new targets,
    // new sums, over every ticket of the hall.
    const after = (await c.query<{ t: string }>(targets, [hallId])).rows[0]!.t;
    if (after !== before) await c.query('select ticket_summary_rebuild(array[$1::text])', [hallId]);
    const r = m.records;
    if (r.length) {
      const dateOf = (x: Record<string, unknown>) => (typeof x.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.date) ? x.date : typeof x.from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.from) ? x.from : null);
      await c.query(
        `insert into scoring_records (hall_id, record_id, pos, kind, date, body)
         select $1, i, p, k, d::date, b::jsonb from unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) as u(i, p, k, d, b)
         on conflict (hall_id, record_id) do update set pos = excluded.pos, kind = excluded.kind, date = excluded.date, body = excluded.body`,
        [hallId, r.map((x) => x.id), r.map((_x, i) => i), r.map((x) => x.kind), r.map((x) => dateOf(x)), r.map((x) => JSON.stringify(x))],
      );
    }
  });
}
