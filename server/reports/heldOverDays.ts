import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { HallEvent } from '../../shared/events.ts';
import { forEachJournalEvent } from './journalLines.ts';

/**
 * A ticket called or in service at a day's close stays in its staffer's hand and ends in the next
 * day's file. Its report row belongs to the day it was issued, so a closed day's fold follows those
 * tickets into the next file, and its compact file is checked against both files' sizes.
 */

/** The DayClosed is among a day file's last lines (only AppointmentsMissed may follow it). */
const TAIL = 512 * 1024;
const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/**
 * Ids already read, by file and the size and time it had then: every wait report checks each of
 * its days against this, on the hub's thread, and a closed day's file does not change, so a
 * year's report reads each tail once instead of 250 × 512 KB per request.
 */
const heldKnown = new Map<string, { stamp: string; held: ReadonlySet<string> }>();
const CLOSED = Buffer.from('"DayClosed"');

/** Ids the day's close left in staff hands, read from the file's tail. */
export function heldIdsOf(journalPath: string): ReadonlySet<string> {
  let fd: number;
  try {
    fd = openSync(journalPath, 'r');
  } catch {
    return new Set();
  }
  try {
    const st = fstatSync(fd);
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    const known = heldKnown.get(journalPath);
    if (known?.stamp === stamp) return known.held;
    const len = Math.min(st.size, TAIL);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, st.size - len);
    const held = closeIn(buf);
    if (heldKnown.size >= 2000) heldKnown.delete(heldKnown.keys().next().value!);
    heldKnown.set(journalPath, { stamp, held });
    return held;
  } finally {
    closeSync(fd);
  }
}

/** The held ids of the last DayClosed line in `buf`; only the lines naming it are decoded. */
function closeIn(buf: Buffer): ReadonlySet<string> {
  for (let at = buf.lastIndexOf(CLOSED); at >= 0; at = at > 0 ? buf.lastIndexOf(CLOSED, at - 1) : -1) {
    const start = buf.lastIndexOf(0x0a, at) + 1;
    const nl = buf.indexOf(0x0a, at);
    try {
      const e = JSON.parse(buf.toString('utf8', start, nl < 0 ? buf.length : nl)) as HallEvent;
      if (e.type === 'DayClosed') return new Set(e.data.heldTicketIds ?? []);
    } catch {
      // A cut first line of the tail, or the words in another line's text: not the close.
    }
  }
  return new Set();
}

/** The journal file of the next day that has one, or null. */
export function nextDayFile(journalPath: string): string | null {
  const dir = dirname(journalPath);
  const me = basename(journalPath);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    // The data dir went away (a test's temp dir, a deleted dir): no next day to follow.
    return null;
  }
  const next = files.filter((f) => DAY_FILE.test(f) && f > me).sort()[0];
  return next ? join(dir, next) : null;
}

const size = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
};

/** What a closed day's compact file is checked against: its journal's size, plus the next day's while tickets were held. */
export function dayStamp(journalPath: string): number {
  return dayStampOf(journalPath).stamp;
}

/** The same, with the next day's file it counted (null when none: no ticket was held, or no next day yet). */
export function dayStampOf(journalPath: string): { stamp: number; next: string | null } {
  const own = size(journalPath);
  if (own < 0 || !heldIdsOf(journalPath).size) return { stamp: own, next: null };
  const next = nextDayFile(journalPath);
  return next ? { stamp: own + size(next), next } : { stamp: own, next: null };
}

/** The next day's events about tickets a close left in hand: an event with one of their ids. */
export function aboutHeld(held: ReadonlySet<string>, e: HallEvent): boolean {
  const d = e.data as { ticketId?: unknown };
  return typeof d.ticketId === 'string' && held.has(d.ticketId);
}

/** Feeds `add` the next day's events about the tickets this day's close left in hand. */
export function followHeld(journalPath: string, add: (e: HallEvent) => void): void {
  const held = heldIdsOf(journalPath);
  if (!held.size) return;
  const next = nextDayFile(journalPath);
  if (next) forEachJournalEvent(next, (e) => {
    if (aboutHeld(held, e)) add(e);
  });
}
