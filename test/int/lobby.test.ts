import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

// Demo hall: W1 serves [A, E], W2 [A, C], W6 [E, A, B, C]; D (W5) stops issuing at 16:30.
// L01 is the lobby staffer; the clock starts on Monday 2026-11-23 at 08:00.
const T = (hhmm: string) => `2026-11-23T${hhmm}:00.000+08:00`;
const ms = (hhmm: string) => Date.parse(T(hhmm));

let h: TestHub;
afterEach(async () => {
  await h?.close();
});

async function issue(serviceId: string, n = 1) {
  const out: { id: string; number: string }[] = [];
  for (let i = 0; i < n; i++) out.push((await h.api('POST', '/api/tickets', { serviceId })).body);
  return out;
}

describe('GET /api/lobby', () => {
  it('is for lobby staff and managers only', async () => {
    h = await startHub();
    expect((await h.api('GET', '/api/lobby')).status).toBe(401);
    expect((await h.api('GET', '/api/lobby', undefined, await h.login('S01'))).status).toBe(403);
    expect((await h.api('GET', '/api/lobby', undefined, await h.login('M01'))).status).toBe(200);
    expect((await h.api('GET', '/api/lobby', undefined, await h.login('L01'))).status).toBe(200);
  });

  it('alerts "crowded" past 10 waiting per window serving, "over-target" past the oldest wait\'s target', async () => {
    h = await startHub();
    const lobby = await h.login('L01');
    await issue('A', 11);
    await issue('C', 1);
    const s1 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
    let view = (await h.api('GET', '/api/lobby', undefined, lobby)).body;
    // One window serves A: 11 > 10.
    expect(view.services.find((s: { serviceId: string }) => s.serviceId === 'A')).toMatchObject({ waiting: 11, windowsServing: 1, alert: 'crowded', oldestWaitMin: 0 });
    expect(view.services.find((s: { serviceId: string }) => s.serviceId === 'C')).toMatchObject({ waiting: 1, windowsServing: 0, alert: null });
    expect(view.windows.find((w: { windowId: string }) => w.windowId === 'W1')).toMatchObject({ state: 'open', queue: 11 });
    const s2 = await h.login('S02');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, s2);
    h.clock.set(ms('08:16'));
    view = (await h.api('GET', '/api/lobby', undefined, lobby)).body;
    // Two windows now: 11 is not over 20, but the first has waited 16 minutes against a target of 15.
    expect(view.services.find((s: { serviceId: string }) => s.serviceId === 'A')).toMatchObject({ windowsServing: 2, alert: 'over-target', oldestWaitMin: 16 });
    expect(view.services.find((s: { serviceId: string }) => s.serviceId === 'C').alert).toBe('over-target');
  });
});

