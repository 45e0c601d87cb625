import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, fstatSync, ftruncateSync, statSync, writeSync, unlinkSync } from 'node:fs';
import { close as fsClose, fdatasync, fstat, ftruncate, write as fsWrite, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { HallEvent } from '../shared/events.ts';
import { syncDir, writeFileDurable } from './durableFile.ts';
import { EVENT_TYPES } from '../shared/events.ts';

/**
 * Where events live. The file journal is one implementation; a database adapter for many halls
 * would be another, behind the same small surface.
 */
export interface EventStore {
  /** The open day's file name stem (YYYY-MM-DD), or null before the first event. */
  readonly day: string | null;
  /** Events of the open day that are durable, in order. */
  readonly events: readonly HallEvent[];
  readonly lastSeq: number;
  /** Appends and resolves once the events are on disk (fdatasync). Rejects if they are not. */
  append(events: HallEvent[]): Promise<void>;
  /** Starts a new day's file; later appends go there. */
  rotate(day: string): Promise<void>;
  /** Days that have a file, oldest first. */
  days(): string[];
  /** Reads a whole day's events (for closed days and reports). */
  readDay(day: string): HallEvent[];
  close(): Promise<void>;
  /** What no restart may go behind: the last closed day, the last seq and the newest event's time. */
  readonly floor?: DayFloor;
  /** Keeps a day's close on disk apart from the day files (fsynced), before the next day starts. */
  recordClose?(day: string, seq: number, at: string): Promise<void>;
  /**
   * The open day's file and how many of its bytes are durable: exactly the lines `events` holds,
   * so another thread reading that much sees the same events and no half-written batch.
   */
  durableOpenDay?(): { path: string; bytes: number } | null;
}

/**
 * The floor under a restart. A closed day never reopens and a seq or ticket number is never given
 * twice, whatever the newest day file holds (nothing, when the hub was killed between creating it
 * and writing its first line; a torn line; a file moved away) and whatever the clock says.
 */
export interface DayFloor {
  closedDay: string | null;
  seq: number;
  /** The newest durable event's time in any day file or the floor file. */
  lastAt: string | null;
}

const FLOOR_FILE = 'floor.json';

export class JournalError extends Error {}

/**
 * The journal's directory or open file is no longer the one on disk (deleted, moved or replaced
 * while the hub runs): nothing written now would survive, so nothing is written until a restart.
 */
export class StorageLostError extends JournalError {}

export type OpenFile = (path: string, flags: 'a') => Promise<FileHandle>;

interface Pending {
  text: string;
  events: HallEvent[];
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * One append-only JSON-lines file per business day. Appends that arrive while a write is in
 * flight are written and fsynced together (group commit), so throughput is bounded by the disk's
 * sync rate times the batch size, not by the sync rate alone.
 */
export class FileJournal implements EventStore {
  private fh: FileHandle | null = null;
  private size = 0;
  private queue: Pending[] = [];
  private flushing = false;
  /** Off only to measure the design without it: then every append gets its own fsync. */
  private groupCommit = true;
  /** A write failed since the file was opened: its durable length is `size`, whatever is on disk. */
  private failedWrite = false;
  private closed = false;
  private current: HallEvent[] = [];
  private seq = 0;
  private openDay: string | null = null;
  /** Lines cut from a torn tail at open, reported once at start-up. */
  readonly repairs: string[] = [];
  floor: DayFloor = { closedDay: null, seq: 0, lastAt: null };
  /** The journal directory as opened (device and inode); a different one means it was replaced. */
  private dirId = '';
  /** Why writing stopped for good, once the directory or file was found gone. */
  lost: string | null = null;
  /**
   * Handles kept from the start so the journal never needs a new one when the process is short of
   * them (a thousand held sockets): the directory (synced when a day file is created) and a spare
   * given up for the moment a new day's file is opened.
   */
  private dirFd: number | null = null;
  private spareFd: number | null = null;

  private constructor(
    private readonly dir: string,
    /** How day files are opened for appending; fault tests wrap it to make the disk fail. */
    private readonly openFile: OpenFile,
  ) {}

  static async open(dir: string, openFile: OpenFile = open, opts: { groupCommit?: boolean } = {}): Promise<FileJournal> {
    mkdirSync(dir, { recursive: true });
    const j = new FileJournal(dir, openFile);
    j.groupCommit = opts.groupCommit ?? true;
    j.dirId = fileId(dir) ?? '';
    j.dirFd = openQuiet(dir);
    j.spareFd = openQuiet(dir);
    const days = j.days();
    const last = days.at(-1);
    if (last) {
      j.repairTail(last);
      j.current = j.readDay(last);
      j.openDay = last;
      j.seq = j.current.at(-1)?.seq ?? j.lastSeqBefore(days.slice(0, -1));
      j.fh = await openFile(j.path(last), 'a');
      j.size = (await j.fh.stat()).size;
    }
    j.floor = maxFloor(j.derivedFloor(days), j.readFloorFile());
    // Day files lost or cut back behind the floor: numbering goes on from the floor, never again from below it.
    j.seq = Math.max(j.seq, j.floor.seq);
    return j;
  }

  /** The newest non-empty day file's last event: its time, its seq, and its close if it is one. */
  private derivedFloor(days: string[]): DayFloor {
    for (let i = days.length - 1; i >= 0; i--) {
      const ev = days[i] === this.openDay ? this.current : this.readDay(days[i]!);
      const last = ev.at(-1);
      if (!last) continue;
      return { closedDay: last.type === 'DayClosed' ? last.data.businessDay : null, seq: last.seq, lastAt: last.at };
    }
    return { closedDay: null, seq: 0, lastAt: null };
  }

  private readFloorFile(): DayFloor | null {
    const p = join(this.dir, FLOOR_FILE);
    if (!existsSync(p)) return null;
    try {
      const f = JSON.parse(readFileSync(p, 'utf8')) as DayFloor;
      if (typeof f.seq !== 'number' || (f.closedDay !== null && typeof f.closedDay !== 'string')) throw new Error('not a floor');
      return f;
    } catch (e) {
      throw new JournalError(`${p}: damaged (${(e as Error).message}). It records the last closed business day; restore it from backup, or delete it if every day file is intact.`);
    }
  }

  async recordClose(day: string, seq: number, at: string): Promise<void> {
    const next = maxFloor(this.floor, { closedDay: day, seq, lastAt: at });
    await writeFileDurable(join(this.dir, FLOOR_FILE), JSON.stringify(next));
    this.floor = next;
  }

  get day() {
    return this.openDay;
  }
  get events(): readonly HallEvent[] {
    return this.current;
  }
  get lastSeq() {
    return this.seq;
  }

  durableOpenDay(): { path: string; bytes: number } | null {
    return this.openDay ? { path: this.path(this.openDay), bytes: this.size } : null;
  }

  days(): string[] {
    let files: string[];
    try {
      files = readdirSync(this.dir);
    } catch {
      // The directory is gone (deleted under a running hub): no day is on disk; writes are refused.
      return [];
    }
    return files
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))
      .map((f) => f.slice(0, 10))
      .sort();
  }

  private path(day: string) {
    return join(this.dir, `${day}.jsonl`);
  }

  private lastSeqBefore(days: string[]): number {
    for (let i = days.length - 1; i >= 0; i--) {
      const ev = this.readDay(days[i]!);
      if (ev.length) return ev.at(-1)!.seq;
    }
    return 0;
  }

  /** A crash mid-write leaves a last line without its newline: cut it, it was never answered. */
  private repairTail(day: string) {
    const p = this.path(day);
    const fd = openSync(p, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return;
      const chunk = Math.min(size, 1 << 20);
      const buf = Buffer.alloc(chunk);
      readSync(fd, buf, 0, chunk, size - chunk);
      if (buf[chunk - 1] === 0x0a) return;
      const nl = buf.lastIndexOf(0x0a);
      const keep = nl < 0 ? size - chunk : size - chunk + nl + 1;
      if (nl < 0 && size > chunk) throw new JournalError(`${p}: last line longer than 1 MiB without a newline; refusing to guess`);
      this.repairs.push(`${p}: cut ${size - keep} bytes of a torn last line`);
      ftruncateSync(fd, keep);
    } finally {
      closeSync(fd);
    }
  }

  readDay(day: string): HallEvent[] {
    const p = this.path(day);
    if (!existsSync(p)) return [];
    if (day === this.openDay && this.current.length) return this.current.slice();
    return parseJournal(readFileSync(p, 'utf8'), p);
  }

  append(events: HallEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new JournalError('journal closed'));
    if (this.lost) return Promise.reject(new StorageLostError(this.lost));
    if (!this.openDay) return Promise.reject(new JournalError('no day open'));
    let text = '';
    for (const e of events) text += JSON.stringify(e) + '\n';
    return new Promise((resolve, reject) => {
      this.queue.push({ text, events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length) {
      const batch = this.groupCommit ? this.queue : this.queue.splice(0, 1);
      if (this.groupCommit) this.queue = [];
      const buf = Buffer.from(batch.map((p) => p.text).join(''), 'utf8');
      const lost = await this.storageGone();
      if (lost) {
        this.lost = lost;
        const failed = batch.concat(this.queue);
        this.queue = [];
        for (const p of failed) p.reject(new StorageLostError(lost));
        continue;
      }
      try {
        // A new day's file is created by its first event, so idle days leave no empty files.
        if (!this.fh) {
          this.fh = await this.openDayFile(this.path(this.openDay!));
          const onDisk = (await this.fh.stat()).size;
          // A file just created is only findable after a power cut once its directory entry is synced.
          if (onDisk === 0) this.syncDirectory();
          if (this.failedWrite && onDisk > this.size) {
            // A failed write left bytes behind that truncation could not remove: cut them now.
            await this.fh.truncate(this.size);
          } else {
            this.size = onDisk;
          }
          this.failedWrite = false;
        }
        const fh = this.fh;
        let off = 0;
        while (off < buf.length) off += (await fh.write(buf, off, buf.length - off)).bytesWritten;
        await fh.datasync();
        this.size += buf.length;
        for (const p of batch) {
          for (const e of p.events) this.current.push(e);
          this.seq = p.events.at(-1)?.seq ?? this.seq;
          p.resolve();
        }
      } catch (err) {
        // Nothing of this batch (nor what queued behind it) was answered: cut the file back to
        // what was durable so the journal never holds a half-written or unanswered event.
        const e = new JournalError(`journal write failed: ${(err as Error).message}`);
        try {
          await this.fh?.truncate(this.size);
        } catch {
          /* the next open repairs a torn tail */
        }
        this.failedWrite = true;
        // Reopen on the next append: the file may have been moved, remounted or repaired meanwhile.
        try {
          await this.fh?.close();
        } catch {
          /* already unusable */
        }
        this.fh = null;
        const failed = batch.concat(this.queue);
        this.queue = [];
        for (const p of failed) p.reject(e);
      }
    }
    this.flushing = false;
  }

  /** Opens a day file; out of handles, the spare kept for this is given up and taken back after. */
  private async openDayFile(path: string): Promise<FileHandle> {
    try {
      return await this.openFile(path, 'a');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'EMFILE' && code !== 'ENFILE') || this.spareFd === null) throw e;
      // Synchronously, so no connection accepted in between can take the handle just freed.
      closeSync(this.spareFd);
      this.spareFd = null;
      const fh = fdHandle(openSync(path, 'a'));
      this.spareFd = openQuiet(this.dir);
      return fh;
    }
  }

  private syncDirectory() {
    if (this.dirFd === null) return syncDir(this.dir);
    try {
      fsyncSync(this.dirFd);
    } catch {
      // Some file systems refuse to sync a directory; the file's own fsync still stands.
    }
  }

  /**
   * One stat per batch (a group commit shares it): the directory must be the one opened and the
   * open day file must still have a name. A write to an unlinked file succeeds and is lost.
   */
  private async storageGone(): Promise<string | null> {
    if (this.lost) return this.lost;
    const id = fileId(this.dir);
    if (id !== this.dirId) {
      return `the journal directory ${this.dir} was ${id === null ? 'deleted' : 'replaced'} while the hub was running; nothing more is saved until the hub is restarted (restore the data dir from backup first)`;
    }
    if (this.fh) {
      try {
        if ((await this.fh.stat()).nlink === 0) return `the journal file of ${this.openDay} was deleted while the hub was running; nothing more is saved until the hub is restarted`;
      } catch {
        /* a failing stat shows up as a failing write below */
      }
    }
    return null;
  }

  async rotate(day: string): Promise<void> {
    if (day === this.openDay) return;
    await this.drain();
    await this.fh?.close();
    this.fh = null;
    this.openDay = day;
    this.current = [];
    this.size = 0;
    this.failedWrite = false;
  }

  private async drain() {
    while (this.flushing || this.queue.length) await new Promise((r) => setTimeout(r, 1));
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.fh?.close();
    this.fh = null;
    for (const fd of [this.dirFd, this.spareFd]) if (fd !== null) closeSync(fd);
    this.dirFd = this.spareFd = null;
  }
}

