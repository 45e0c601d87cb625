import { parentPort } from 'node:worker_threads';
import { foldToFile, type FoldJob } from './foldDay.ts';

/**
 * Runs in a worker thread: folds closed days' journals into compact files, so the first report
 * over months of journals never holds up a ticket or a call on the hub's own thread.
 */
parentPort!.on('message', (job: FoldJob & { id: number }) => {
  try {
    foldToFile(job);
    parentPort!.postMessage({ id: job.id, ok: true });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: (e as Error).message });
  }
});
