import { Worker } from 'node:worker_threads';
import type { FoldJob } from './foldDay.ts';
import type { DayScore } from '../../shared/scoring/dailyScore.ts';
import type { RollupAnswer, RollupJob, ScoresJob, WaitsJob, WaitsResult } from './reportJobs.ts';

/**
 * One worker thread that folds closed days, computes multi-day wait reports, scores days and makes roll-ups
 * off the hub's thread, started on first use and ended
 * when idle for a while (a report is asked for a few times a day). Jobs run one after another:
 * the hub PC has few cores and the journal's writes need one.
 */
export class FoldPool {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | null = null;
  /** Jobs sent, by kind, and the settled days sent for roll-ups: for the tests and the benchmark, to see which work left the hub's thread. */
  readonly counters = { fold: 0, waits: 0, scores: 0, rollup: 0, failed: 0, rollupDays: 0 };

  fold(job: FoldJob): Promise<void> {
    return this.run({ ...job, kind: 'fold' }).then(() => undefined);
  }

  /** A wait report over days read by the worker (see reportJobs.ts). */
  waits(job: Omit<WaitsJob, 'kind'>): Promise<WaitsResult> {
    return this.run({ ...job, kind: 'waits' }) as Promise<WaitsResult>;
  }

  /** Closed days' scores, each day's journal read by the worker. */
  scores(job: Omit<ScoresJob, 'kind'>): Promise<DayScore[]> {
    return this.run({ ...job, kind: 'scores' }) as Promise<DayScore[]>;
  }

  /** A period's roll-up as JSON text, or what the worker lacks to make it (see `RollupJob`). */
  rollup(job: Omit<RollupJob, 'kind'>): Promise<RollupAnswer> {
    // Settled days sent along: none while the worker keeps the sums of the days asked before.
    for (const p of job.parts) this.counters.rollupDays += p.days?.length ?? 0;
    return this.run({ ...job, kind: 'rollup' }) as Promise<RollupAnswer>;
  }

  private run(job: { kind: 'fold' | 'waits' | 'scores' | 'rollup' }): Promise<unknown> {
    this.counters[job.kind] += 1;
    const w = this.start();
    const id = this.next++;
    if (this.idle) clearTimeout(this.idle);
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ ...job, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The hub runs its TypeScript through tsx (npm start, tests): the worker loads it the same way,
    // through a small entry that registers tsx in the worker (see foldWorkerBoot.mjs).
    const w = new Worker(new URL('./foldWorkerBoot.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) p?.resolve(m.result);
      else {
        this.counters.failed += 1;
        p?.reject(new Error(m.error ?? 'fold failed'));
      }
      if (!this.waiting.size) this.stopLater();
    });
    const fail = (e: Error) => {
      this.counters.failed += this.waiting.size;
      for (const p of this.waiting.values()) p.reject(e);
      this.waiting.clear();
      this.worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`report worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  private stopLater() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), 30_000);
    this.idle.unref();
  }

  get busy(): boolean {
    return this.waiting.size > 0;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** The hub's one report worker, shared by everything that folds days. */
export const foldPool = new FoldPool();
