import { afterEach, describe, expect, it } from 'vitest';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/**
 * A period's roll-up keeps the sums of its closed days between questions and adds the open day
 * afresh each time. Asked again after the open day changed, it must give what a roll-up summed
 * from nothing gives, and asking again must not count the open day twice.
 */
describe('a roll-up asked again while the day goes on', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('counts each closed day once and the open day as it stands, as a roll-up summed afresh does', async () => {
    const at = (iso: string) => h!.clock.set(Date.parse(iso));
    h = await startHub({ dataDir: tempDir(), start: '2026-11-23T08:10:00+08:00' });
    const hub = h;
    let manager = await hub.login('M01');
    let s01 = await hub.login('S01');
    const serve = async (score: number) => {
      const t = (await hub.api('POST', '/api/tickets', { serviceId: 'A' })).body;
      for (const step of ['call-next', 'start', 'finish']) {
        const r = await hub.api('POST', `/api/windows/W1/${step}`, step === 'finish' ? { outcome: 'done' } : undefined, s01);
        expect(r.status, `${step}: ${JSON.stringify(r.body)}`).toBe(200);
      }
      expect((await hub.api('POST', `/api/tickets/${t.id}/rating`, { score })).status).toBe(201);
    };
    const year = async () => {
      const r = await hub.api('GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, manager);
      expect(r.status).toBe(200);
      return r.body;
    };
    type Row = { id: string; days: number; served: number; ratings: number; satisfied: number };
    const s01Row = (r: { staff: Row[] }) => r.staff.find((x) => x.id === 'S01');

    // Monday: two visitors served at W1, both satisfied; the day closes at midnight.
    expect((await hub.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01)).status).toBe(200);
    await serve(5);
    await serve(5);
    at('2026-11-24T08:05:00+08:00');
    await hub.running.hub.tick();
    expect(hub.running.hub.journal.day).toBe('2026-11-24');

    // Tuesday: one visitor served, then the year's roll-up; then another visitor, not satisfied.
    // Yesterday's tokens have run out.
    s01 = await hub.login('S01');
    manager = await hub.login('M01');
    expect((await hub.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01)).status).toBe(200);
    await serve(5);
    const first = await year();
    expect(s01Row(first)).toMatchObject({ days: 2, served: 3, ratings: 3, satisfied: 3 });

    at('2026-11-24T09:00:00+08:00');
    await serve(1);
    const second = await year();
    expect(s01Row(second)).toMatchObject({ days: 2, served: 4, ratings: 4, satisfied: 3 });
    // Asked again with nothing new: the same answer, the open day not counted twice.
    expect(await year()).toEqual(second);

    // The same days summed from nothing: November's roll-up is asked for the first time now, and
    // every staffer's row of the year (no staffer was on duty before November) must be the same.
    const month = await hub.api('GET', '/api/reports/scores/rollup?period=month&of=2026-11', undefined, manager);
    expect(month.status).toBe(200);
    expect(second.staff).toEqual(month.body.staff);
    const q4 = second.quarters.find((q: { quarter: string }) => q.quarter === '2026-Q4');
    expect(q4.staff).toEqual(month.body.quarters[0].staff);
  });
});
