import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

describe('a ticket through the real hub', () => {
  let h: TestHub;
  beforeEach(async () => {
    h = await startHub();
  });
  afterEach(async () => {
    await h.close();
  });

  it('is issued, called, served, finished and rated', async () => {
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: 'A001', serviceId: 'A', ahead: 0, estimatedWaitMin: 0 });
    expect(issued.body.issuedAt).toBe('2026-11-23T08:00:00.000+08:00');

    const token = await h.login('S01');
    expect((await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token)).status).toBe(200);
    const called = await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'A001', status: 'called', windowId: 'W1', staffId: 'S01' });
    expect((await h.api('POST', '/api/windows/W1/start', {}, token)).status).toBe(200);
    const done = await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, token);
    expect(done.body.ticket).toMatchObject({ status: 'done', outcome: 'done' });

    const rated = await h.api('POST', `/api/tickets/${issued.body.id}/rating`, { score: 5 });
    expect(rated.status).toBe(201);
    const again = await h.api('POST', `/api/tickets/${issued.body.id}/rating`, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await h.api('GET', `/api/tickets/${issued.body.id}`)).body.rating).toBe(5);
  });
});

describe('A and B posts at one window', () => {
  let h: TestHub;
  beforeEach(async () => {
    h = await startHub();
  });
  afterEach(async () => {
    await h.close();
  });

  it('B takes over a paused window and the pause ends', async () => {
    const a = await h.login('S01');
    const b = await h.login('S02');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, a);
    const paused = await h.api('POST', '/api/windows/W1/pause', { reason: 'meeting', note: '三楼会议室', expectedBackAt: '2026-11-23T09:30:00+08:00' }, a);
    expect(paused.body).toMatchObject({ state: 'paused', pause: { reason: 'meeting', note: '三楼会议室' } });
    // B is A post of W2 and B post of W1.
    const cover = await h.api('POST', '/api/windows/W1/sign-in', { post: 'B' }, b);
    expect(cover.status).toBe(200);
    expect(cover.body).toMatchObject({ state: 'open', staffId: 'S02', post: 'B', pause: null });
    expect((await h.api('POST', '/api/windows/W1/resume', {}, a)).status).toBe(409);
  });

  it('hands an open window from A to B in one step, and refuses others', async () => {
    const a = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, a);
    const stranger = await h.login('S05');
    expect((await h.api('POST', '/api/windows/W1/sign-in', { post: 'B', handover: true }, stranger)).status).toBe(409);
    const b = await h.login('S02');
    expect((await h.api('POST', '/api/windows/W1/sign-in', { post: 'B' }, b)).body.error.code).toBe('WINDOW_TAKEN');
    const handed = await h.api('POST', '/api/windows/W1/sign-in', { post: 'B', handover: true }, b);
    expect(handed.body).toMatchObject({ state: 'open', staffId: 'S02', post: 'B' });
    const events = h.running.hub.journal.events.slice(-2).map((e) => [e.type, e.data]);
    expect(events).toEqual([
      ['StaffSignedOut', { windowId: 'W1', staffId: 'S01', reason: 'taken-over' }],
      ['StaffSignedIn', expect.objectContaining({ staffId: 'S02', post: 'B', takeoverFrom: 'S01' })],
    ]);
  });
});
