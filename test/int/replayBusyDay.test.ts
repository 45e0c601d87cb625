import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { busyDay, writeDay } from '../support/busyDay.ts';
import { tempDir } from '../support/hub.ts';

// How long the replay takes is measured by `npm run bench timing`, not asserted here.
describe('restart after a full busy day', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays a day of 3,600 tickets (about 20,000 events) to the same state', async () => {
    const events = busyDay(3600);
    expect(events.filter((e) => e.type === 'TicketIssued')).toHaveLength(3600);
    expect(events.length).toBeGreaterThan(18_000);
    writeDay(dir, '2026-11-23', events);
    const clock = () => manualClock(Date.parse('2026-11-23T17:00:00+08:00'));
    await (await createHub({ dataDir: dir, clock: clock(), log: () => {} })).close();
    const running = await createHub({ dataDir: dir, clock: clock(), log: () => {} });
    try {
      expect(running.hub.state.seq).toBe(events.length);
      expect(running.hub.state.tickets.size).toBe(3600);
      const finished = new Set(events.filter((e) => e.type === 'ServiceFinished').map((e) => (e.data as { ticketId: string }).ticketId));
      const done = [...running.hub.state.tickets.values()].filter((t) => t.status === 'done');
      expect(done.map((t) => t.id).sort()).toEqual([...finished].sort());
    } finally {
      await running.close();
    }
  });
});
