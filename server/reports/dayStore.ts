import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HallEvent } from '../../shared/events.ts';
import { dayFacts, dayFactsFold } from '../../shared/reports/dayFacts.ts';
import { toColumns, type DayColumns } from '../../shared/reports/dayColumns.ts';
import { TicketFold, ticketTimes } from '../../shared/reports/ticketTimes.ts';
import type { Hub } from '../hub.ts';
import { readDayFile, writeDayFile } from './compactFile.ts';
import { forEachJournalEvent } from './journalLines.ts';
import { aboutHeld, dayStampOf, followHeld } from './heldOverDays.ts';
import { heldAtClose } from '../heldOver.ts';
import { foldPool } from './foldPool.ts';

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Ticket columns per business day, from the cheapest place that is still right:
 *   the open day      → folded from the live events on every new event (it is small);
 *   a closed day      → memory, else its compact file, else folded once from its journal and
 *                       written as a compact file.
 * A closed day's entry is checked against its journal's size, so a journal that changed (the
 * day's close was journaled late, a repair) is folded again.
 */
export class DayStore {
  private readonly memory = new Map<string, { cols: DayColumns; journalSize: number }>();
  private live: { seq: number; minute: number; cols: DayColumns } | null = null;
  /**
   * Closed days' stamps (see `journalSize`), kept while the journal's open day is the same: every
   * wait report checks each of its days, and stating and opening a year of files on the hub's
   * thread at each question held tickets and calls up while a manager's screen kept asking.
   */
  private stamps: { open: string | null; known: Map<string, number> } = { open: null, known: new Map() };
  /** Days folded from journals / read from compact files since start: for the benchmark and the log. */
  readonly counters = { folded: 0, readCompact: 0, fromMemory: 0 };

  constructor(
    private readonly hub: Hub,
    /** The hub's data dir; without one, compact days are kept in memory only. */
    private readonly dataDir?: string,
  ) {
    // Compact a day as soon as it closes, so the first report over it never waits for the journal.
    hub.onEvents((events) => {
      const closed = events.find((e) => e.type === 'DayClosed');
      if (closed?.type === 'DayClosed') {
        const day = closed.data.businessDay;
        // Compacting the closed day is only a head start for the first report, which folds it
        // anyway: a failure here (the data dir gone, the hub closing) must not surface as an error.
        setTimeout(() => void this.prepare(day, day).then(() => this.safeDay(day)).catch(() => undefined), 50).unref();
      }
    });
  }

  private get reportsDir(): string | null {
    return this.dataDir ? join(this.dataDir, 'reports') : null;
  }

  private journalSize(day: string): number {
    if (!this.dataDir) return this.hub.journal.readDay(day).length + this.heldEndsInMemory(day).length;
    const open = this.hub.journal.day;
    if (this.stamps.open !== open) this.stamps = { open, known: new Map() };
    const kept = this.stamps.known.get(day);
    if (kept !== undefined) return kept;
    // Plus the next day's size while this day's close left tickets in hand (server/reports/heldOverDays.ts).
    const dir = join(this.dataDir, 'journal');
    const { stamp, next } = dayStampOf(join(dir, `${day}.jsonl`));
    // The hub writes only its open day's file: a day before it, and the next day it counts when that
    // is not the open day either, stay as they are while the open day is the same one.
    if (open && day < open && stamp >= 0 && (!next || next < join(dir, `${open}.jsonl`))) this.stamps.known.set(day, stamp);
    return stamp;
  }

  private serves(): Record<string, string[]> {
    return Object.fromEntries(this.hub.config.windows.map((w) => [w.id, w.serviceIds]));
  }

  /** Whether a day is over: before the open day, or the open day after its close was journaled. */
  private isClosed(day: string): boolean {
    const open = this.hub.journal.day;
    if (open === null || day < open) return true;
    if (day > open) return false;
    return this.hub.journal.events.at(-1)?.type === 'DayClosed' || day < this.hub.today();
  }

  /**
   * Folds the closed days of [from, to] that are neither in memory nor in a compact file, in the
   * report worker, one after another; afterwards `range` reads only memory and compact files, a
   * day at a time between other requests. The first report over months of journals thus never
   * holds the hub's thread for more than one compact file's read.
   */
  async prepare(from: string, to: string): Promise<void> {
    if (!this.dataDir || !this.reportsDir) return;
    for (const day of this.hub.journal.days()) {
      if (day < from || day > to || day === this.hub.journal.day) continue;
      const size = this.journalSize(day);
      // A day already in memory costs nothing here; one read from its compact file gives way after.
      if (size < 0 || this.memory.get(day)?.journalSize === size) continue;
      if (this.cached(day, size)) {
        await turn();
        continue;
      }
      try {
        mkdirSync(this.reportsDir, { recursive: true });
        await foldPool.fold({ day, journalPath: join(this.dataDir, 'journal', `${day}.jsonl`), reportPath: join(this.reportsDir, `${day}.bin`), serves: this.serves() });
        this.cached(day, size);
      } catch (e) {
        // `range` folds it here instead, as before the worker.
        this.hub.log(`report worker could not fold ${day}: ${(e as Error).message}`);
      }
    }
  }

  /** A closed day from memory or its compact file (kept in memory then), without folding it. */
  private cached(day: string, size: number): boolean {
    if (this.memory.get(day)?.journalSize === size) return true;
    const onDisk = this.reportsDir ? readDayFile(join(this.reportsDir, `${day}.bin`)) : null;
    if (!onDisk || onDisk.journalSize !== size || onDisk.day.day !== day) return false;
    this.memory.set(day, { cols: onDisk.day, journalSize: size });
    return true;
  }

  /** The days that have a journal within [from, to], in order, as columns. */
  range(from: string, to: string): DayColumns[] {
    const out: DayColumns[] = [];
    for (const day of this.hub.journal.days()) {
      if (day < from || day > to) continue;
      const d = this.day(day);
      if (d) out.push(d);
    }
    return out;
  }

  /**
   * Where the report worker finds each day of [from, to]: a closed day's compact file with the
   * journal size it must match, or the open day's columns (folded here from the live events).
   * Null without a data dir: the days then exist in memory only and `range` must be used.
   */
  sources(from: string, to: string): ({ day: string; file: string; journalSize: number } | { day: string; live: DayColumns })[] | null {
    if (!this.reportsDir) return null;
    const out: ({ day: string; file: string; journalSize: number } | { day: string; live: DayColumns })[] = [];
    for (const day of this.hub.journal.days()) {
      if (day < from || day > to) continue;
      if (!this.isClosed(day)) {
        const live = this.liveDay(day);
        if (live) out.push({ day, live });
        continue;
      }
      const size = this.journalSize(day);
      if (size >= 0) out.push({ day, file: join(this.reportsDir, `${day}.bin`), journalSize: size });
    }
    return out;
  }

  day(day: string): DayColumns | null {
    if (!this.isClosed(day)) return this.liveDay(day);
    const size = this.journalSize(day);
    if (size < 0) return null;
    const mem = this.memory.get(day);
    if (mem && mem.journalSize === size) {
      this.counters.fromMemory += 1;
      return mem.cols;
    }
    const path = this.reportsDir ? join(this.reportsDir, `${day}.bin`) : null;
    const onDisk = path ? readDayFile(path) : null;
    if (onDisk && onDisk.journalSize === size && onDisk.day.day === day) {
      this.counters.readCompact += 1;
      this.memory.set(day, { cols: onDisk.day, journalSize: size });
      return onDisk.day;
    }
    const cols = this.fold(day);
    this.counters.folded += 1;
    if (path) {
      try {
        mkdirSync(this.reportsDir!, { recursive: true });
        writeDayFile(path, cols, size);
        // Keep what the file holds rather than the folded objects: the same figures, far less memory.
        const back = readDayFile(path);
        if (back) {
          this.memory.set(day, { cols: back.day, journalSize: size });
          return back.day;
        }
      } catch (e) {
        this.hub.log(`report cache for ${day} not written: ${(e as Error).message}`);
      }
    }
    this.memory.set(day, { cols, journalSize: size });
    return cols;
  }

  /**
   * A closed day folded from its journal. Past days are read a line at a time (see journalLines);
   * the open day's events are in memory anyway.
   */
  private fold(day: string): DayColumns {
    const tickets = new TicketFold();
    const facts = dayFactsFold(this.serves());
    const add = (e: HallEvent) => {
      tickets.add(e);
      facts.add(e);
    };
    if (this.dataDir && day !== this.hub.journal.day) {
      const path = join(this.dataDir, 'journal', `${day}.jsonl`);
      forEachJournalEvent(path, add);
      followHeld(path, (e) => tickets.add(e));
    } else {
      for (const e of this.hub.journal.readDay(day)) add(e);
      for (const e of this.heldEndsInMemory(day)) tickets.add(e);
    }
    return toColumns(day, tickets.rows({ closed: true }), facts.finish());
  }

  /** Without a data dir: the next day's events about tickets this day's close left in hand. */
  private heldEndsInMemory(day: string): HallEvent[] {
    const events = this.hub.journal.readDay(day);
    const held = heldAtClose(events);
    const next = this.hub.journal.days().find((d) => d > day);
    return held.size && next ? this.hub.journal.readDay(next).filter((e) => aboutHeld(held, e)) : [];
  }

  private safeDay(day: string) {
    try {
      this.day(day);
    } catch (e) {
      this.hub.log(`report cache for ${day} failed: ${(e as Error).message}`);
    }
  }

  /** Today is folded from the live events; refolded on a new event or once a minute for idle time. */
  private liveDay(day: string): DayColumns | null {
    if (this.hub.journal.day !== day) return null;
    const now = this.hub.clock.now();
    const seq = this.hub.journal.lastSeq;
    const minute = Math.floor(now / 60_000);
    if (this.live && this.live.seq === seq && this.live.minute === minute && this.live.cols.day === day) return this.live.cols;
    const events = this.hub.journal.events as readonly HallEvent[];
    const cols = toColumns(day, ticketTimes(events), dayFacts(events, this.serves(), now));
    this.live = { seq, minute, cols };
    return cols;
  }
}
