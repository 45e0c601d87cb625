import { afterEach, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { demoHall } from '../../server/demoHall.ts';
import type { HallEvent } from '../../shared/events.ts';
import { expectError, until } from '../support/contract.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** The demo hall with some staff edited: what an IT person does to the hall's file before QUEUE_CONFIG_UPDATE=1. */
function edited(change: (staff: { id: string; pin: string; role: string; name: string }[]) => typeof demoHall.staff) {
  return { ...demoHall, staff: change(demoHall.staff.map((s) => ({ ...s }))) };
}

/**
 * Tokens outlived a PIN change, a role change and a removal by up to 14 hours. Now a changed or
 * removed PIN or role ends the staffer's earlier tokens at once, and a manager can sign a staffer
 * out of every device.
 */
describe('staff tokens end when what they were issued for changes', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  /** Restarts the test hub on its data dir, importing `config` over the hall. */
  async function restartWith(config: unknown) {
    const dataDir = h.dataDir;
    const clock = h.clock;
    await h.close({ keepData: true });
    // The update is imported by createHub itself, as main.ts does with QUEUE_CONFIG_UPDATE=1.
    await (await createHub({ dataDir, config, updateConfig: true, clock, log: () => {} })).close();
    h = await startHub({ dataDir, clock });
  }

  it('a changed PIN, a changed role and a removal end earlier tokens; an unchanged staffer keeps theirs', async () => {
    h = await startHub();
    const s01 = await h.login('S01');
    const s02 = await h.login('S02');
    const s07 = await h.login('S07');
    const m01 = await h.login('M01');
    for (const t of [s01, s02, s07, m01]) expect((await h.api('GET', '/api/auth/me', undefined, t)).status).toBe(200);
    await restartWith(edited((staff) => staff
      .filter((s) => s.id !== 'S07')
      .map((s) => (s.id === 'S01' ? { ...s, pin: '246810' } : s.id === 'M01' ? { ...s, role: 'staff' } : s)) as typeof demoHall.staff));
    expectError(await h.api('GET', '/api/auth/me', undefined, s01), 401);
    expectError(await h.api('GET', '/api/auth/me', undefined, s07), 401);
    expectError(await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, m01), 401);
    expectError(await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01), 401);
    expect((await h.api('GET', '/api/auth/me', undefined, s02)).status).toBe(200);
    // The new PIN works; the old one does not.
    expect((await h.api('POST', '/api/auth/login', { staffId: 'S01', pin: '246810' })).status).toBe(200);
    expect((await h.api('POST', '/api/auth/login', { staffId: 'S01', pin: '100001' })).status).toBe(401);
  });

  it('a manager signs a staffer out of every device; a new login works', async () => {
    h = await startHub();
    const counter = await h.login('S01');
    const phone = await h.login('S01');
    const other = await h.login('S02');
    const manager = await h.login('M01');
    expectError(await h.api('POST', '/api/staff/S01/sign-out-everywhere', {}, other), 403);
    expectError(await h.api('POST', '/api/staff/NOPE/sign-out-everywhere', {}, manager), 404);
    expect((await h.api('POST', '/api/staff/S01/sign-out-everywhere', {}, manager)).body).toEqual({ staffId: 'S01', signedOut: true });
    for (const t of [counter, phone]) expectError(await h.api('GET', '/api/auth/me', undefined, t), 401);
    expect((await h.api('GET', '/api/auth/me', undefined, other)).status).toBe(200);
    const fresh = await h.login('S01');
    expect((await h.api('GET', '/api/auth/me', undefined, fresh)).status).toBe(200);
    // It is on disk: after a restart the old tokens stay ended, the new one works.
    const dataDir = h.dataDir;
    const clock = h.clock;
    await h.close({ keepData: true });
    h = await startHub({ dataDir, clock });
    expectError(await h.api('GET', '/api/auth/me', undefined, counter), 401);
    expect((await h.api('GET', '/api/auth/me', undefined, fresh)).status).toBe(200);
  });

  it('a staff socket that was signed out everywhere falls back to the public view on its next sync', async () => {
    h = await startHub();
    const s01 = await h.login('S01');
    const manager = await h.login('M01');
    const sock = h.socket({ token: s01 });
    await new Promise<void>((r) => sock.on('connect', () => r()));
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'B', reason: '缺少户口簿' }, s01);
    expect(JSON.stringify(await sock.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 }))).toContain('缺少户口簿');
    await h.api('POST', '/api/staff/S01/sign-out-everywhere', {}, manager);
    expect(JSON.stringify(await sock.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 }))).not.toContain('缺少户口簿');
  });

  it('a staff socket signed out everywhere gets the next event in the public view at once, without syncing', async () => {
    h = await startHub();
    const s01 = await h.login('S01');
    const s02 = await h.login('S02');
    const manager = await h.login('M01');
    const sock = h.socket({ token: s01 });
    const other = h.socket({ token: s02 });
    const got: HallEvent[] = [];
    const otherGot: HallEvent[] = [];
    sock.on('hall:event', (e: HallEvent) => got.push(e));
    other.on('hall:event', (e: HallEvent) => otherGot.push(e));
    await Promise.all([sock, other].map((s) => new Promise<void>((r) => s.on('connect', () => r()))));
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'B', reason: '缺少户口簿' }, s01);
    await until(() => got.some((e) => e.type === 'TicketTransferred'));
    expect(JSON.stringify(got)).toContain('缺少户口簿');

    await h.api('POST', '/api/staff/S01/sign-out-everywhere', {}, manager);
    // S02, still signed in, transfers the next ticket: only S02's socket reads why.
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, s02);
    await h.api('POST', '/api/windows/W2/call-next', {}, s02);
    await h.api('POST', '/api/windows/W2/transfer', { serviceId: 'C', reason: '需要房产证' }, s02);
    await until(() => got.filter((e) => e.type === 'TicketTransferred').length === 2 && otherGot.filter((e) => e.type === 'TicketTransferred').length === 2);
    expect(JSON.stringify(got.filter((e) => e.type === 'TicketTransferred').at(-1))).not.toContain('需要房产证');
    expect(JSON.stringify(otherGot.filter((e) => e.type === 'TicketTransferred').at(-1))).toContain('需要房产证');
  });
});
