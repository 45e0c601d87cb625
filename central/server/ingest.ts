import type pg from 'pg';
import { z } from 'zod';
import type { HallConfig } from '../../shared/config.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallEvent } from '../../shared/events.ts';
import type { ScheduleSettings } from '../../shared/scoring/types.ts';
import { isDate } from '../../shared/time.ts';
import { dayOf, DayFold, issueDayOf, liveRow, type LiveRow } from './fold.ts';
import { copyEvents, dayEvents, heldEvents } from './ingestEvents.ts';
import { writeProjections } from './projections.ts';
import { writeAppointments } from './appointments.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/;

/** An event as the hub forwards it. */
export interface BatchEvent {
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** What is wrong with one event of a batch, as [field, message], or null. */
function eventProblem(e: unknown): [string | null, string] | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return [null, 'expected an object'];
  const { seq, type, at, data } = e as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return ['seq', 'expected an integer ≥ 1'];
  if (typeof type !== 'string' || type.length < 1 || type.length > 40) return ['type', 'expected 1 to 40 characters'];
  if (typeof at !== 'string' || !ISO.test(at)) return ['at', 'ISO 8601 with offset'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['data', 'expected an object'];
  // The day a close belongs to is stored as a date: a bad one is refused here, not by PostgreSQL.
  const day = (data as { businessDay?: unknown }).businessDay;
  if (type === 'DayClosed' && day !== undefined && !(typeof day === 'string' && isDate(day))) return ['data', 'DayClosed businessDay must be YYYY-MM-DD'];
  return null;
}

export const batchSchema = z.object({
  journalId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -'),
  // Checked by hand, one loop over up to 5,000 events: a schema object per event cost about a
  // third of the centre's CPU per batch. The first bad event is named, as the schema would.
  events: z.array(z.unknown()).max(5000).superRefine((list, ctx) => {
    for (let i = 0; i < list.length; i++) {
      const problem = eventProblem(list[i]);
      if (!problem) continue;
      ctx.addIssue({ code: 'custom', path: problem[0] === null ? [i] : [i, problem[0]], message: problem[1] });
      return;
    }
  }).transform((list) => list as BatchEvent[]),
  /** The hub's clock and business day (heartbeats send an empty batch with these). */
  now: z.string().regex(ISO).optional(),
  businessDay: z.string().refine(isDate).optional(),
});
export type Batch = z.output<typeof batchSchema>;

export class SeqGap extends DomainError {
  constructor(readonly ackedSeq: number, first: number) {
    super('conflict', 'SEQ_GAP', `事件序号不连续：已确认到 ${ackedSeq}，收到从 ${first} 开始的批次`, `Sequence gap: acknowledged up to ${ackedSeq}, batch starts at ${first}`);
  }
}

export interface HallMeta {
  config: HallConfig;
  schedule: ScheduleSettings;
  rubricId: string;
  hash: string;
}

/**
 * The open day's fold of each hall, kept between batches. Valid only while it has folded exactly
 * what PostgreSQL holds (its seq equals the journal's acked seq, read under the row lock), so two
 * centre processes ingesting for one hall never trust a stale fold.
 */
export class FoldCache {
  private folds = new Map<string, DayFold>();
  /** Metadata read back at most every few seconds: another centre process may have stored newer. */
  private metas = new Map<string, { meta: HallMeta | null; at: number }>();

  constructor(private readonly max = 500) {}

