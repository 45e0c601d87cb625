import { setPriority } from 'node:os';

/**
 * The niceness of the hub's background threads (PIN hashing, report folding): the lowest there is,
 * so the kernel runs the hub's own thread (tickets, calls, screens) first whenever both want a core
 * and gives the background work whatever is left. On a hall's PC nothing else runs, so a report
 * still gets the idle core; it only waits while the hub is busy.
 */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the priority of the calling thread only. On Linux a thread is a task of its own and
 * `setpriority(PRIO_PROCESS, 0, …)` (what `os.setPriority(0, …)` calls) renices just the calling
 * thread, so called inside a worker it leaves the hub's main thread and the journal's I/O threads
 * as they were (checked in test/int/backgroundPriority.test.ts through /proc/<pid>/task/<tid>/stat).
 * Elsewhere the same call changes the whole process (Windows: its priority class; macOS: every
 * thread), which would slow the hub itself, so it is left alone there. Returns whether it lowered.
 */
export function lowerThisThread(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, BACKGROUND_NICE);
    return true;
  } catch {
    // A container that forbids it: the work still runs, at normal priority.
    return false;
  }
}

/** The same, as source for a worker given as a string (`new Worker(src, { eval: true })`). */
export const LOWER_THIS_THREAD_SOURCE = `if (process.platform === 'linux') { try { require('node:os').setPriority(0, ${BACKGROUND_NICE}); } catch {} }`;
