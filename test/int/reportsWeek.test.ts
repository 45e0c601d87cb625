import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';
import { HttpDriver } from '../../tools/sim/driver.ts';
import { demo, DEMO_MIX } from '../../tools/sim/halls.ts';
import { businessDays, runDays, type RunResult } from '../../tools/sim/run.ts';

/**
 * A simulated week through the real hub's HTTP API, then every figure of /api/reports/waits
 * recomputed independently from what GET /api/tickets/:id says about each ticket the simulator
 * got. The two must agree exactly.
 */
const FIELDS = ['issued', 'served', 'noShow', 'abandoned', 'transferred', 'waitAvgSec', 'waitP50Sec', 'waitP90Sec', 'waitMaxSec', 'serviceAvgSec', 'withinTargetPct'] as const;

interface TicketView {
  id: string;
  serviceId: string;
  issuedServiceId: string;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  transfers: { fromServiceId: string }[];
}

/** The contract's definitions, written out again from the ticket views alone. */
function expectedFigures(tickets: TicketView[], targetWaitMin: Map<string, number>) {
  const rank = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]! : null);
  const row = (issuedHere: (t: TicketView) => boolean, endedHere: (t: TicketView) => boolean, movedOut: (t: TicketView) => boolean) => {
    const served = tickets.filter((t) => t.status === 'done' && endedHere(t));
    const waits = served.map((t) => Date.parse(t.calledAt!) - Date.parse(t.issuedAt)).sort((x, y) => x - y);
    const services = served.map((t) => Date.parse(t.finishedAt!) - Date.parse(t.startedAt!));
    const within = served.filter((t) => Date.parse(t.calledAt!) - Date.parse(t.issuedAt) <= targetWaitMin.get(t.serviceId)! * 60_000).length;
    const mean = (v: number[]) => (v.length ? Math.round(v.reduce((s, x) => s + x, 0) / v.length) / 1000 : null);
    const sec = (v: number | null) => (v === null ? null : v / 1000);
    return {
      issued: tickets.filter(issuedHere).length,
      served: served.length,
      noShow: tickets.filter((t) => t.status === 'no-show' && endedHere(t)).length,
      abandoned: tickets.filter((t) => t.status === 'abandoned' && endedHere(t)).length,
      transferred: tickets.filter(movedOut).length,
      waitAvgSec: mean(waits),
      waitP50Sec: sec(rank(waits, 50)),
      waitP90Sec: sec(rank(waits, 90)),
      waitMaxSec: sec(waits.at(-1) ?? null),
      serviceAvgSec: mean(services),
      withinTargetPct: served.length ? Math.round((within * 10000) / served.length) / 100 : null,
    };
  };
  const services = [...targetWaitMin.keys()].map((id) => ({
    serviceId: id,
    ...row((t) => t.issuedServiceId === id, (t) => t.serviceId === id, (t) => t.transfers.some((x) => x.fromServiceId === id)),
  }));
  return { services, total: row(() => true, () => true, (t) => t.transfers.length > 0) };
}

