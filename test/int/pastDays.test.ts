import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { busyDay, writeDay } from '../support/busyDay.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/** Tickets of closed days, asked for by phones scanning old QR codes. */
describe('tickets of past days', () => {
  let h: TestHub;
  const days = Array.from({ length: 8 }, (_, i) => addDays('2026-11-10', i));
  beforeAll(async () => {
    const dataDir = tempDir();
    // Each day's seq continues the one before, as a real journal's would.
    let seq = 0;
    for (const [i, day] of days.entries()) {
      const events = busyDay(30, day, i + 1).map((e) => ({ ...e, seq: e.seq + seq }));
      seq += events.length;
      writeDay(dataDir, day, events);
    }
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('are found in their day\'s journal; a burst over many uncached days is held to a few reads a second', async () => {
    // The last day's tickets are still in memory (nothing issued since it closed): ask the others.
    const ids = days.slice(0, 7).map((d) => `${d.replaceAll('-', '')}-3`);
    const first = await Promise.all(ids.map((id) => h.api('GET', `/api/tickets/${id}`)));
    const ok = first.filter((r) => r.status === 200);
    const refused = first.filter((r) => r.status === 429);
    expect(ok.length).toBe(5);
    expect(refused.length).toBe(2);
    expect(refused[0]!.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(ok[0]!.body).toMatchObject({ number: expect.stringMatching(/^[A-E]\d{3}$/), businessDay: expect.any(String) });
    // Days already read answer from memory, however often they are asked.
    const again = await Promise.all(Array.from({ length: 20 }, () => h.api('GET', `/api/tickets/${ids[0]}`)));
    expect(again.every((r) => r.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await h.api('GET', `/api/tickets/${ids[6]}`)).status).toBe(200);
  });
});
