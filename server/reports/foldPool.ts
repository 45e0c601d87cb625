import { Worker } from 'node:worker_threads';
import type { FoldJob } from './foldDay.ts';

/**
 * One worker thread that folds closed days off the hub's thread, started on first use and ended
 * when idle for a while (a report is asked for a few times a day). Jobs run one after another:
 * the hub PC has few cores and the journal's writes need one.
 */
export class FoldPool {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | null = null;

  fold(job: FoldJob): Promise<void> {
    const w = this.start();
    const id = this.next++;
    if (this.idle) clearTimeout(this.idle);
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ ...job, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The hub runs its TypeScript through tsx (npm start, tests): the worker loads it the same way.
    const w = new Worker(new URL('./foldWorker.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; error?: string }) => {
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) p?.resolve();
      else p?.reject(new Error(m.error ?? 'fold failed'));
      if (!this.waiting.size) this.stopLater();
    });
    const fail = (e: Error) => {
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
