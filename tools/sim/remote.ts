import type { HallConfig } from '../../shared/config.ts';
import { addDays, localDate, localTimeToMs } from '../../shared/time.ts';
import { HttpDriver } from './driver.ts';
import { businessDays, runDays, type RunOptions, type RunResult } from './run.ts';

/** Longest real-time sleep between two looks at the hub's clock: its speed is only estimated. */
const RESYNC_MS = 2000;

/**
 * Drives a hub that is already running (its own clock, started with QUEUE_CLOCK_START and a fast
 * QUEUE_CLOCK_SPEED) over HTTP. The simulator cannot move that clock, so it waits for it: the
 * speed is measured from /api/health, and every wait looks at the hub's clock again at least every
 * two seconds, so an estimate a percent off never drifts by minutes of hall time over a day.
 * The days start with the hub's current day (the next one once it is past 17:00).
 */
export async function runAgainstHub(url: string, hall: HallConfig, pins: Record<string, string>, o: Omit<RunOptions, 'days'> & { days: number }): Promise<RunResult & { speed: number }> {
  const base = url.replace(/\/$/, '');
  const driver = new HttpDriver(base, pins, (ms) => until(ms), (ms) => until(ms));
  await driver.prepare();
  const hubNow = async () => {
    const res = await fetch(`${base}/api/health`);
    if (!res.ok) throw new Error(`${base}/api/health answered ${res.status}`);
    return Date.parse(((await res.json()) as { now: string }).now);
  };
  const h0 = await hubNow();
  const r0 = performance.now();
  await sleep(500);
  const speed = Math.max(1, (await hubNow() - h0) / (performance.now() - r0));
  o.log?.(`hub at ${base}: clock runs ×${speed.toFixed(0)}`);
  const until = async (ms: number) => {
    for (;;) {
      const wait = (ms - (await hubNow())) / speed;
      if (wait <= 0) return;
      await sleep(Math.min(wait, RESYNC_MS));
    }
  };
  const tz = hall.hall.timezone;
  const now = await hubNow();
  const today = localDate(now, tz);
  const first = now < localTimeToMs(today, '17:00', tz) ? today : addDays(today, 1);
  const r = await runDays(driver, hall, { ...o, days: businessDays(first, o.days) });
  return { ...r, speed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
