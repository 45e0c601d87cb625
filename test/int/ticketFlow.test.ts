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
