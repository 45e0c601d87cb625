import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { busyDay, writeDay } from '../support/busyDay.ts';
import { tempDir } from '../support/hub.ts';

describe('restart after a full busy day', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays a day of 3,600 tickets (about 20,000 events) in under 1 s', async () => {
    const events = busyDay(3600);
    expect(events.filter((e) => e.type === 'TicketIssued')).toHaveLength(3600);
    expect(events.length).toBeGreaterThan(18_000);
    writeDay(dir, '2026-11-23', events);
    // The first start also imports the demo hall (hashing PINs); time a second, plain restart.
    const clock = () => manualClock(Date.parse('2026-11-23T17:00:00+08:00'));
    await (await createHub({ dataDir: dir, clock: clock(), log: () => {} })).close();

    const t0 = performance.now();
    const running = await createHub({ dataDir: dir, clock: clock(), log: () => {} });
    const ms = performance.now() - t0;
    try {
      console.log(`replayed ${events.length} events (${running.hub.state.tickets.size} tickets) in ${ms.toFixed(0)} ms`);
      expect(running.hub.state.seq).toBe(events.length);
      expect(running.hub.state.tickets.size).toBe(3600);
      expect(ms).toBeLessThan(1000);
    } finally {
      await running.close();
    }
  });
});
