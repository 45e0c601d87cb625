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
 * from 07:50 to past 18:00 at ×6,000 takes about seven seconds.
 */
describe('the simulator driving a hub that runs on its own clock', () => {
  let h: TestHub;
  let run: RunResult & { speed: number };
  const day = '2026-11-23';

  beforeAll(async () => {
    h = await startHub({ clock: createClock({ start: localTimeToMs(day, '07:50', 'Asia/Shanghai'), speed: 6000 }) });
    run = await runAgainstHub(h.url, h.running.hub.config, DEMO_PINS, { days: 1, ticketsPerDay: 25, seed: 3, mix: DEMO_MIX });
  }, 60_000);
  afterAll(() => h?.close());

  it('measures the clock, plays the hub\'s current day and is refused nothing', () => {
    expect(run.speed).toBeGreaterThan(5000);
    expect(run.speed).toBeLessThan(7200);
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
