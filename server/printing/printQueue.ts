import { existsSync, readFileSync } from 'node:fs';
import { writeFileDurableSync } from '../durableFile.ts';
import { isFaultCode, printerFault, type PrinterFault, type PrinterFaultCode } from './faults.ts';
import type { PrinterReport } from './tcpSend.ts';

/** One ticket waiting to come out of a kiosk's printer. */
export interface PrintJob {
  kioskId: string;
  ticketId: string;
  /** Asked for again (reprint endpoint): printed whatever the ticket's status. */
  reprint: boolean;
  attempts: number;
  /** Technical detail of the last failure. */
  lastError: string | null;
  /** What kind of failure that was. */
  lastErrorCode?: PrinterFaultCode;
  /**
   * A job that failed is held: it prints only once someone asks (kiosk or staff), marked as a
   * late copy, never on its own onto the paper of whoever takes the next ticket.
   */
  released?: boolean;
  /**
   * The ticket's key for the QR (`/t/<id>?k=<key>`), known only from the issuing answer: the hub
   * journals just its hash. Kept with the job until it prints; a reprint asked for later has none, unless the lobby or a
   * manager asked for it (then a fresh key, see server/http/reprintRoutes.ts).
   */
  key?: string;
}

export interface PrinterState {
  kioskId: string;
  name: string;
  /** tcp://host:port, or null when the kiosk has no printer. */
  printer: string | null;
  configured: boolean;
  ok: boolean;
  pendingJobs: number;
  /** Tickets that did not print and wait to be asked for (a subset of pendingJobs). */
  heldJobs: number;
  /** What is wrong, readable: Chinese, English, and the technical detail. */
  lastError: string | null;
  lastErrorEn: string | null;
  lastErrorCode: PrinterFaultCode | null;
  lastErrorDetail: string | null;
  /** The roll is near its end. */
  paperLow: boolean;
  lastPrintedAt: string | null;
}

export interface PrintQueueDeps {
  kiosks: { id: string; name: string; printer: string | null }[];
  /** The bytes of a job, or null when it should no longer be printed (ticket gone or already called). */
  render: (job: PrintJob) => Buffer | null;
  send: (address: string, data: Buffer) => Promise<PrinterReport>;
  /** Asks the printer's status, printing nothing. */
  probe: (address: string) => Promise<PrinterReport>;
  /** Whether a held job is still worth printing (its ticket still waits). */
  wanted: (job: PrintJob) => boolean;
  /** Delay before the next status check after `failures` failures in a row. */
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
 * A print queue per kiosk. A fresh job is sent at once: its visitor is standing at the kiosk. A job
 * that fails is held (in memory and in `file`) and is never resent on its own: after an outage its
 * paper would come out with the next visitor's ticket and walk off with them. Held tickets print
 * when someone asks (releaseHeld), each marked as a late copy. While a printer is in trouble its
 * status is asked again after a growing delay, so the kiosk learns of the repair. Nothing here
 * throws into the caller.
 */
export class PrintQueues {
  private readonly queues = new Map<string, KioskQueue>();
  private closed = false;
  /** What the file holds now; null until first written or read. */
  private saved: string | null = null;