describe('a simulated week, cross-checked ticket by ticket', () => {
  let h: TestHub;
  let run: RunResult;
  let manager: string;
  const week = businessDays('2026-11-23', 5);

  beforeAll(async () => {
    h = await startHub({ start: '2026-11-23T07:00:00+08:00' });
    const { hall, pins } = demo();
    const driver = new HttpDriver(h.url, pins, async (ms) => {
      if (ms > h.clock.now()) h.clock.set(ms);
    }, async (midnight) => {
      if (h.clock.now() < midnight + 1000) h.clock.set(midnight + 1000);
      await h.running.hub.tick();
    });
    run = await runDays(driver, hall, { days: week, ticketsPerDay: 40, seed: 11, mix: DEMO_MIX });
    manager = await h.login('M01');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('drove the hub without a single refused action', () => {
    expect(run.surprises).toEqual({});
    expect(run.days.map((d) => d.ticketIds.length).reduce((s, n) => s + n, 0)).toBeGreaterThan(150);
  });

  it('reports exactly what the tickets say, for the week and for each day', async () => {
    const services = (await h.api('GET', '/api/services')).body as { id: string; targetWaitMin: number }[];
    const targets = new Map(services.map((s) => [s.id, s.targetWaitMin]));
    const views = new Map<string, TicketView[]>();
    for (const d of run.days) {
      views.set(d.day, await Promise.all(d.ticketIds.map(async (id) => (await h.api('GET', `/api/tickets/${id}`)).body as TicketView)));
    }
    const all = [...views.values()].flat();
    // The week has all kinds of tickets, so the comparison below means something.
    for (const s of ['done', 'no-show']) expect(all.some((t) => t.status === s)).toBe(true);
    expect(all.some((t) => t.transfers.length > 0)).toBe(true);

    const periods: [string, string, TicketView[]][] = [[week[0]!, week.at(-1)!, all], ...week.map((d) => [d, d, views.get(d)!] as [string, string, TicketView[]])];
    for (const [from, to, tickets] of periods) {
      const r = await h.api('GET', `/api/reports/waits?from=${from}&to=${to}`, undefined, manager);
      expect(r.status).toBe(200);
      const want = expectedFigures(tickets, targets);
      expect(r.body.from).toBe(from);
      expect(r.body.to).toBe(to);
      const pick = (o: Record<string, unknown>) => Object.fromEntries(FIELDS.map((f) => [f, o[f]]));
      expect(r.body.services.map((s: Record<string, unknown>) => ({ serviceId: s.serviceId, ...pick(s) }))).toEqual(want.services);
      expect(pick(r.body.total)).toEqual(want.total);
    }
  });

  it('gives the same rows as CSV, with a BOM for Excel', async () => {
    const json = (await h.api('GET', `/api/reports/waits?from=${week[0]}&to=${week[4]}`, undefined, manager)).body;
    const res = await fetch(`${h.url}/api/reports/waits?from=${week[0]}&to=${week[4]}&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="waits-2026-11-23_2026-11-27\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n').map((l) => l.split(','));
    const head = lines[0]!;
    expect(lines).toHaveLength(json.services.length + 2);
    for (const [i, s] of json.services.entries()) {
      const cells = lines[i + 1]!;
      for (const f of FIELDS) expect(cells[head.indexOf(f)]).toBe(s[f] === null ? '' : String(s[f]));
    }
    expect(lines.at(-1)![0]).toBe('total');
    expect(lines.at(-1)![head.indexOf('served')]).toBe(String(json.total.served));
  });

  it('answers the same after a restart, from the compact day files', async () => {
    const url = `/api/reports/waits?from=${week[0]}&to=${week[4]}`;
    const before = (await h.api('GET', url, undefined, manager)).body;
    const dataDir = h.dataDir;
    const now = h.clock.now();
    await h.close({ keepData: true });
    h = await startHub({ dataDir, start: new Date(now).toISOString() });
    manager = await h.login('M01');
    const after = (await h.api('GET', url, undefined, manager)).body;
    expect(after).toEqual(before);
  });

  it("counts today's tickets from the live events", async () => {
    const today = '2026-11-30';
    h.clock.set(Date.parse(`${today}T09:00:00+08:00`));
    const t = (await h.api('POST', '/api/tickets', { serviceId: 'C' })).body;
    await h.api('POST', '/api/tickets', { serviceId: 'C' });
    const s = await h.login('S04');
    await h.api('POST', '/api/windows/W4/sign-in', { post: 'A' }, s);
    h.clock.advance(90_000);
    expect((await h.api('POST', '/api/windows/W4/call-next', undefined, s)).body.ticket.id).toBe(t.id);
    h.clock.advance(300_000);
    await h.api('POST', '/api/windows/W4/finish', {}, s);
    manager = await h.login('M01');
    const r = (await h.api('GET', `/api/reports/waits?from=${today}&to=${today}`, undefined, manager)).body;
    // Two C tickets issued; the first waited 90 s and was served in 300 s (finish without start starts it then).
    expect(r.services.find((x: { serviceId: string }) => x.serviceId === 'C')).toMatchObject({ issued: 2, served: 1, abandoned: 0, waitAvgSec: 90, serviceAvgSec: 0 });
  });
});
