import { parentPort } from 'node:worker_threads';
import { foldToFile, type FoldJob } from './foldDay.ts';
import { runRollup, runScores, runWaits, type RollupJob, type ScoresJob, type WaitsJob } from './reportJobs.ts';
import { lowerThisThread } from '../lowPriority.ts';

/**
 * Runs in a worker thread: folds closed days' journals into compact files, computes multi-day
 * wait reports and scores days and makes roll-ups, so the heaviest report never holds up a ticket or a call
 * on the hub's own thread. It runs at the lowest CPU priority: with both cores busy (a report
 * and a rush of tickets), the kernel serves the hub's thread first.
 */
lowerThisThread();

type Job = (FoldJob & { kind?: 'fold' }) | WaitsJob | ScoresJob | RollupJob;

parentPort!.on('message', (job: Job & { id: number }) => {
  try {
    const result = job.kind === 'waits' ? runWaits(job) : job.kind === 'scores' ? runScores(job) : job.kind === 'rollup' ? runRollup(job) : foldToFile(job);
    parentPort!.postMessage({ id: job.id, ok: true, result });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: (e as Error).message });
  }
});
