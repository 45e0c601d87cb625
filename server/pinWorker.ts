import { Worker } from 'node:worker_threads';
import { DomainError } from '../shared/errors.ts';
import { LOWER_THIS_THREAD_SOURCE } from './lowPriority.ts';

/**
 * scrypt for logins, on a worker thread of its own. Node's async scrypt runs on the libuv pool,
 * the same four threads that carry the journal's writes and fsyncs: a burst of logins (64 made-up
 * staff numbers) queued every visitor's ticket behind them. One worker keeps the other core for the
 * event loop, and it runs at the lowest CPU priority (server/lowPriority.ts) so that, even with
 * both cores busy, the kernel gives the hub's own thread the core first. Hashes run one at a time;
 * a bounded queue answers 429 instead of growing without end (or making a staffer wait long).
 */
const WORKER_SOURCE = `
${LOWER_THIS_THREAD_SOURCE}
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, hash: scryptSync(m.pin, Buffer.from(m.salt, 'hex'), 32).toString('hex') });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});`;

/**
 * Hashes running or waiting: under 2 s of scrypt on a hall PC, the longest a staffer's login should
 * wait. Above one address's 20 guesses (server/limits.ts), so one client's burst is judged in full
 * and earns its lockout; only guesses from many addresses at once meet the bound.
 */
export const MAX_QUEUED_HASHES = 32;

/** The answer while the queue is full: one error, made once. */
export const HASHER_BUSY = new DomainError('throttled', 'BUSY', '登录请求过多，请稍后再试', 'Too many logins at once; try again shortly');

export class PinHasher {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (h: Buffer) => void; reject: (e: Error) => void }>();

  /** scrypt(pin, salt, 32) off the libuv pool. */
  hash(pin: string, salt: Buffer): Promise<Buffer> {
    if (this.pending.size >= MAX_QUEUED_HASHES) {
      return Promise.reject(HASHER_BUSY);
    }
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) w.ref();
      w.postMessage({ id, pin, salt: salt.toString('hex') });
    });
  }

  /** Queued and running hashes (a test and the bench read it). */
  get queued(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (m: { id: number; hash?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.hash) p.resolve(Buffer.from(m.hash, 'hex'));
      else p.reject(new Error(m.error ?? 'scrypt failed'));
    });
    const failAll = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', () => failAll(new Error('PIN worker stopped')));
    w.unref();
    this.worker = w;
    return w;
  }
}
