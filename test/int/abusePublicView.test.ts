import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { eventFor, publicEvent } from '../../server/eventViews.ts';
import { recorder, until } from '../support/contract.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const REASON = '客户欧阳 13912345678 材料不全';

/**
 * A transfer's free-text reason ("客户欧阳 13912345678") reached every tokenless socket. Public
 * sockets now get a public view of each event (numbers, windows, who is on duty, pause notices),
 * in broadcasts and in sync answers alike; staff sockets still read the reason.
 */
describe('the public view of events', () => {
  let h: TestHub;
  let publicScreen: Awaited<ReturnType<typeof recorder>>;
  const staffEvents: HallEvent[] = [];
  let staffSocket: ReturnType<TestHub['socket']>;
  beforeAll(async () => {
    h = await startHub();
    publicScreen = await recorder(h);
    const s01 = await h.login('S01');
    staffSocket = h.socket({ token: s01 });
    staffSocket.on('hall:event', (e: HallEvent) => staffEvents.push(e));
    await new Promise<void>((r) => staffSocket.on('connect', () => r()));
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    expect((await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'B', reason: REASON }, s01)).status).toBe(200);
    await h.api('POST', '/api/windows/W1/pause', { reason: 'errand', note: '去档案室，10分钟回' }, s01);
    await until(() => publicScreen.events.some((e) => e.type === 'WindowPaused') && staffEvents.some((e) => e.type === 'WindowPaused'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps the transfer reason and the issuing address off tokenless sockets, in broadcasts and sync answers', async () => {
    const sync = await publicScreen.socket.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 });
    for (const [what, value] of [['broadcast', publicScreen.events], ['sync', sync]] as const) {
      const text = JSON.stringify(value);
      expect(text, what).not.toContain('13912345678');
      expect(text, what).not.toContain('欧阳');
      expect(text, what).not.toContain('127.0.0.1');
      expect(text, what).not.toContain('issuedBy');
    }
    const transfer = publicScreen.events.find((e) => e.type === 'TicketTransferred')!;
    expect(transfer.data).toMatchObject({ number: 'A001', toServiceId: 'B', windowId: 'W1' });
  });

  it('still shows the pause notice (去向留言) and who is on duty to everyone', () => {
    const paused = publicScreen.events.find((e) => e.type === 'WindowPaused')!;
    expect(paused.data).toMatchObject({ reason: 'errand', note: '去档案室，10分钟回', windowId: 'W1', staffId: 'S01' });
    expect(publicScreen.events.find((e) => e.type === 'StaffSignedIn')!.data).toMatchObject({ staffName: '张敏' });
  });

  it('lets a staff socket read the reason (the next window needs it), never the ticket key or address', async () => {
    const transfer = staffEvents.find((e) => e.type === 'TicketTransferred')!;
    expect((transfer.data as { reason: string }).reason).toBe(REASON);
    const sync = await staffSocket.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 });
    expect(JSON.stringify(sync)).toContain(REASON);
    expect(JSON.stringify([staffEvents, sync])).not.toMatch(/keyHash|issuedBy|127\.0\.0\.1/);
  });

  it('keeps seq gap-free for public screens: every event arrives, cut down', () => {
    const seqs = publicScreen.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });
});

describe('the public view is an allow-list per event type', () => {
  it('sends a type it does not know with empty data, so a new event cannot leak by default', () => {
    const future = { seq: 9, type: 'ComplaintFiled', at: '2026-11-23T09:00:00.000+08:00', data: { text: '王某 13800001111 态度差' } } as unknown as HallEvent;
    expect(publicEvent(future)).toEqual({ seq: 9, type: 'ComplaintFiled', at: future.at, data: {} });
    expect(eventFor('staff', future).data).toEqual({});
  });

  it('keeps booking names, phones and codes off public and staff sockets; managers get all but the code', () => {
    const booked = {
      seq: 3, type: 'AppointmentBooked', at: '2026-11-23T09:00:00.000+08:00',
      data: { appointmentId: 'P1', code: '123456', serviceId: 'A', date: '2026-11-24', start: 's', end: 'e', phone: '13912345678', name: '欧阳', by: 'visitor' },
    } as unknown as HallEvent;
    for (const who of ['public', 'staff'] as const) expect(JSON.stringify(eventFor(who, booked))).not.toMatch(/13912345678|欧阳|123456/);
    const m = eventFor('manager', booked).data as Record<string, unknown>;
    expect(m.phone).toBe('13912345678');
    expect(m.code).toBeUndefined();
  });
});
