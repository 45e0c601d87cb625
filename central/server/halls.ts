import type pg from 'pg';
import { toIso } from '../../shared/time.ts';
import type { Viewer } from './auth.ts';

export interface HallRow {
  hallId: string;
  name: string;
  region: string;
  online: boolean;
  lastSeenAt: string | null;
  ackedSeq: number;
  journalId: string | null;
  businessDay: string | null;
  hallNow: string | null;
  waiting: number;
  oldestWaitingSince: string | null;
  windowsOpen: number;
  windowsPaused: number;
  uncoveredNow: string[];
  /** The hall's day is open (see LiveRow); rows stored before the field count as open. */
  dayOpen: boolean;
}

/** Rows of GET /api/central/halls: what the last batch or heartbeat left, `online` against now. */
export async function hallRows(pool: pg.Pool, viewer: Viewer | null, only?: string[]): Promise<HallRow[]> {
  const r = await pool.query<{
    hall_id: string; name: string; region: string; last_seen_ms: string | null; online: boolean; row: Record<string, unknown>;
    acked_seq: string | null; tz: string;
  }>(
    `select h.hall_id, h.name, h.region, (extract(epoch from s.last_seen_at) * 1000)::bigint as last_seen_ms,
            coalesce(s.last_seen_at > now() - interval '60 seconds', false) as online, s.row,
            (select acked_seq from journals j where j.hall_id = h.hall_id and j.journal_id = s.journal_id) as acked_seq,
            (select timezone from network) as tz
       from halls h left join hall_status s on s.hall_id = h.hall_id
      where ($1::text[] is null or h.hall_id = any($1)) and ($2::text[] is null or h.hall_id = any($2))
      order by h.hall_id`,
    [viewer?.halls ?? null, only ?? null],
  );
  return r.rows.map((x) => {
    const row = x.row ?? {};
    return {
      hallId: x.hall_id, name: x.name, region: x.region, online: x.online,
      lastSeenAt: x.last_seen_ms === null ? null : toIso(Number(x.last_seen_ms), x.tz ?? 'UTC'),
      ackedSeq: x.acked_seq === null ? 0 : Number(x.acked_seq),
      journalId: (row.journalId as string) ?? null,
      businessDay: (row.businessDay as string) ?? null,
      hallNow: (row.hallNow as string) ?? null,
      waiting: (row.waiting as number) ?? 0,
      oldestWaitingSince: (row.oldestWaitingSince as string) ?? null,
      windowsOpen: (row.windowsOpen as number) ?? 0,
      windowsPaused: (row.windowsPaused as number) ?? 0,
      uncoveredNow: (row.uncoveredNow as string[]) ?? [],
      dayOpen: row.dayOpen !== false,
    };
  });
}
