import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeToMs } from '../../shared/time.ts';
import { createClock } from '../../server/clock.ts';
import { DEMO_MIX } from '../../tools/sim/halls.ts';
import { runAgainstHub } from '../../tools/sim/remote.ts';
import type { RunResult } from '../../tools/sim/run.ts';
import { DEMO_PINS, startHub, type TestHub } from '../support/hub.ts';

/**
 * `npm run simulate -- --url`: a hub running on its own fast clock (as QUEUE_CLOCK_START and
 * QUEUE_CLOCK_SPEED start it), driven by the simulator that can only wait for that clock. A day
 * from 06:00 to past 18:00 at ×600 takes about eighty seconds, and the day ends 108 s after the
 * clock starts: room for a machine slowed by other test runs, which once took longer than the 54 s
 * that ×1,200 left before the simulator first looked at the hub's day.
 */
describe('the simulator driving a hub that runs on its own clock', () => {
  let h: TestHub;
  let run: RunResult & { speed: number };
  const day = '2026-11-23';
  const SPEED = 600;

  beforeAll(async () => {
    // Two hours of hall time before opening (12 s here) leave a busy machine room to set up, and a
    // second of delay is ten minutes of hall time, not hours.
    h = await startHub({ clock: createClock({ start: localTimeToMs(day, '06:00', 'Asia/Shanghai'), speed: SPEED }) });
    run = await runAgainstHub(h.url, h.running.hub.config, DEMO_PINS, { days: 1, ticketsPerDay: 25, seed: 3, mix: DEMO_MIX });
  }, 240_000);
  afterAll(() => h?.close());

  it('measures the clock, plays the hub\'s current day and is refused nothing', () => {
    // Measured from two looks at /api/health: on a loaded machine each look may be late, so only
    // the order of magnitude is the simulator's to get right (its waits look again every 2 s).
    expect(run.speed).toBeGreaterThan(SPEED / 2);
    expect(run.speed).toBeLessThan(SPEED * 2);
    expect(run.days.map((d) => d.day)).toEqual([day]);
    expect(run.days[0]!.ticketIds.length).toBeGreaterThanOrEqual(20);
    expect(run.surprises).toEqual({});
  });

  it('leaves a day the wait report counts ticket for ticket, every visitor served or called in vain', async () => {
    const manager = await h.login('M01');
    const r = await h.api('GET', `/api/reports/waits?from=${day}&to=${day}`, undefined, manager);
    expect(r.status).toBe(200);
    expect(r.body.total.issued).toBe(run.days[0]!.ticketIds.length);
    expect(r.body.total.served + r.body.total.noShow).toBe(r.body.total.issued);
    expect(r.body.total.waitP90Sec).toBeGreaterThan(0);
  });
});