  constructor(private readonly deps: PrintQueueDeps) {
    for (const k of deps.kiosks) {
      this.queues.set(k.id, {
        state: {
          kioskId: k.id, name: k.name, printer: k.printer, configured: k.printer !== null, ok: k.printer !== null, pendingJobs: 0, heldJobs: 0,
          lastError: null, lastErrorEn: null, lastErrorCode: null, lastErrorDetail: null, paperLow: false, lastPrintedAt: null,
        },
        jobs: [], failures: 0, timer: null, sending: null, generation: 0,
      });
    }
    for (const job of this.load()) {
      const q = this.queues.get(job.kioskId);
      if (!q?.state.configured) continue;
      q.jobs.push(job);
      q.state.ok = false;
      setFault(q.state, printerFault(job.lastErrorCode ?? 'RESTARTED', job.lastError ?? 'not printed before the hub restarted'));
    }
    for (const q of this.queues.values()) count(q);
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

  /** Starts after a restart: held jobs stay held; the printers are asked how they are. */
  resume() {
    void this.probeIdle();
  }

  /**
   * Prints the held tickets of a kiosk that still wait (someone asked: the kiosk's button or
   * staff), each marked as a late copy. Held tickets already called are dropped. Answers how many
   * will be printed.
   */
  releaseHeld(kioskId: string): number {
    const q = this.queues.get(kioskId);
    if (!q?.state.configured || this.closed) return 0;
    this.prune(q);
    let n = 0;
    for (const j of q.jobs) {
      if (j.attempts > 0 && !j.released) {
        j.released = true;
        n++;
      }
    }
    this.changed(q);
    this.pump(kioskId);
    return n;
  }

  /** Queues a ticket for a kiosk's printer and tries at once. False when the kiosk has no printer. */
  enqueue(kioskId: string, ticketId: string, reprint = false, key?: string): boolean {
    const q = this.queues.get(kioskId);
    if (!q?.state.configured || this.closed) return false;
    const existing = q.jobs.find((j) => j.ticketId === ticketId);
    if (existing) {
      // Asking again moves it to the front as a fresh job rather than printing it twice.
      existing.attempts = 0;
      existing.released = false;
      existing.reprint ||= reprint || existing.lastError !== null;
      // A reprint with a fresh key (the old one was replaced) prints the fresh one.
      if (key) existing.key = key;
    } else {
      q.jobs.push({ kioskId, ticketId, reprint, attempts: 0, lastError: null, ...(key ? { key } : {}) });
      if (q.jobs.length > MAX_JOBS) q.jobs.splice(0, q.jobs.length - MAX_JOBS);
    }
    this.changed(q);
    this.pump(kioskId);
    return true;
  }

  /**
   * Asks idle printers their status so a kiosk learns of trouble (no paper, cover open, switched
   * off) before a visitor takes a ticket, and of the repair without one. Held jobs are not sent.
   */
  async probeIdle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => this.probe(q)));
  }

  private async probe(q: KioskQueue): Promise<void> {
    if (!q.state.configured || q.sending || this.closed) return;
    const gen = q.generation;
    let fault: PrinterFault | null = null;
    let report: PrinterReport | null = null;
    try {
      report = await this.deps.probe(q.state.printer!);
    } catch (e) {
      fault = faultOf(e);
    }
    if (gen !== q.generation || q.sending || this.closed) return;
    const pruned = this.prune(q);
    const paperLow = report?.paperLow ?? q.state.paperLow;
    if (!pruned && q.state.ok === (fault === null) && q.state.lastErrorCode === (fault?.code ?? null) && q.state.paperLow === paperLow) {
      if (fault) this.retryLater(q);
      return;
    }
    q.state.ok = fault === null;
    q.state.paperLow = paperLow;
    setFault(q.state, fault);
    if (fault) this.retryLater(q);
    else q.failures = 0;
    this.changed(q);
  }

  /** Asks again after a growing delay while the printer is in trouble. */
  private retryLater(q: KioskQueue) {
    if (this.closed) return;
    q.failures++;
    if (q.timer) clearTimeout(q.timer);
    q.timer = setTimeout(() => {
      q.timer = null;
      void this.probe(q);
    }, this.deps.backoffMs(q.failures));
    q.timer.unref();
  }

  /** Drops held jobs nobody needs any more; true when any went. */
  private prune(q: KioskQueue): boolean {
    const before = q.jobs.length;
    q.jobs = q.jobs.filter((j) => j.reprint || j.attempts === 0 || this.deps.wanted(j));
    return q.jobs.length !== before;
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
    if (q.sending || this.closed || !q.jobs.some(ready)) return;
    if (q.timer) clearTimeout(q.timer);
    q.timer = null;
    q.sending = this.drain(q).catch((e: Error) => this.deps.log(`print queue of ${kioskId} stopped: ${e.message}`)).finally(() => {
      q.sending = null;
      // A job may have arrived while the last send was failing.
      if (!this.closed && q.jobs.some(ready)) this.pump(kioskId);
    });
  }

  private async drain(q: KioskQueue) {
    const address = q.state.printer!;
    while (!this.closed) {
      // The visitor at the kiosk first, then late copies someone asked for; held ones wait.
      const job = q.jobs.find((j) => j.attempts === 0) ?? q.jobs.find(ready);
      if (!job) return;
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
      let report: PrinterReport;
      try {
        report = await this.deps.send(address, data);
      } catch (e) {
        const fault = faultOf(e);
        job.attempts++;
        job.released = false;
        job.lastError = fault.detail;
        job.lastErrorCode = fault.code;
        q.state.ok = false;
        setFault(q.state, fault);
        this.deps.log(`printer of kiosk ${q.state.kioskId} failed (${fault.code}: ${fault.detail}); ${q.jobs.length} ticket(s) held until asked for`);
        this.changed(q);
        this.retryLater(q);
        return;
      }
      q.failures = 0;
      q.state.ok = true;
      q.state.paperLow = report.paperLow;
      setFault(q.state, null);
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
    count(q);
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
      return raw.jobs.filter(isJob).map((j) => ({
        ...j, attempts: Math.max(1, j.attempts), released: false,
        ...(isFaultCode(j.lastErrorCode) ? {} : { lastErrorCode: undefined }),
      }));
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

/** Sent without anyone asking: a fresh job, or a held one someone asked for. */
const ready = (j: PrintJob) => j.attempts === 0 || j.released === true;

function count(q: KioskQueue) {
  q.state.pendingJobs = q.jobs.length;
  q.state.heldJobs = q.jobs.filter((j) => j.attempts > 0 && !j.released).length;
}

function setFault(s: PrinterState, f: PrinterFault | null) {
  s.lastError = f?.message ?? null;
  s.lastErrorEn = f?.messageEn ?? null;
  s.lastErrorCode = f?.code ?? null;
  s.lastErrorDetail = f?.detail ?? null;
}

function faultOf(e: unknown): PrinterFault {
  const err = e as { fault?: PrinterFault; message?: string };
  return err.fault ?? printerFault('DROPPED', err.message ?? String(e));
}

function isJob(x: unknown): x is PrintJob {
  const j = x as PrintJob;
  return typeof j === 'object' && j !== null && typeof j.kioskId === 'string' && typeof j.ticketId === 'string'
    && typeof j.reprint === 'boolean' && Number.isInteger(j.attempts) && (j.lastError === null || typeof j.lastError === 'string');
}
