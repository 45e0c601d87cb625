import { afterEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { expectError, recorder, until } from '../support/contract.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A rating needs the window's paired pad or the ticket's key: a ticket id seen on a public socket
 * is not enough (a phone on the hall's Wi-Fi rated ten services 1 before their visitors could).
 */
describe('who may rate a service', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  /** Issues a ticket at W1's service and has S01 serve and finish it. */
  async function served(token: string): Promise<{ id: string; key: string }> {
    const t = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(t.status).toBe(201);
    await h.api('POST', '/api/windows/W1/call-next', {}, token);
    await h.api('POST', '/api/windows/W1/finish', {}, token);
    return { id: t.body.id, key: t.body.key };
  }

  it('refuses a rating with only what a public socket shows, and takes the visitor\'s key', async () => {
    h = await startHub();
    const screen = await recorder(h);
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const t = await served(s01);
    await until(() => screen.events.some((e) => e.type === 'ServiceFinished'));
    const seen = screen.events.find((e) => e.type === 'ServiceFinished') as HallEvent;
    const idFromSocket = (seen.data as { ticketId: string }).ticketId;
    expect(idFromSocket).toBe(t.id);

    expectError(await h.rawApi('POST', `/api/tickets/${idFromSocket}/rating`, { score: 1 }), 403, 'RATING_FORBIDDEN');
    expectError(await h.rawApi('POST', `/api/tickets/${idFromSocket}/rating`, { score: 1, key: 'guessed-key-123' }), 403, 'RATING_FORBIDDEN');
    // A staff token is not a pad either.
    expectError(await h.rawApi('POST', `/api/tickets/${idFromSocket}/rating`, { score: 1 }, s01), 403, 'RATING_FORBIDDEN');
    expect((await h.rawApi('GET', `/api/tickets/${t.id}`)).body.rating).toBeNull();

    const ok = await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 5, key: t.key });
    expect(ok.status).toBe(201);
    expect(ok.body.rating).toBe(5);
    expectError(await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 1, key: t.key }), 409, 'ALREADY_RATED');
  });

  it('gives the key in the 201 only: never on a socket, a sync answer or GET /api/tickets/:id', async () => {
    h = await startHub();
    const screen = await recorder(h);
    const manager = await h.login('M01');
    const staffScreen = h.socket({ token: manager });
    const managerEvents: HallEvent[] = [];
    staffScreen.on('hall:event', (e: HallEvent) => managerEvents.push(e));
    await new Promise<void>((r) => staffScreen.on('connect', () => r()));
    const t = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(t.body.key).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await until(() => screen.events.length > 0 && managerEvents.length > 0);
    const sync = await screen.socket.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 });
    const got = await h.rawApi('GET', `/api/tickets/${t.body.id}`);
    for (const [what, value] of [['public event', screen.events], ['manager event', managerEvents], ['sync', sync], ['GET', got.body]] as const) {
      const text = JSON.stringify(value);
      expect(text, what).not.toContain(t.body.key);
      expect(text, what).not.toContain('keyHash');
    }
  });

  it('keeps a ticket\'s key working after a restart (its hash is journaled)', async () => {
    h = await startHub();
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const t = await served(s01);
    const dataDir = h.dataDir;
    await h.close({ keepData: true });
    h = await startHub({ dataDir });
    expectError(await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 4, key: t.key.slice(0, -1) + (t.key.endsWith('A') ? 'B' : 'A') }), 403);
    expect((await h.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 4, key: t.key })).status).toBe(201);
  });

  it('lets the window\'s pad rate only the ticket last finished there, within 10 minutes', async () => {
    h = await startHub();
    const pad1 = await h.pairDevice('pad', 'W1');
    const pad3 = await h.pairDevice('pad', 'W3');
    const kiosk = h.kioskToken;
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const first = await served(s01);
    const second = await served(s01);
    // Another window's pad, a kiosk, and the older ticket: refused.
    expectError(await h.rawApi('POST', `/api/tickets/${second.id}/rating`, { score: 1 }, pad3.token), 403, 'RATING_FORBIDDEN');
    expectError(await h.rawApi('POST', `/api/tickets/${second.id}/rating`, { score: 1 }, kiosk), 403, 'RATING_FORBIDDEN');
    expectError(await h.rawApi('POST', `/api/tickets/${first.id}/rating`, { score: 1 }, pad1.token), 403, 'RATING_FORBIDDEN');
    expect((await h.rawApi('POST', `/api/tickets/${second.id}/rating`, { score: 5 }, pad1.token)).status).toBe(201);

    const third = await served(s01);
    h.clock.advance(10 * 60_000 + 1000);
    expectError(await h.rawApi('POST', `/api/tickets/${third.id}/rating`, { score: 5 }, pad1.token), 403, 'RATING_FORBIDDEN');
    // The visitor's key still works after the pad's ten minutes.
    expect((await h.rawApi('POST', `/api/tickets/${third.id}/rating`, { score: 4, key: third.key })).status).toBe(201);
  });
});

