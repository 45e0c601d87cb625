import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

/** The report's query is checked like any other input: a clear 400, never a crash. */
describe('wait report input', () => {
  let h: TestHub;
  let manager: string;
  beforeAll(async () => {
    h = await startHub();
    manager = await h.login('M01');
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['from=2026-13-01&to=2026-12-01', 'BAD_REQUEST'],
    ['from=2026-02-30&to=2026-03-01', 'BAD_REQUEST'],
    ['from=yesterday&to=2026-03-01', 'BAD_REQUEST'],
    ['from=2026-11-23', 'BAD_PERIOD'],
    ['from=2026-11-24&to=2026-11-23', 'BAD_PERIOD'],
    ['from=2024-01-01&to=2026-11-23', 'RANGE_TOO_LONG'],
    ['from=2026-11-23&to=2026-11-23&format=xml', 'BAD_REQUEST'],
    ['from=2026-11-23&to=2026-11-23&from=2026-11-22', 'BAD_REQUEST'],
    ['period=decade', 'BAD_REQUEST'],
    ['period=week&from=2026-11-23&to=2026-11-23', 'BAD_PERIOD'],
    ['from=2026-11-23&to=2026-11-23&suspectFactor=abc', 'BAD_REQUEST'],
  ])('%s → 400 %s', async (q, code) => {
    const r = await h.api('GET', `/api/reports/waits?${q}`, undefined, manager);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
  });

  it('needs a manager', async () => {
    expect((await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23')).status).toBe(401);
    const staff = await h.login('S01');
    expect((await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, staff)).status).toBe(403);
  });

  it('answers an empty period with zero counts and null figures, and resolves named periods', async () => {
    const r = await h.api('GET', '/api/reports/waits?from=2025-01-01&to=2025-12-31', undefined, manager);
    expect(r.status).toBe(200);
    expect(r.body.total).toMatchObject({ issued: 0, served: 0, waitAvgSec: null, waitP90Sec: null, withinTargetPct: null });
    expect(r.body.services.map((s: { serviceId: string }) => s.serviceId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    // The hub's clock is on Monday 2026-11-23.
    const week = await h.api('GET', '/api/reports/waits?period=week', undefined, manager);
    expect([week.body.from, week.body.to]).toEqual(['2026-11-23', '2026-11-23']);
    // 2026-01-01 … 2026-11-23 is 327 days; the 327 days before end on 2025-12-31 and start on 2025-02-08.
    const year = await h.api('GET', '/api/reports/waits?period=year&compare=previous', undefined, manager);
    expect([year.body.from, year.body.previous.from, year.body.previous.to]).toEqual(['2026-01-01', '2025-02-08', '2025-12-31']);
    const heat = await h.api('GET', '/api/reports/waits/heatmap?period=month', undefined, manager);
    expect(heat.body.arrivals).toHaveLength(7);
  });
});
