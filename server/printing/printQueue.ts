import { existsSync, readFileSync } from 'node:fs';
import { writeFileDurableSync } from '../durableFile.ts';

/** One ticket waiting to come out of a kiosk's printer. */
export interface PrintJob {
  kioskId: string;
  ticketId: string;
  /** Asked for again (reprint endpoint): printed whatever the ticket's status. */
  reprint: boolean;
  attempts: number;
  lastError: string | null;
}

export interface PrinterState {
  kioskId: string;
  name: string;
  /** tcp://host:port, or null when the kiosk has no printer. */
  printer: string | null;
  configured: boolean;
  ok: boolean;
  pendingJobs: number;
  lastError: string | null;
  lastPrintedAt: string | null;
}

export interface PrintQueueDeps {
  kiosks: { id: string; name: string; printer: string | null }[];
  /** The bytes of a job, or null when it should no longer be printed (ticket gone or already called). */
  render: (job: PrintJob) => Buffer | null;
  send: (address: string, data: Buffer) => Promise<void>;
  /** Checks that the printer takes a connection, printing nothing. */
  probe: (address: string) => Promise<void>;
  /** Delay before the next try after `failures` failures in a row. */
  backoffMs: (failures: number) => number;
  /** Where pending jobs are kept across restarts. */
  file: string;
  now: () => string;
  log: (msg: string) => void;
  onChange: (state: PrinterState) => void;
}

/** Jobs kept per kiosk at most; beyond that the oldest are dropped (their tickets are long called). */
const MAX_JOBS = 200;

export const defaultBackoff = (failures: number) => [1000, 2000, 5000, 10_000, 30_000][failures - 1] ?? 60_000;

interface KioskQueue {
  state: PrinterState;
  jobs: PrintJob[];
  failures: number;
  timer: NodeJS.Timeout | null;
  sending: Promise<void> | null;
  /** Bumped on every change, so a slow probe cannot overwrite what a print found out since. */
  generation: number;
}

/**
 * A print queue per kiosk. Jobs are sent one at a time in order, except that a fresh job goes
 * before ones that already failed: its visitor is standing at the kiosk. A failure keeps the job
 * (in memory and in `file`) and retries the kiosk's queue after a growing delay; a new job or a
 * reprint tries at once. Nothing here throws into the caller.
 */
export class PrintQueues {
  private readonly queues = new Map<string, KioskQueue>();
  private closed = false;
  /** What the file holds now; null until first written or read. */
  private saved: string | null = null;

  constructor(private readonly deps: PrintQueueDeps) {
    for (const k of deps.kiosks) {
      this.queues.set(k.id, {
        state: { kioskId: k.id, name: k.name, printer: k.printer, configured: k.printer !== null, ok: k.printer !== null, pendingJobs: 0, lastError: null, lastPrintedAt: null },
        jobs: [], failures: 0, timer: null, sending: null, generation: 0,
      });
    }
    for (const job of this.load()) {
      const q = this.queues.get(job.kioskId);
      if (!q?.state.configured) continue;
      q.jobs.push(job);
      q.state.ok = false;
      q.state.lastError = job.lastError ?? 'not printed before the hub restarted';
    }
    for (const q of this.queues.values()) q.state.pendingJobs = q.jobs.length;
  }

  has(kioskId: string): boolean {
    return this.queues.has(kioskId);
  }

  state(kioskId: string): PrinterState | undefined {
    const q = this.queues.get(kioskId);
    return q ? { ...q.state } : undefined;
  }

  all(): PrinterState[] {
    return [...this.queues.values()].map((q) => ({ ...q.state }));
  }

  /** Sends whatever was left from before a restart. */
  resume() {
    for (const [id, q] of this.queues) if (q.jobs.length) this.pump(id);
  }

  /** Queues a ticket for a kiosk's printer and tries at once. False when the kiosk has no printer. */
  enqueue(kioskId: string, ticketId: string, reprint = false): boolean {
    const q = this.queues.get(kioskId);
    if (!q?.state.configured || this.closed) return false;
    const existing = q.jobs.find((j) => j.ticketId === ticketId);
    if (existing) {
      // Asking again moves it to the front as a fresh job rather than printing it twice.
      existing.attempts = 0;
      existing.reprint ||= reprint;
    } else {
      q.jobs.push({ kioskId, ticketId, reprint, attempts: 0, lastError: null });
      if (q.jobs.length > MAX_JOBS) q.jobs.splice(0, q.jobs.length - MAX_JOBS);
    }
    this.changed(q);
    this.pump(kioskId);
    return true;
  }

