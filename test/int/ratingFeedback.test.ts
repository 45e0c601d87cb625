import { afterEach, describe, expect, it } from 'vitest';
import { expectError } from '../support/contract.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A rating of 1 or 2 at the pad asks what went wrong and offers a call back; the answer becomes a
 * follow-up item in the manager's complaint register with its deadline (好差评), on disk.
 */
describe('what went wrong after a bad rating', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** S01 serves one ticket at window 1; the window's pad is paired. */
  async function servedAtW1(hub: TestHub) {
    const s01 = await hub.login('S01');
    await hub.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const t = await hub.api('POST', '/api/tickets', { serviceId: 'A' });
    await hub.api('POST', '/api/windows/W1/call-next', {}, s01);
    await hub.api('POST', '/api/windows/W1/finish', {}, s01);
    const pad = (await hub.pairDevice('pad', 'W1')).token;
    return { id: t.body.id as string, number: t.body.number as string, key: t.body.key as string, pad, s01 };
  }

  it('files a pad complaint due the next working day, with the reasons, the phone, the staffer and the window, kept across a restart', async () => {
    h = await startHub();
    const t = await servedAtW1(h);
    expect((await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 2 }, t.pad)).status).toBe(201);
    const r = await h.rawApi('POST', `/api/tickets/${t.id}/feedback`, { reasons: ['attitude', 'notice'], phone: '13800138000' }, t.pad);
    expect(r.status).toBe(201);
    // Monday 23 November: an ordinary complaint is answered by the next working day.
    expect(r.body).toEqual({ id: expect.stringMatching(/^complaint-/), dueDate: '2026-11-24' });

    const manager = await h.login('M01');
    const records = async () => (await h!.api('GET', '/api/admin/scoring/records?from=2026-11-23&to=2026-11-23', undefined, manager)).body;
    const [c] = (await records()).complaints;
    expect(c).toMatchObject({
      id: r.body.id, channel: 'pad', date: '2026-11-23', staffId: 'S01', windowId: 'W1', phone: '13800138000', ticketId: t.id,
      verified: false, dueDate: '2026-11-24', complexity: 'ordinary', overdue: false,
    });
    expect(c.content).toContain('态度');
    expect(c.content).toContain('一次性告知未做到');
    expect(c.content).toContain(t.number);

    const dataDir = h.dataDir;
    await h.close({ keepData: true });
    h = await startHub({ dataDir });
    const again = await h.login('M01');
    const after = (await h.api('GET', '/api/admin/scoring/records?from=2026-11-23&to=2026-11-23', undefined, again)).body;
    expect(after.complaints.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
  });

  it('takes the visitor\'s key too, and a call back is optional', async () => {
    h = await startHub();
    const t = await servedAtW1(h);
    expect((await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 1, key: t.key })).status).toBe(201);
    const r = await h.rawApi('POST', `/api/tickets/${t.id}/feedback`, { reasons: ['efficiency'], key: t.key });
    expect(r.status).toBe(201);
    const manager = await h.login('M01');
    const [c] = (await h.api('GET', '/api/admin/scoring/records', undefined, manager)).body.complaints;
    expect(c).toMatchObject({ phone: '', channel: 'pad' });
    expect(c.content).toContain('未留电话');
  });

  it('refuses feedback without a bad rating, twice, from a stranger, or malformed, and loses nothing', async () => {
    h = await startHub();
    const t = await servedAtW1(h);
    const send = (body: unknown, token: string | null = t.pad, id = t.id, headers?: Record<string, string>) =>
      h!.rawApi('POST', `/api/tickets/${id}/feedback`, body, token ?? undefined, headers);
    expectError(await send({ reasons: ['attitude'] }), 409, 'FEEDBACK_NOT_ASKED');
    expect((await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 2 }, t.pad)).status).toBe(201);
    expectError(await send({ reasons: ['attitude'] }, null), 403, 'RATING_FORBIDDEN');
    expectError(await send({ reasons: ['attitude'] }, t.s01), 403, 'RATING_FORBIDDEN');
    expectError(await send({ reasons: [] }), 400, 'BAD_REQUEST');
    expectError(await send({ reasons: ['rude'] }), 400, 'BAD_REQUEST');
    expectError(await send({ reasons: ['other'], phone: '12ab' }), 400, 'BAD_REQUEST');
    expectError(await send({ reasons: ['other'], phone: '123' }), 400, 'BAD_REQUEST');
    expectError(await send('"attitude"'), 400, 'BAD_REQUEST');
    expectError(await send({ reasons: ['other'] }, t.pad, '20261123-ffffffffff'), 404, 'UNKNOWN_TICKET');
    expect((await send({ reasons: ['other'], phone: ' 0571-8888 '.replace(/\D/g, '') })).status).toBe(201);
    const twice = await send({ reasons: ['attitude'] }, t.pad, t.id, { 'accept-language': 'en' });
    expectError(twice, 409, 'FEEDBACK_ALREADY_GIVEN');
    expect(twice.body.error.message).toBe('Feedback for this ticket has already been given');
    const manager = await h.login('M01');
    expect((await h.api('GET', '/api/admin/scoring/records', undefined, manager)).body.complaints).toHaveLength(1);
  });
});