function maxFloor(a: DayFloor, b: DayFloor | null): DayFloor {
  if (!b) return a;
  const later = (x: string | null, y: string | null) => (x === null ? y : y === null ? x : Date.parse(x) >= Date.parse(y) ? x : y);
  return {
    closedDay: a.closedDay === null ? b.closedDay : b.closedDay === null ? a.closedDay : a.closedDay > b.closedDay ? a.closedDay : b.closedDay,
    seq: Math.max(a.seq, b.seq),
    lastAt: later(a.lastAt, b.lastAt),
  };
}

/** Parses a day file; a damaged line stops the hub with its place, never a silent skip. */
export function parseJournal(text: string, name: string): HallEvent[] {
  const out: HallEvent[] = [];
  const types = new Set<string>(EVENT_TYPES);
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end);
    start = end + 1;
    if (!raw.trim()) continue;
    let e: HallEvent;
    try {
      e = JSON.parse(raw) as HallEvent;
    } catch {
      throw new JournalError(`${name}:${line}: damaged journal line (not JSON). Restore the file from backup or move the damaged line aside; nothing after it can be trusted automatically.`);
    }
    if (typeof e?.seq !== 'number' || !types.has(e.type) || typeof e.at !== 'string') {
      throw new JournalError(`${name}:${line}: damaged journal line (not an event)`);
    }
    const prev = out.at(-1);
    if (prev && e.seq !== prev.seq + 1) throw new JournalError(`${name}:${line}: seq ${e.seq} follows ${prev.seq}; the journal has a gap`);
    out.push(e);
  }
  return out;
}

