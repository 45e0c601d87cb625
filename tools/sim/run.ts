import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HallConfig, HallConfigInput } from '../../shared/config.ts';
import { addDays, localTimeToMs, weekday } from '../../shared/time.ts';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { CoreDriver } from './coreDriver.ts';
import { HttpDriver, type SimDriver } from './driver.ts';
import { simulateDay } from './hallDay.ts';
import { prng } from './random.ts';

/** Monday to Friday from `first` on: halls are closed at weekends. */
export function businessDays(first: string, n: number): string[] {
  const out: string[] = [];
  for (let d = first; out.length < n; d = addDays(d, 1)) if (weekday(d) !== 0 && weekday(d) !== 6) out.push(d);
  return out;
}

export interface RunOptions {
  days: string[];
  ticketsPerDay: number;
  seed: number;
  mix?: Record<string, number>;
  log?: (line: string) => void;
}

export interface RunResult {
  days: { day: string; ticketIds: string[]; refused: number }[];
  surprises: Record<string, number>;
}

/** Plays the days one after the other through one driver. */
export async function runDays(driver: SimDriver, hall: HallConfig, o: RunOptions): Promise<RunResult> {
  const rnd = prng(o.seed);
  const days: RunResult['days'] = [];
  for (const day of o.days) {
    const r = await simulateDay(driver, hall, day, { tickets: o.ticketsPerDay, rnd, mix: o.mix });
    days.push({ day, ...r });
    o.log?.(`${day}: ${r.ticketIds.length} tickets${r.refused ? `, ${r.refused} refused (cut-off or daily cap)` : ''}`);
  }
  const surprises = driver instanceof HttpDriver ? Object.fromEntries(driver.surprises) : {};
  return { days, surprises };
}

/** A hub of the simulator's own on `dataDir`, its clock moved by the simulator, driven over HTTP. */
export async function runOwnHub(dataDir: string, input: HallConfigInput, hall: HallConfig, pins: Record<string, string>, o: RunOptions): Promise<RunResult> {
  const first = o.days[0]!;
  const clock = manualClock(localTimeToMs(first, '07:00', hall.hall.timezone));
  const running = await createHub({ dataDir, config: input, clock, log: () => {} });
  try {
    const port = await running.listen(0, '127.0.0.1');
    const driver = new HttpDriver(
      `http://127.0.0.1:${port}`, pins,
      async (ms) => {
        if (ms > clock.now()) clock.set(ms);
      },
      async (midnight) => {
        if (clock.now() < midnight + 1000) clock.set(midnight + 1000);
        await running.hub.tick();
      },
    );
    return await runDays(driver, hall, o);
  } finally {
    await running.close();
  }
}

/**
 * Writes the days straight into `dataDir/journal` through the core (no hub, no HTTP) and the hall
 * config beside them (`hall-config.json`, to start a hub with QUEUE_CONFIG).
 */
export async function runJournals(dataDir: string, input: HallConfigInput, hall: HallConfig, o: RunOptions): Promise<RunResult & { events: number }> {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'hall-config.json'), JSON.stringify(input, null, 2));
  const driver = new CoreDriver(hall, join(dataDir, 'journal'));
  const r = await runDays(driver, hall, o);
  driver.flush();
  return { ...r, events: driver.eventCount };
}
