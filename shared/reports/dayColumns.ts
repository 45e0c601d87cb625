import type { Outcome } from '../events.ts';
import type { TicketStatus } from '../state.ts';
import type { DayFacts } from './dayFacts.ts';
import type { TicketTimes } from './ticketTimes.ts';

/**
 * One business day of ticket times in columns: typed arrays of small integers. A busy year is
 * 750,000 tickets; as objects that is hundreds of megabytes and seconds of garbage collection,
 * as columns it is 40 MB that the hub reads straight from disk and scans in a few milliseconds.
 * Times are ms after `baseMs`; ids are indexes into the day's own string tables.
 */
export const NONE = -2147483648;

export const STATUS_CODES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no-show', 'abandoned', 'cancelled', 'voided'];
export const OUTCOME_CODES: readonly Outcome[] = ['done', 'one-time-notice', 'not-accepted'];

/** Column names, in the order they are stored. */
export const COLUMNS = [
  'issued', 'called', 'started', 'finished', 'issuedService', 'service', 'window', 'staff',
  'status', 'outcome', 'hour', 'priority', 'recalls', 'rating', 'slotStart',
] as const;
export type Column = (typeof COLUMNS)[number];

/**
 * Each column as narrow as its values allow: times need 32 bits, indexes into a day's tables
 * 16, codes and small counts 8. A year is then 30 bytes a ticket instead of 56.
 */
export const COLUMN_TYPES = {
  issued: Int32Array, called: Int32Array, started: Int32Array, finished: Int32Array,
  issuedService: Int16Array, service: Int16Array, window: Int16Array, staff: Int16Array,
  status: Int8Array, outcome: Int8Array, hour: Int8Array, priority: Int8Array, recalls: Int8Array, rating: Int8Array,
  slotStart: Int32Array,
} as const satisfies Record<Column, Int32ArrayConstructor | Int16ArrayConstructor | Int8ArrayConstructor>;
export type DayColumnArrays = { [C in Column]: InstanceType<(typeof COLUMN_TYPES)[C]> };

export interface DayColumns {
  day: string;
  baseMs: number;
  count: number;
  services: string[];
  windows: string[];
  staff: string[];
  cols: DayColumnArrays;
  /**
   * Transfers out of a service: row index and the index of the service it left, pairwise. A move
   * by the lobby (二次分流) is stored as `-1 - index`, so a file keeps its layout.
   */
  transferRows: Int32Array;
  transferServices: Int32Array;
  facts: DayFacts;
  /** Ticket ids and numbers, by row; kept apart because only flagged tickets need them. */
  labels: () => { ids: string[]; numbers: string[] };
}

function table() {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(s: string | null): number {
      if (s === null) return -1;
      let i = index.get(s);
      if (i === undefined) {
        i = list.length;
        list.push(s);
        index.set(s, i);
      }
      return i;
    },
  };
}

export function toColumns(day: string, rows: readonly TicketTimes[], facts: DayFacts): DayColumns {
  const n = rows.length;
  const baseMs = rows[0]?.issuedMs ?? 0;
  const cols = Object.fromEntries(COLUMNS.map((c) => [c, new COLUMN_TYPES[c](n)])) as DayColumnArrays;
  const services = table();
  const windows = table();
  const staff = table();
  const tRows: number[] = [];
  const tServices: number[] = [];
  const rel = (ms: number | null) => (ms === null ? NONE : ms - baseMs);
  rows.forEach((t, i) => {
    cols.issued[i] = rel(t.issuedMs);
    cols.called[i] = rel(t.calledMs);
    cols.started[i] = rel(t.startedMs);
    cols.finished[i] = rel(t.finishedMs);
    cols.issuedService[i] = services.of(t.issuedServiceId);
    cols.service[i] = services.of(t.serviceId);
    cols.window[i] = windows.of(t.windowId);
    cols.staff[i] = staff.of(t.staffId);
    cols.status[i] = STATUS_CODES.indexOf(t.status);
    cols.outcome[i] = t.outcome === null ? -1 : OUTCOME_CODES.indexOf(t.outcome);
    cols.hour[i] = t.issuedHour;
    cols.priority[i] = t.priority ? 1 : 0;
    cols.recalls[i] = Math.min(t.recalls, 127);
    cols.rating[i] = t.rating ?? 0;
    cols.slotStart[i] = rel(t.slotStartMs);
    for (const s of t.transferredFrom) {
      tRows.push(i);
      tServices.push(services.of(s));
    }
    for (const s of t.movedFrom) {
      tRows.push(i);
      tServices.push(-1 - services.of(s));
    }
  });
  const ids = rows.map((t) => t.id);
  const numbers = rows.map((t) => t.number);
  return {
    day, baseMs, count: n, services: services.list, windows: windows.list, staff: staff.list, cols,
    transferRows: Int32Array.from(tRows), transferServices: Int32Array.from(tServices), facts,
    labels: () => ({ ids, numbers }),
  };
}
