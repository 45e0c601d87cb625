import { existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { HallEvent } from '../shared/events.ts';
import { KEEP_DAYS } from '../shared/appointments.ts';
import { APPOINTMENT_EVENT_TYPES } from '../shared/lobbyEvents.ts';
import { addDays } from '../shared/time.ts';
import { writeFileDurable } from './durableFile.ts';
import { stripIdem } from './hub.ts';
import type { EventStore } from './journal.ts';

const TYPES = new Set<string>(APPOINTMENT_EVENT_TYPES);
export const isAppointmentEvent = (e: HallEvent) => TYPES.has(e.type);

/** A line saying every appointment event of the journal's days up to `day` is above it. */
interface Through {
  through: string;
}

/**
 * Bookings span days, but the hub replays only the open day's journal. This index keeps a copy
 * of every appointment event (one JSON line each) so the hub folds earlier days' bookings before
 * the open day. The journal stays the record: the index is written after the journal and is
 * rebuilt from it, so a crash between the two loses nothing — at start-up the journal days after
 * the last `through` line are read again and whatever the index lacks is added.
 */
export class AppointmentIndex {
  private readonly events: HallEvent[] = [];
  private readonly seqs = new Set<number>();
  private fh: FileHandle | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** The open day the last recorded event belonged to: a new one means the previous is complete. */
  private day: string | null;
  /** A write failed: no more `through` lines, since the index may lack what came before. */
  private broken = false;

  private constructor(
    private readonly path: string,
    private readonly journal: EventStore,
  ) {
    this.day = journal.day;
  }

  static async open(dir: string, journal: EventStore, log: (m: string) => void = () => {}): Promise<AppointmentIndex> {
    mkdirSync(dir, { recursive: true });
    const ix = new AppointmentIndex(join(dir, 'appointments.jsonl'), journal);
    const through = ix.load(log);
    // Bookings are kept KEEP_DAYS after their date (bookable up to 90 days ahead): older events go.
    const cut = journal.day ? addDays(journal.day, -(KEEP_DAYS + 100)) : '';
    if (ix.events.some((e) => e.at.slice(0, 10) < cut)) {
      const kept = ix.events.filter((e) => e.at.slice(0, 10) >= cut);
      ix.events.length = 0;
      ix.seqs.clear();
      for (const e of kept) ix.keep(e);
      const lines = [...kept.map((e) => JSON.stringify(e)), ...(through ? [JSON.stringify({ through } satisfies Through)] : [])];
      await writeFileDurable(ix.path, lines.length ? `${lines.join('\n')}\n` : '');
      log(`appointment index: bookings older than ${cut} dropped`);
    }
    // Journal days the index may not have fully seen (a crash, or the first start with an index).
    const missing: HallEvent[] = [];
    let lastDay: string | null = null;
    for (const d of journal.days()) {
      if (d === journal.day || (through !== null && d <= through) || d < cut) continue;
      for (const e of journal.readDay(d)) if (isAppointmentEvent(e) && !ix.seqs.has(e.seq)) missing.push(stripIdem(e));
      lastDay = d;
    }
    ix.fh = await open(ix.path, 'a');
    if (missing.length) log(`appointment index: ${missing.length} event(s) recovered from the journal`);
    for (const e of missing) ix.keep(e);
    const lines = missing.map((e) => JSON.stringify(e));
    if (lastDay) lines.push(JSON.stringify({ through: lastDay } satisfies Through));
    if (lines.length) await ix.write(lines);
    return ix;
  }

  /** Reads the index; a torn last line (a power cut mid-write) is cut off. Returns the last `through`. */
  private load(log: (m: string) => void): string | null {
    if (!existsSync(this.path)) return null;
    const text = readFileSync(this.path, 'utf8');
    let through: string | null = null;
    let good = 0;
    for (let start = 0; start < text.length; ) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const raw = text.slice(start, nl);
      let v: (HallEvent & Partial<Through>) | null = null;
      try {
        v = JSON.parse(raw) as HallEvent & Partial<Through>;
      } catch {
        v = null;
      }
      if (!v) break;
      if (typeof v.through === 'string') through = v.through;
      else if (typeof v.seq === 'number' && TYPES.has(v.type)) this.keep(v);
      start = nl + 1;
      good += Buffer.byteLength(raw) + 1;
    }
    if (good < Buffer.byteLength(text)) {
      log('appointment index: cut a damaged tail; the journal fills it in');
      truncateSync(this.path, good);
      // What was cut may have been anything: read the journal again from the start.
      return null;
    }
    return through;
  }

  private keep(e: HallEvent) {
    if (this.seqs.has(e.seq)) return;
    this.seqs.add(e.seq);
    this.events.push(e);
  }

  /** Appointment events journaled before `seq` (the open day's first), in seq order. */
  before(seq: number): HallEvent[] {
    return this.events.filter((e) => e.seq < seq).sort((a, b) => a.seq - b.seq);
  }

  /**
   * Called with every durable batch of events. Kept in memory at once (a failed append replays
   * from it); on disk in order, one fsync per batch.
   */
  record(events: readonly HallEvent[]): void {
    const lines: string[] = [];
    const day = this.journal.day;
    if (this.day !== null && day !== this.day && !this.broken) lines.push(JSON.stringify({ through: this.day } satisfies Through));
    this.day = day;
    for (const e of events) {
      if (!isAppointmentEvent(e) || this.seqs.has(e.seq)) continue;
      const plain = stripIdem(e);
      this.keep(plain);
      lines.push(JSON.stringify(plain));
    }
    if (lines.length) void this.write(lines);
  }

  private write(lines: string[]): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (!this.fh) return;
      await this.fh.write(lines.join('\n') + '\n');
      await this.fh.datasync();
    }).catch(() => {
      // The journal holds these events; the next start reads them back from it.
      this.broken = true;
    });
    return this.chain;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.fh?.close();
    this.fh = null;
  }
}
