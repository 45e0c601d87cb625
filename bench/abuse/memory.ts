import { join } from 'node:path';
import type { BenchHub } from '../hub/spawn.ts';

/** Node arguments that let the bench ask its hub for its memory after a full GC (see memoryProbe.mjs). */
export const memoryProbeArgs = ['--expose-gc', '--import', join(import.meta.dirname, 'memoryProbe.mjs')];

export interface HubMemory {
  /** Resident set, MB. */
  rssMb: number;
  /** JS heap in use plus memory held outside it (socket write buffers are Buffers, counted there), MB. */
  heldMb: number;
}

/** Asks the hub (spawned with `memoryProbeArgs`) to collect garbage and report what it holds. */
export function hubMemory(hub: BenchHub): Promise<HubMemory> {
  const out = hub.child.stdout!;
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      out.off('data', onData);
      reject(new Error('the hub did not report its memory (started without memoryProbeArgs?)'));
    }, 30_000);
    const onData = (b: Buffer) => {
      text += b.toString();
      const m = /\[hub-memory\] (\{.*\})\n/.exec(text);
      if (!m) return;
      clearTimeout(timer);
      out.off('data', onData);
      const v = JSON.parse(m[1]!) as { rss: number; heapUsed: number; external: number };
      resolve({ rssMb: v.rss / 2 ** 20, heldMb: (v.heapUsed + v.external) / 2 ** 20 });
    };
    out.on('data', onData);
    hub.child.kill('SIGUSR2');
  });
}