  get(hallId: string, journalId: string, ackedSeq: number): DayFold | null {
    const f = this.folds.get(hallId);
    return f && f.journalId === journalId && f.seq === ackedSeq ? f : null;
  }
  set(hallId: string, f: DayFold) {
    this.folds.delete(hallId);
    if (this.folds.size >= this.max) this.folds.delete(this.folds.keys().next().value!);
    this.folds.set(hallId, f);
  }
  drop(hallId: string) {
    this.folds.delete(hallId);
  }
  async meta(pool: pg.Pool | pg.PoolClient, hallId: string): Promise<HallMeta | null> {
    const known = this.metas.get(hallId);
    if (known && Date.now() - known.at < 5_000) return known.meta;
    const r = await pool.query<{ config: HallConfig; schedule: ScheduleSettings; rubric_id: string; hash: string }>(
      'select config, schedule, rubric_id, hash from hall_meta where hall_id = $1', [hallId]);
    const row = r.rows[0];
    const m = row ? { config: row.config, schedule: row.schedule, rubricId: row.rubric_id, hash: row.hash } : null;
    // A config that changed under a cached fold (new windows) is folded again from the database.
    if (known && known.meta?.hash !== m?.hash) this.folds.delete(hallId);
    this.metas.set(hallId, { meta: m, at: Date.now() });
    return m;
  }
  /** A new config changes what the fold knows of windows: refold from the database next time. */
  forgetMeta(hallId: string) {
    this.metas.delete(hallId);
    this.folds.delete(hallId);
  }
}

const servesOf = (m: HallMeta | null) => Object.fromEntries((m?.config.windows ?? []).map((w) => [w.id, w.serviceIds]));

async function loadFold(c: pg.PoolClient, hallId: string, journalId: string, day: string, meta: HallMeta | null): Promise<DayFold> {
  const fold = new DayFold(journalId, day, servesOf(meta));
  for (const e of await dayEvents(c, hallId, journalId, day)) fold.add(e);
  fold.take();
  return fold;
}

/** The issue times of the earlier days' tickets a fold has back in its queue, from their rows. */
async function readCarried(c: pg.PoolClient, hallId: string, fold: DayFold): Promise<void> {
  const unknown = [...fold.carried].filter(([, ms]) => ms === null).map(([id]) => id);
  if (!unknown.length) return;
  const r = await c.query<{ ticket_id: string; issued_ms: string }>(
    `select t.ticket_id, t.issued_ms from unnest($3::date[], $4::text[]) as u(day, id)
       join tickets t on t.hall_id = $1 and t.day = u.day and t.journal_id = $2 and t.ticket_id = u.id`,
    [hallId, fold.journalId, unknown.map((id) => issueDayOf({ data: { ticketId: id } })), unknown]);
  for (const row of r.rows) fold.carried.set(row.ticket_id, Number(row.issued_ms));
}

/** An earlier day's fold with the later events about its tickets, to take a held ticket's end. */
async function loadHeldFold(c: pg.PoolClient, hallId: string, journalId: string, day: string, meta: HallMeta | null, beforeSeq: number): Promise<DayFold> {
  const fold = await loadFold(c, hallId, journalId, day, meta);
  // Only what earlier batches stored: this batch's events are already in the table and come next.
  for (const e of await heldEvents(c, hallId, journalId, day, beforeSeq)) fold.addHeldEnd(e);
  fold.take();
  return fold;
}

export interface IngestResult {
  ackedSeq: number;
  stored: number;
  metaHash: string | null;
  row: LiveRow;
  /** Days this batch closed, to be scored for the rankings. */
  closedDays: string[];
}

/**
 * Stores a batch once, in seq order, with its projections, in one transaction: events at or below
 * the journal's acked seq are skipped; a batch that starts past acked + 1 stores nothing.
 */
export async function ingest(pool: pg.Pool, cache: FoldCache, hallId: string, batch: Batch): Promise<IngestResult> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    // Created if new and row-locked in one round trip: DO UPDATE locks the row as FOR UPDATE would,
    // and returns the latest committed cursor once another transaction holding it has finished.
    const j = (await c.query<{ acked_seq: string; last_day: string | null }>(
      `insert into journals as j (hall_id, journal_id) values ($1, $2)
       on conflict (hall_id, journal_id) do update set acked_seq = j.acked_seq
       returning acked_seq, to_char(last_day, 'YYYY-MM-DD') as last_day`, [hallId, batch.journalId])).rows[0]!;
    const acked = Number(j.acked_seq);
    const fresh = batch.events.filter((e) => e.seq > acked) as unknown as HallEvent[];
    if (fresh.length && fresh[0]!.seq !== acked + 1) throw new SeqGap(acked, fresh[0]!.seq);
    for (let i = 1; i < fresh.length; i++) {
      if (fresh[i]!.seq !== fresh[0]!.seq + i) {
        throw new DomainError('invalid', 'BAD_SEQ', '批次中的事件序号必须连续递增', 'Events of a batch must have consecutive seq numbers');
      }
    }
    const meta = await cache.meta(c, hallId);
    let fold = cache.get(hallId, batch.journalId, acked);
    const closedDays: string[] = [];
    let lastDay = j.last_day;
    if (fresh.length) {
      if (!fold && lastDay) fold = await loadFold(c, hallId, batch.journalId, lastDay, meta);
      cache.drop(hallId);
      // PostgreSQL stores the events while this process folds them; awaited before the projections.
      const copied = await copyEvents(c, hallId, batch.journalId, fresh);
      // Fold day by day; a day ends when its close is journaled or the next day's first event comes.
      const touched: DayFold[] = [];
      const earlier = new Map<string, DayFold>();
      for (const e of fresh) {
        const day = dayOf(e);
        if (!fold || day > fold.day) {
          if (fold && !fold.closed) {
            fold.close();
            closedDays.push(fold.day);
            if (!touched.includes(fold)) touched.push(fold);
          }
          if (fold) earlier.set(fold.day, fold);
          fold = new DayFold(batch.journalId, day, servesOf(meta));
        }
        const issued = issueDayOf(e);
        if (issued && issued < fold.day) {
          let held = earlier.get(issued);
          if (!held) earlier.set(issued, (held = await loadHeldFold(c, hallId, batch.journalId, issued, meta, fresh[0]!.seq)));
          held.addHeldEnd(e);
          if (!touched.includes(held)) touched.push(held);
          // The day it happened folds it too, as the hub's own day does (its ticket list skips it).
        }
        if (!touched.includes(fold)) touched.push(fold);
        const wasClosed = fold.closed;
        fold.add(e);
        if (!wasClosed && fold.closed) closedDays.push(fold.day);
      }
      await copied;
      await writeAppointments(c, hallId, batch.journalId, fresh);
      for (const f of touched) await writeProjections(c, hallId, f);
      lastDay = fold!.day;
    } else if (!fold && lastDay) {
      fold = await loadFold(c, hallId, batch.journalId, lastDay, meta);
    }
    if (fold) await readCarried(c, hallId, fold);
    const ackedSeq = fresh.at(-1)?.seq ?? acked;
    const hallNow = batch.now ?? fresh.at(-1)?.at ?? null;
    const row = liveRow(fold ?? null, meta, { businessDay: batch.businessDay ?? lastDay, now: hallNow, journalId: batch.journalId });
    // The cursor (when events were stored) and the hall's live row in one statement.
    await c.query(
      `with moved as (update journals set acked_seq = $6, last_day = $7::date, last_event_at = now()
                        where $8::boolean and hall_id = $1 and journal_id = $2)
       update hall_status set last_seen_at = now(), journal_id = $2, business_day = $3, hall_now = $4, row = $5
        where hall_id = $1`,
      [hallId, batch.journalId, row.businessDay, hallNow, JSON.stringify({ ...row, ackedSeq }), ackedSeq, lastDay, fresh.length > 0],
    );
    await c.query('commit');
    if (fold) cache.set(hallId, fold);
    return { ackedSeq, stored: fresh.length, metaHash: meta?.hash ?? null, row, closedDays };
  } catch (e) {
    await c.query('rollback').catch(() => {});
    cache.drop(hallId);
    throw e;
  } finally {
    c.release();
  }
}
