import { afterEach, describe, expect, it } from 'vitest';
import { expectError } from '../support/contract.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

const at = (iso: string) => Date.parse(iso);

/**
 * A ticket in service at midnight stays with its staffer, who finishes it after the close. Its
 * visitor rates it like any other: at the window's pad within 10 minutes, or with the ticket's key
 * that day, even once the new day has issued tickets and after a restart.
 */
describe('rating a ticket held over the day\'s close', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function heldOverAndFinished() {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T23:40:00+08:00' });
    const pad = await h.pairDevice('pad', 'W1');
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const a1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    h.clock.set(at('2026-11-24T00:00:30+08:00'));
    await h.running.hub.tick();
    h.clock.set(at('2026-11-24T00:10:00+08:00'));
    expect((await h.api('POST', '/api/windows/W1/finish', {}, s01)).status).toBe(200);
    return { a1, pad, s01, dataDir };
  }

  it('at the window\'s pad right after the finish', async () => {
    const { a1, pad } = await heldOverAndFinished();
    const r = await h!.rawApi('POST', `/api/tickets/${a1.id}/rating`, { score: 5 }, pad.token);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ rating: 5, businessDay: '2026-11-23' });
  });

  it('with the ticket\'s key later that day, after the new day\'s first tickets and a restart; not the day after', async () => {
    const { a1, dataDir } = await heldOverAndFinished();
    h!.clock.set(at('2026-11-24T08:30:00+08:00'));
    expect((await h!.api('POST', '/api/tickets', { serviceId: 'A' })).body.number).toBe('A001');
    const clock = h!.clock;
    await h!.close({ keepData: true });
    h = await startHub({ dataDir, clock });
    // A stranger with only the id is still refused.
    expectError(await h.rawApi('POST', `/api/tickets/${a1.id}/rating`, { score: 1 }), 403, 'RATING_FORBIDDEN');
    const r = await h.rawApi('POST', `/api/tickets/${a1.id}/rating`, { score: 4, key: a1.key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await h.api('GET', `/api/tickets/${a1.id}`)).body).toMatchObject({ rating: 4, status: 'done' });
    expectError(await h.rawApi('POST', `/api/tickets/${a1.id}/rating`, { score: 4, key: a1.key }), 409, 'ALREADY_RATED');
    // The staffer's scores count the rating (on the day it was given), and both days' reports still read.
    const m01 = await h.login('M01');
    const scores = await h.api('GET', '/api/reports/scores?date=2026-11-24', undefined, m01);
    expect(scores.status).toBe(200);
    expect(scores.body.staff.find((s: { staffId: string }) => s.staffId === 'S01')).toMatchObject({ ratings: 1, satisfactionPct: 100 });
    expect((await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, m01)).status).toBe(200);
    expect((await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-24', undefined, m01)).body.total).toMatchObject({ issued: 2, served: 1 });
  });

  it('is closed the day after its finish, like any rating', async () => {
    const { a1 } = await heldOverAndFinished();
    h!.clock.set(at('2026-11-25T00:00:30+08:00'));
    await h!.running.hub.tick();
    h!.clock.set(at('2026-11-25T08:30:00+08:00'));
    await h!.api('POST', '/api/tickets', { serviceId: 'A' });
    expectError(await h!.rawApi('POST', `/api/tickets/${a1.id}/rating`, { score: 4, key: a1.key }), 409, 'RATING_CLOSED');
  });
});