describe('paired devices', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  it('a manager creates a pad with a one-time 6-digit code; the pad pairs once and rates with its token', async () => {
    h = await startHub();
    const manager = await h.login('M01');
    const staff = await h.login('S01');
    expectError(await h.rawApi('POST', '/api/devices', { kind: 'pad', windowId: 'W1' }), 401);
    expectError(await h.rawApi('POST', '/api/devices', { kind: 'pad', windowId: 'W1' }, staff), 403);
    expectError(await h.rawApi('POST', '/api/devices', { kind: 'pad' }, manager), 400);
    expectError(await h.rawApi('POST', '/api/devices', { kind: 'pad', windowId: 'W99' }, manager), 404);
    const created = await h.rawApi('POST', '/api/devices', { kind: 'pad', name: '1号窗口评价器', windowId: 'W1' }, manager);
    expect(created.status).toBe(201);
    expect(created.body.pairingCode).toMatch(/^\d{6}$/);
    const paired = await h.rawApi('POST', '/api/devices/pair', { pairingCode: created.body.pairingCode });
    expect(paired.status).toBe(200);
    expect(paired.body.deviceId).toBe(created.body.id);
    expect(typeof paired.body.deviceToken).toBe('string');
    expectError(await h.rawApi('POST', '/api/devices/pair', { pairingCode: created.body.pairingCode }), 403, 'BAD_PAIRING_CODE');
    const me = await h.rawApi('GET', '/api/devices/me', undefined, paired.body.deviceToken);
    expect(me.body).toMatchObject({ kind: 'pad', windowId: 'W1' });
    const list = await h.rawApi('GET', '/api/devices', undefined, manager);
    expect(list.body.find((d: { id: string }) => d.id === created.body.id)).toMatchObject({ status: 'paired', windowId: 'W1' });
    expect(JSON.stringify(list.body)).not.toContain(paired.body.deviceToken);
  });

  it('a code expires after 15 minutes, and wrong codes are throttled per address like PINs', async () => {
    h = await startHub();
    const manager = await h.login('M01');
    const late = await h.rawApi('POST', '/api/devices', { kind: 'kiosk' }, manager);
    h.clock.advance(15 * 60_000 + 1);
    expectError(await h.rawApi('POST', '/api/devices/pair', { pairingCode: late.body.pairingCode }), 403, 'BAD_PAIRING_CODE');
    const fresh = await h.rawApi('POST', '/api/devices', { kind: 'kiosk' }, manager);
    // Four more wrong codes reach the limit of five; the right code is then refused too.
    for (let i = 0; i < 4; i++) {
      const wrong = String((Number(fresh.body.pairingCode) + 1 + i) % 1_000_000).padStart(6, '0');
      expectError(await h.rawApi('POST', '/api/devices/pair', { pairingCode: wrong }), 403, 'BAD_PAIRING_CODE');
    }
    expectError(await h.rawApi('POST', '/api/devices/pair', { pairingCode: fresh.body.pairingCode }), 429, 'TOO_MANY_ATTEMPTS');
  });

  it('a revoked kiosk\'s token stops at once', async () => {
    h = await startHub();
    const manager = await h.login('M01');
    const kiosk = await h.pairDevice('kiosk');
    expect((await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }, kiosk.token)).status).toBe(201);
    expect((await h.rawApi('DELETE', `/api/devices/${kiosk.deviceId}`, undefined, manager)).body.status).toBe('revoked');
    expectError(await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }, kiosk.token), 401, 'DEVICE_NOT_PAIRED');
    expectError(await h.rawApi('GET', '/api/devices/me', undefined, kiosk.token), 401);
    // Revocation is on disk: it holds after a restart.
    const dataDir = h.dataDir;
    await h.close({ keepData: true });
    h = await startHub({ dataDir });
    expectError(await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }, kiosk.token), 401, 'DEVICE_NOT_PAIRED');
  });
});