describe('moving and pinning waiting tickets', () => {
  it('a pinned ticket goes only to its window, also with two windows calling at once', async () => {
    h = await startHub();
    const lobby = await h.login('L01');
    const [a1, a2, a3] = await issue('A', 3);
    const pinned = await h.api('POST', `/api/tickets/${a1!.id}/move`, { windowId: 'W2', reason: '熟悉该业务的窗口' }, lobby);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ number: 'A001', serviceId: 'A', pinnedWindowId: 'W2', status: 'waiting' });
    const [s1, s2] = [await h.login('S01'), await h.login('S02')];
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, s2);
    const [c1, c2] = await Promise.all([
      h.api('POST', '/api/windows/W1/call-next', undefined, s1),
      h.api('POST', '/api/windows/W2/call-next', undefined, s2),
    ]);
    expect(c1.body.ticket.number).toBe('A002');
    expect(c2.body.ticket.number).toBe('A001');
    expect(a2!.number).toBe('A002');
    // A move to another service keeps the issue time: A003 goes ahead of E001 issued later.
    h.clock.set(ms('08:05'));
    const [e1] = await issue('E');
    const moved = await h.api('POST', `/api/tickets/${a3!.id}/move`, { serviceId: 'E', reason: '只需咨询' }, lobby);
    expect(moved.body).toMatchObject({ serviceId: 'E', issuedServiceId: 'A', ahead: 0 });
    expect((await h.api('GET', `/api/tickets/${e1!.id}`)).body.ahead).toBe(1);
  });

  it('refuses a ticket that is not waiting (409), an unknown one (404), no reason (400), the wrong roles', async () => {
    h = await startHub();
    const lobby = await h.login('L01');
    const [a1, a2] = await issue('A', 2);
    const s1 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
    await h.api('POST', '/api/windows/W1/call-next', undefined, s1);
    const notWaiting = await h.api('POST', `/api/tickets/${a1!.id}/move`, { serviceId: 'E', reason: 'x' }, lobby);
    expect([notWaiting.status, notWaiting.body.error.code]).toEqual([409, 'NOT_WAITING']);
    expect((await h.api('POST', '/api/tickets/20261123-nope/move', { serviceId: 'E', reason: 'x' }, lobby)).status).toBe(404);
    expect((await h.api('POST', `/api/tickets/${a2!.id}/move`, { serviceId: 'E', reason: '' }, lobby)).status).toBe(400);
    expect((await h.api('POST', `/api/tickets/${a2!.id}/move`, { serviceId: 'E', reason: 'x' }, s1)).status).toBe(403);
    expect((await h.api('POST', `/api/tickets/${a2!.id}/move`, { windowId: 'W5', reason: 'x' }, lobby)).body.error.code).toBe('WINDOW_NOT_SERVING');
    expect((await h.api('POST', `/api/tickets/${a2!.id}/priority`, { reason: '孕妇' }, lobby)).body).toMatchObject({ priority: true });
  });
});

describe('cancelling a waiting ticket', () => {
  it('from the phone with the ticket\'s key: a wrong key 403, the right one cancels, twice 409', async () => {
    h = await startHub();
    const [a1, a2] = await issue('A', 2);
    const key = h.keyOf(a1!.id)!;
    const wrong = await h.rawApi('POST', `/api/tickets/${a1!.id}/cancel`, { key: `${key}x` });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'WRONG_KEY']);
    const ok = await h.rawApi('POST', `/api/tickets/${a1!.id}/cancel`, { key });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'cancelled' });
    expect((await h.rawApi('POST', `/api/tickets/${a1!.id}/cancel`, { key })).status).toBe(409);
    expect((await h.api('GET', `/api/tickets/${a2!.id}`)).body.ahead).toBe(0);
    expect((await h.rawApi('POST', `/api/tickets/${a2!.id}/cancel`, {})).status).toBe(401);
  });

  it('by the lobby without a key; never by counter staff', async () => {
    h = await startHub();
    const [a1] = await issue('A', 1);
    expect((await h.rawApi('POST', `/api/tickets/${a1!.id}/cancel`, { reason: 'x' }, await h.login('S01'))).status).toBe(403);
    const r = await h.rawApi('POST', `/api/tickets/${a1!.id}/cancel`, { reason: '已离开大厅' }, await h.login('L01'));
    expect(r.body).toMatchObject({ status: 'cancelled' });
  });
});

describe('延时服务', () => {
  it('keeps a service issuing past its cut-off today', async () => {
    h = await startHub({ start: T('16:20') });
    const lobby = await h.login('L01');
    const ext = await h.api('POST', '/api/services/D/extend', { until: '17:00', reason: '仍有群众排队' }, lobby);
    expect(ext.body).toEqual({ serviceId: 'D', businessDay: '2026-11-23', until: '17:00' });
    h.clock.set(ms('16:45'));
    expect((await h.api('POST', '/api/tickets', { serviceId: 'D' })).status).toBe(201);
    expect((await h.api('GET', '/api/services')).body.find((s: { id: string }) => s.id === 'D').extendedUntil).toBe('17:00');
    h.clock.set(ms('17:00'));
    expect((await h.api('POST', '/api/tickets', { serviceId: 'D' })).body.error.code).toBe('SERVICE_CUT_OFF');
    expect((await h.api('POST', '/api/services/A/extend', { until: '18:00', reason: 'x' }, lobby)).body.error.code).toBe('NO_CUT_OFF');
    expect((await h.api('POST', '/api/services/D/extend', { until: '5pm', reason: 'x' }, lobby)).status).toBe(400);
  });
});
