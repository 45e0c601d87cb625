import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asHall, busyHallInput } from '../../tools/sim/halls.ts';
import { businessDays, runJournals } from '../../tools/sim/run.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/**
 * Months of a busy hall's journals, never reported on: the first wait report over them and a
 * year's score roll-up are heavy. A ticket asked for while they run is answered before they are.
 */
const DAYS = businessDays('2026-06-01', 12);

describe('heavy reports leave the hub answering', () => {
  let h: TestHub;
  let manager: string;
  beforeAll(async () => {
    const dataDir = tempDir();
    const input = busyHallInput();
    input.hall = { ...input.hall, publicTicketsPerHour: 1000 } as typeof input.hall;
    await runJournals(dataDir, input, asHall(input).hall, { days: DAYS, ticketsPerDay: 500, seed: 11 });
    h = await startHub({ dataDir, config: input, start: '2026-11-23T09:00:00+08:00' });
    manager = await h.login('M01', '900001');
  }, 240_000);
  afterAll(() => h.close());

  /** Starts `slow`, asks for a ticket once it is under way, and tells which answered first. */
  async function race(slow: () => Promise<{ status: number }>) {
    const order: string[] = [];
    const report = slow().then((r) => (order.push('report'), r));
    await new Promise((r) => setTimeout(r, 50));
    const ticket = await h.api('POST', '/api/tickets', { serviceId: 'A' }).then((r) => (order.push('ticket'), r));
    const rep = await report;
    return { order, ticket, rep };
  }

  it('the first wait report over twelve closed days', async () => {
    const { order, ticket, rep } = await race(() => h.api('GET', `/api/reports/waits?from=${DAYS[0]}&to=${DAYS.at(-1)}`, undefined, manager));
    expect(ticket.status).toBe(201);
    expect(rep.status).toBe(200);
    expect((rep as unknown as { body: { days: number } }).body.days).toBe(DAYS.length);
    expect(order).toEqual(['ticket', 'report']);
  }, 120_000);

  it('a year\'s score roll-up', async () => {
    const { order, ticket, rep } = await race(() => h.api('GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, manager));
    expect(ticket.status).toBe(201);
    expect(rep.status).toBe(200);
    expect(order).toEqual(['ticket', 'report']);
  }, 120_000);
});