  /**
   * Checks idle printers so a kiosk learns of trouble before a visitor takes a ticket, and of the
   * repair without one. Printers with jobs waiting are left to the retry, which says the same.
   */
  async probeIdle(): Promise<void> {
    await Promise.all([...this.queues.values()].map(async (q) => {
      if (!q.state.configured || q.jobs.length || q.sending || this.closed) return;
      const gen = q.generation;
      let error: string | null = null;
      try {
        await this.deps.probe(q.state.printer!);
      } catch (e) {
        error = (e as Error).message;
      }
      if (gen !== q.generation || q.jobs.length || q.sending || this.closed) return;
      if (q.state.ok === (error === null) && q.state.lastError === error) return;
      q.state.ok = error === null;
      q.state.lastError = error;
      this.changed(q);
    }));
  }

  /** Stops retrying and waits for a send in flight; pending jobs stay in the file. */
  async close() {
    this.closed = true;
    for (const q of this.queues.values()) {
      if (q.timer) clearTimeout(q.timer);
      q.timer = null;
    }
    await Promise.all([...this.queues.values()].map((q) => q.sending));
  }

  private pump(kioskId: string) {
    const q = this.queues.get(kioskId)!;
    if (q.sending || this.closed || !q.jobs.length) return;
    if (q.timer) clearTimeout(q.timer);
    q.timer = null;
    q.sending = this.drain(q).catch((e: Error) => this.deps.log(`print queue of ${kioskId} stopped: ${e.message}`)).finally(() => {
      q.sending = null;
      // A job may have arrived while the last send was failing.
      if (!this.closed && q.jobs.some((j) => j.attempts === 0)) this.pump(kioskId);
    });
  }

  private async drain(q: KioskQueue) {
    const address = q.state.printer!;
    while (q.jobs.length && !this.closed) {
      const job = q.jobs.find((j) => j.attempts === 0) ?? q.jobs[0]!;
      let data: Buffer | null;
      try {
        data = this.deps.render(job);
      } catch (e) {
        this.deps.log(`ticket ${job.ticketId} could not be laid out for printing: ${(e as Error).message}`);
        data = null;
      }
      if (!data) {
        this.remove(q, job);
        continue;
      }
      try {
        await this.deps.send(address, data);
      } catch (e) {
        job.attempts++;
        job.lastError = (e as Error).message;
        q.failures++;
        q.state.ok = false;
        q.state.lastError = job.lastError;
        this.deps.log(`printer of kiosk ${q.state.kioskId} failed (${q.state.lastError}); ${q.jobs.length} ticket(s) kept`);
        this.changed(q);
        if (!this.closed) {
          q.timer = setTimeout(() => {
            q.timer = null;
            this.pump(q.state.kioskId);
          }, this.deps.backoffMs(q.failures));
          q.timer.unref();
        }
        return;
      }
      q.failures = 0;
      q.state.ok = true;
      q.state.lastError = null;
      q.state.lastPrintedAt = this.deps.now();
      this.remove(q, job);
    }
  }

  private remove(q: KioskQueue, job: PrintJob) {
    const i = q.jobs.indexOf(job);
    if (i >= 0) q.jobs.splice(i, 1);
    this.changed(q);
  }

  private changed(q: KioskQueue) {
    q.generation++;
    q.state.pendingJobs = q.jobs.length;
    this.save();
    this.deps.onChange({ ...q.state });
  }

  private load(): PrintJob[] {
    try {
      // No file reads as no jobs: nothing to write until a print fails.
      this.saved = JSON.stringify({ version: 1, jobs: [] });
      if (!existsSync(this.deps.file)) return [];
      const text = readFileSync(this.deps.file, 'utf8');
      const raw = JSON.parse(text) as { jobs?: unknown };
      this.saved = text;
      if (!Array.isArray(raw.jobs)) return [];
      return raw.jobs.filter(isJob).map((j) => ({ ...j, attempts: Math.max(1, j.attempts) }));
    } catch (e) {
      this.deps.log(`print queue file unreadable, starting empty: ${(e as Error).message}`);
      return [];
    }
  }

  /**
   * Keeps the jobs that have failed at least once; a fresh job is printed within moments and its
   * ticket is on the kiosk's screen anyway, so a healthy printer costs no disk writes. The small
   * file is rewritten whole through a temp file so a crash never leaves half of it.
   */
  private save() {
    const jobs = [...this.queues.values()].flatMap((q) => q.jobs.filter((j) => j.attempts > 0 || j.lastError !== null));
    const text = JSON.stringify({ version: 1, jobs });
    if (text === this.saved) return;
    try {
      writeFileDurableSync(this.deps.file, text);
      this.saved = text;
    } catch (e) {
      this.deps.log(`print queue not saved: ${(e as Error).message}`);
    }
  }
}

function isJob(x: unknown): x is PrintJob {
  const j = x as PrintJob;
  return typeof j === 'object' && j !== null && typeof j.kioskId === 'string' && typeof j.ticketId === 'string'
    && typeof j.reprint === 'boolean' && Number.isInteger(j.attempts) && (j.lastError === null || typeof j.lastError === 'string');
}
