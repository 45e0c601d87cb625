import { closeSync, openSync, readSync } from 'node:fs';
import { EVENT_TYPES, type HallEvent } from '../../shared/events.ts';
import { JournalError } from '../journal.ts';

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;
const types = new Set<string>(EVENT_TYPES);
/** One read buffer for every day folded (reads are synchronous, so never two at once). */
let shared = Buffer.allocUnsafe(CHUNK);

/**
 * Hands a day's journal to `each` one event at a time, reading the file in 1 MiB chunks. A busy
 * day is 3 MB of text and 15,000 events; parsed into one array they outlive many young-generation
 * collections and are promoted, so a year folded that way grows the heap by hundreds of
 * megabytes. Parsed a line at a time, each event dies young. The same checks as the journal's
 * own reader: a damaged line or a gap in the sequence is an error, never silently skipped.
 */
export function forEachJournalEvent(path: string, each: (e: HallEvent) => void): void {
  const fd = openSync(path, 'r');
  try {
    let buf = shared;
    /** Bytes of an unfinished line carried from the previous chunk, at the start of `buf`. */
    let carry = 0;
    let line = 0;
    let prevSeq: number | null = null;
    const parse = (start: number, end: number) => {
      line += 1;
      const raw = buf.toString('utf8', start, end);
      if (!raw.trim()) return;
      let e: HallEvent;
      try {
        e = JSON.parse(raw) as HallEvent;
      } catch {
        throw new JournalError(`${path}:${line}: damaged journal line (not JSON)`);
      }
      if (typeof e?.seq !== 'number' || !types.has(e.type) || typeof e.at !== 'string') {
        throw new JournalError(`${path}:${line}: damaged journal line (not an event)`);
      }
      if (prevSeq !== null && e.seq !== prevSeq + 1) throw new JournalError(`${path}:${line}: seq ${e.seq} follows ${prevSeq}; the journal has a gap`);
      prevSeq = e.seq;
      each(e);
    };
    for (;;) {
      if (carry === buf.length) {
        // One line longer than the buffer: grow it rather than cut an event in two.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
        shared = bigger;
      }
      const got = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + got;
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, start); nl >= 0 && nl < end; nl = buf.indexOf(NEWLINE, start)) {
        parse(start, nl);
        start = nl + 1;
      }
      if (got === 0) {
        // A last line without its newline counts, as it does for the journal's own reader.
        if (end > start) parse(start, end);
        return;
      }
      buf.copy(buf, 0, start, end);
      carry = end - start;
    }
  } finally {
    closeSync(fd);
  }
}
