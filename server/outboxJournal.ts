import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HallEvent } from '../shared/events.ts';
import { stripIdem } from './hub.ts';
import type { EventStore } from './journal.ts';

/** Lines parsed between two turns of the event loop: a backlog never holds up a counter's answer. */
const LINES_PER_TURN = 500;
const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * What the centre is sent of an event: the event as screens see it (no stored Idempotency-Key
 * answer) and without the hash of the visitor's ticket key, which only the hall needs.
 */
export function forwardable(e: HallEvent): HallEvent {
  const plain = stripIdem(e);
  const d = plain.data as unknown as Record<string, unknown>;
  if (d && 'keyHash' in d) {
    const { keyHash: _k, ...rest } = d;
    return { ...plain, data: rest } as unknown as HallEvent;
  }
  return plain;
}

/**
 * Reads the journal for the outbox, after the fact and never in the way: the open day from the
 * journal's memory (only durable events are there), older days from their files, read
 * asynchronously and parsed a few hundred lines per turn of the event loop.
 */
export class JournalReader {
  /** Last seq of each closed day file, read from its tail once. */
  private lastOfDay = new Map<string, number>();
  /** The closed day being sent, parsed once. */
  private backlog: { day: string; events: HallEvent[] } | null = null;

  constructor(
    private readonly journal: EventStore,
    private readonly dir: string,
  ) {}

  /** Up to `max` events after `seq`, in order; none when `seq` is the last durable one. */
  async after(seq: number, max: number): Promise<HallEvent[]> {
    const open = this.journal.events;
    const first = open[0]?.seq;
    if (first !== undefined && seq + 1 >= first) return open.slice(seq + 1 - first, seq + 1 - first + max).map(forwardable);
    if (seq >= this.journal.lastSeq) return [];
    for (const day of this.journal.days()) {
      if (day === this.journal.day) break;
      const last = await this.lastSeq(day);
      if (last <= seq) continue;
      if (this.backlog?.day !== day) this.backlog = { day, events: await this.parseDay(day) };
      const events = this.backlog.events;
      const from = events.findIndex((e) => e.seq > seq);
      if (from >= 0) return events.slice(from, from + max).map(forwardable);
    }
    return [];
  }

  private path(day: string) {
    return join(this.dir, `${day}.jsonl`);
  }

  /** A closed day's last seq from the last line of its file (files of closed days never change). */
  private async lastSeq(day: string): Promise<number> {
    const known = this.lastOfDay.get(day);
    if (known !== undefined) return known;
    const fh = await open(this.path(day), 'r');
    try {
      const size = (await fh.stat()).size;
      let chunk = Math.min(size, 64 * 1024);
      for (;;) {
        const buf = Buffer.alloc(chunk);
        await fh.read(buf, 0, chunk, size - chunk);
        const text = buf.toString('utf8').trimEnd();
        const nl = text.lastIndexOf('\n');
        if (nl >= 0 || chunk === size) {
          const line = text.slice(nl + 1);
          const seq = line ? (JSON.parse(line) as HallEvent).seq : 0;
          this.lastOfDay.set(day, seq);
          return seq;
        }
        chunk = Math.min(size, chunk * 4);
      }
    } finally {
      await fh.close();
    }
  }

  private async parseDay(day: string): Promise<HallEvent[]> {
    const text = await readFile(this.path(day), 'utf8');
    const out: HallEvent[] = [];
    let start = 0;
    let n = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const raw = text.slice(start, end);
      start = end + 1;
      if (raw.trim()) out.push(JSON.parse(raw) as HallEvent);
      if (++n % LINES_PER_TURN === 0) await turn();
    }
    return out;
  }
}
