import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../server/auth.ts';
import { BACKGROUND_NICE } from '../../server/lowPriority.ts';
import { MAX_QUEUED_HASHES, PinHasher } from '../../server/pinWorker.ts';
import { FoldPool } from '../../server/reports/foldPool.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { standardRubric } from '../../shared/scoring/standardRubric.ts';

/** Each thread of this process with its niceness, read from /proc/self/task/<tid>/stat (field 19). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is field 3, nice field 19.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16]));
    } catch {
      // A thread that ended while listed.
    }
  }
  return out;
}
const lowered = () => [...niceByThread().values()].filter((n) => n === BACKGROUND_NICE).length;

/**
 * PIN hashing and report folding run on worker threads at the lowest CPU priority, so that with
 * both cores busy the kernel serves the hub's own thread first; only those threads are lowered.
 */
describe('background work at the lowest CPU priority', () => {
  it('lowers the PIN worker thread, and only it: the hub thread keeps its priority', async () => {
    const before = lowered();
    const hasher = new PinHasher();
    try {
      const stored = await hashPin('482913');
      expect(await verifyPin('482913', stored, hasher)).toBe(true);
      expect(lowered()).toBe(before + 1);
      expect(niceByThread().get(process.pid)).toBe(0);
    } finally {
      await hasher.close();
    }
    expect(lowered()).toBe(before);
  });

  it('lowers the report worker thread, and only it', async () => {
    const before = lowered();
    const pool = new FoldPool();
    try {
      const scores = await pool.scores({
        config: { hall: { id: 'h', name: 'h', timezone: 'Asia/Shanghai' } as never, windows: [], staff: [] },
        schedule: DEFAULT_SCHEDULE, rubric: standardRubric, asOf: '2026-11-23', days: [],
      });
      expect(scores).toEqual([]);
      expect(lowered()).toBe(before + 1);
      expect(niceByThread().get(process.pid)).toBe(0);
    } finally {
      await pool.close();
    }
  });
});

describe('PIN hashes queue up to a bound', () => {
  it(`hashes ${MAX_QUEUED_HASHES} logins sent at once and answers the next one 429 BUSY`, async () => {
    const hasher = new PinHasher();
    try {
      const salt = Buffer.alloc(16, 7);
      const answers = await Promise.allSettled(Array.from({ length: MAX_QUEUED_HASHES + 1 }, (_, i) => hasher.hash(String(100000 + i), salt)));
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(MAX_QUEUED_HASHES);
      const refused = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toMatchObject({ kind: 'throttled', code: 'BUSY' });
      // Once the queue drains, logins are hashed again.
      expect((await hasher.hash('100000', salt)).length).toBe(32);
    } finally {
      await hasher.close();
    }
  });
});