/** The few FileHandle methods the journal uses, over a descriptor opened synchronously. */
function fdHandle(fd: number): FileHandle {
  const p = <T>(fn: (cb: (err: NodeJS.ErrnoException | null, v?: T) => void) => void) =>
    new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));
  const h = {
    fd,
    write: (buf: Buffer, off: number, len: number) => p<number>((cb) => fsWrite(fd, buf, off, len, null, cb)).then((bytesWritten) => ({ bytesWritten, buffer: buf })),
    datasync: () => p<void>((cb) => fdatasync(fd, cb)),
    stat: () => p<Stats>((cb) => fstat(fd, cb)),
    truncate: (len: number) => p<void>((cb) => ftruncate(fd, len, cb)),
    close: () => p<void>((cb) => fsClose(fd, cb)),
  };
  return h as unknown as FileHandle;
}

/** A read handle on a path (a directory), or null where the system does not give one (Windows). */
function openQuiet(path: string): number | null {
  try {
    return openSync(path, 'r');
  } catch {
    return null;
  }
}

/** Device and inode of a path, or null when it is gone. */
function fileId(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** One hub per data dir: a lock file holds the owner's pid; a dead owner's lock is taken over. */
const heldHere = new Set<string>();
/** How often a running hub checks that its lock file is still its own. */
const LOCK_CHECK_MS = 500;

export function acquireLock(dataDir: string): () => void {
  const p = join(dataDir, 'hub.lock');
  // A pid check cannot tell two hubs of this same process apart; remember our own locks.
  if (heldHere.has(p)) throw new JournalError(`data dir ${dataDir} is in use by another hub (this process)`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(p, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } catch (e) {
        // A full disk: leave no empty lock behind for the next start to puzzle over.
        closeSync(fd);
        unlinkSync(p);
        throw e;
      }
      closeSync(fd);
      heldHere.add(p);
      const watch = watchLock(dataDir, p);
      return () => {
        clearInterval(watch);
        heldHere.delete(p);
        try {
          unlinkSync(p);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(p, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new JournalError(`data dir ${dataDir} is in use by another hub (pid ${pid})`);
      }
      unlinkSync(p);
    }
  }
  throw new JournalError(`could not lock ${dataDir}`);
}

/**
 * The data dir deleted (or its lock removed) while this hub runs: put the lock back at once, so a
 * second hub started on the same path refuses to run beside this one. This hub's journal notices
 * the loss on its next write and refuses it (StorageLostError).
 */
function watchLock(dataDir: string, p: string): NodeJS.Timeout {
  let id = fileId(p);
  const t = setInterval(() => {
    const now = fileId(p);
    if (now !== null && now === id) return;
    try {
      mkdirSync(dataDir, { recursive: true });
      const fd = openSync(p, now === null ? 'wx' : 'w');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      id = fileId(p);
      console.error(`hall hub: the lock file ${p} was removed while this hub was running; it is back, and nothing more is saved until a restart`);
    } catch {
      /* another process took it in between: its own lock check refuses it while we live */
    }
  }, LOCK_CHECK_MS);
  t.unref();
  return t;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
