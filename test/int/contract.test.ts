import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { CHINESE, HALL_TIME, expectError, keeping, recorder, timesIn, until } from '../support/contract.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The public contract (CONTRACT.md), line by line, against one real hub: the demo hall through
 * Monday 2026-11-23. The steps run in order and share the hall, as a day does.
 */
describe('the public contract', () => {
  let h: TestHub;
  let api: TestHub['api'];
  const answers: unknown[] = [];
  const tok: Record<string, string> = {};
  let screen: Awaited<ReturnType<typeof recorder>>;
  const at = (hhmm: string) => h.clock.set(Date.parse(`2026-11-23T${hhmm}+08:00`));
  const act = (staff: string, win: string, action: string, body?: unknown, headers?: Record<string, string>) =>
    api('POST', `/api/windows/${win}/${action}`, body, tok[staff], headers);
  const issue = async (serviceId: string) => (await api('POST', '/api/tickets', { serviceId })).body;
  const ticket = async (id: string) => (await api('GET', `/api/tickets/${id}`)).body;
  const ok = async (staff: string, win: string, action: string, body?: unknown) => {
    const r = await act(staff, win, action, body);
    if (r.status !== 200) throw new Error(`${staff} ${action} ${win}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const seq = () => h.running.hub.journal.lastSeq;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHub({ start: '2026-11-23T07:50:00+08:00' });
    api = keeping(h, answers);
    screen = await recorder(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GET /api/health: 200 { ok, businessDay, seq } with seq the last durable event', async () => {
    const r = await api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, businessDay: '2026-11-23', seq: 0 });
  });

  it('POST /api/tickets: 201 { id, number, serviceId, issuedAt, ahead, estimatedWaitMin }, durable before the answer', async () => {
    const first = await api('POST', '/api/tickets', { serviceId: 'A', priority: false });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 'A001', serviceId: 'A', issuedAt: '2026-11-23T07:50:00.000+08:00', ahead: 0, estimatedWaitMin: 0 });
    expect(typeof first.body.id).toBe('string');
    const journal = readFileSync(join(h.dataDir, 'journal', '2026-11-23.jsonl'), 'utf8');
    expect(journal).toContain(first.body.id);
    h.clock.advance(1000);
    const second = (await api('POST', '/api/tickets', { serviceId: 'A' })).body;
    expect(second).toMatchObject({ number: 'A002', ahead: 1 });
    expect(Number.isInteger(second.estimatedWaitMin) && second.estimatedWaitMin > 0).toBe(true);
    [ids.A001, ids.A002] = [first.body.id, second.id];
    expect((await api('GET', '/api/health')).body.seq).toBe(2);
  });

  it('GET /api/services: 200 [{ id, name, prefix, waiting, estimatedWaitMin }]', async () => {
    const r = await api('GET', '/api/services');
    expect(r.status).toBe(200);
    const a = r.body.find((s: { id: string }) => s.id === 'A');
    expect(a).toMatchObject({ id: 'A', name: '社保医保', prefix: 'A', waiting: 2 });
    expect(a.estimatedWaitMin).toBeGreaterThan(0);
    for (const s of r.body) expect(Number.isInteger(s.waiting) && Number.isInteger(s.estimatedWaitMin)).toBe(true);
  });

  it('GET /api/tickets/:id: every field, times null until they happen, no outcome before done', async () => {
    const t = await ticket(ids.A002!);
    for (const f of ['id', 'number', 'serviceId', 'status', 'issuedAt', 'calledAt', 'startedAt', 'finishedAt', 'windowId', 'staffId', 'ahead', 'rating']) {
      expect(t, f).toHaveProperty(f);
    }
    expect(t).toMatchObject({ status: 'waiting', calledAt: null, startedAt: null, finishedAt: null, windowId: null, staffId: null, ahead: 1, rating: null });
    expect(t).not.toHaveProperty('outcome');
    expectError(await api('GET', '/api/tickets/20261123-0000000000'), 404, 'UNKNOWN_TICKET');
  });

  it('login: 200 { token, staff: { id, name, role } }, 401 on a bad pair, 400 on bad input', async () => {
    const r = await api('POST', '/api/auth/login', { staffId: 'M01', pin: '900001' });
    expect(r.status).toBe(200);
    expect(r.body.staff).toEqual({ id: 'M01', name: '周主任', role: 'manager' });
    tok.M01 = r.body.token;
    for (const s of ['S01', 'S02', 'S03', 'S05', 'S06', 'S07']) tok[s] = await h.login(s);
    expectError(await api('POST', '/api/auth/login', { staffId: 'S01', pin: '999999' }), 401, 'BAD_CREDENTIALS');
    expectError(await api('POST', '/api/auth/login', { staffId: 'NOBODY', pin: '1' }), 401);
    expectError(await api('POST', '/api/auth/login', { staffId: 'S01' }), 400);
  });

  it('sign-in: post required; 200 window state; again 200; a window held by another 409; one window per staffer', async () => {
    at('07:55:00');
    expectError(await act('S01', 'W1', 'sign-in', {}), 400);
    const w = await act('S01', 'W1', 'sign-in', { post: 'A' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ id: 'W1', number: 1, state: 'open', staffId: 'S01', post: 'A', currentTicketId: null, pause: null });
    const before = seq();
    expect((await act('S01', 'W1', 'sign-in', { post: 'A' })).status).toBe(200);
    expect(seq()).toBe(before);
    expectError(await act('S02', 'W1', 'sign-in', { post: 'B' }), 409, 'WINDOW_TAKEN');
    expectError(await act('S01', 'W2', 'sign-in', { post: 'B' }), 409);
    expectError(await act('S01', 'W99', 'sign-in', { post: 'A' }), 404);
    for (const [s, win] of [['S02', 'W2'], ['S05', 'W5'], ['S06', 'W6']]) await ok(s!, win!, 'sign-in', { post: 'A' });
  });

  it('GET /api/windows: 200 [{ id, number, name, state, staffId, post, currentTicketId, pause }]', async () => {
    const r = await api('GET', '/api/windows');
    expect(r.status).toBe(200);
    expect(r.body.map((w: { id: string }) => w.id)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    for (const w of r.body) {
      for (const f of ['id', 'number', 'name', 'state', 'staffId', 'post', 'currentTicketId', 'pause']) expect(w, f).toHaveProperty(f);
      expect(['closed', 'open', 'paused']).toContain(w.state);
    }
    expect(r.body[0]).toMatchObject({ number: 1, name: '社保医保窗口', state: 'open', staffId: 'S01', post: 'A' });
    expect(r.body[2]).toMatchObject({ state: 'closed', staffId: null, post: null, currentTicketId: null, pause: null });
  });

  it('call-next: 200 { ticket } called at this window, attributed to the staffer, window and post; 409 while in hand', async () => {
    at('08:00:00');
    expectError(await act('S02', 'W1', 'call-next'), 409, 'NOT_SIGNED_IN');
    const r = await act('S01', 'W1', 'call-next');
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ id: ids.A001, number: 'A001', status: 'called', calledAt: '2026-11-23T08:00:00.000+08:00', windowId: 'W1', staffId: 'S01', post: 'A' });
    await until(() => screen.events.some((e) => e.type === 'TicketCalled'));
    const called = screen.events.find((e) => e.type === 'TicketCalled')!;
    expect(called.data).toMatchObject({ ticketId: ids.A001, number: 'A001', windowId: 'W1', windowNumber: 1, serviceId: 'A' });
    expectError(await act('S01', 'W1', 'call-next'), 409, 'TICKET_IN_HAND');
    expect((await api('GET', '/api/windows')).body[0].currentTicketId).toBe(ids.A001);
  });

  it('recall and start: calledAt stays the first call; startedAt set; finishedAt still null', async () => {
    at('08:01:00');
    const recalled = await act('S01', 'W1', 'recall');
    expect(recalled.status).toBe(200);
    expect(recalled.body.ticket).toMatchObject({ status: 'called', calledAt: '2026-11-23T08:00:00.000+08:00' });
    at('08:02:00');
    expect((await act('S01', 'W1', 'start')).status).toBe(200);
    expect(await ticket(ids.A001!)).toMatchObject({ status: 'serving', calledAt: '2026-11-23T08:00:00.000+08:00', startedAt: '2026-11-23T08:02:00.000+08:00', finishedAt: null });
    expectError(await api('POST', `/api/tickets/${ids.A001}/rating`, { score: 5 }), 409);
  });

  it('finish: outcome defaults to done; finishedAt set; a rating is 201 once, after service, 409 after', async () => {
    at('08:10:00');
    const r = await act('S01', 'W1', 'finish');
    expect(r.status).toBe(200);
    const t = await ticket(ids.A001!);
    expect(t).toMatchObject({ status: 'done', outcome: 'done', finishedAt: '2026-11-23T08:10:00.000+08:00', calledAt: '2026-11-23T08:00:00.000+08:00' });
    expectError(await api('POST', `/api/tickets/${ids.A001}/rating`, { score: 9 }), 400);
    expect((await api('POST', `/api/tickets/${ids.A001}/rating`, { score: 5 })).status).toBe(201);
    expectError(await api('POST', `/api/tickets/${ids.A001}/rating`, { score: 4 }), 409, 'ALREADY_RATED');
    expect((await ticket(ids.A001!)).rating).toBe(5);
    expectError(await api('POST', '/api/tickets/20261123-0000000000/rating', { score: 5 }), 404);
  });

  it('no-show: the ticket ends no-show, with no finishedAt, no outcome and no rating', async () => {
    at('08:11:00');
    await ok('S01', 'W1', 'call-next');
    const r = await act('S01', 'W1', 'no-show');
    expect(r.status).toBe(200);
    const t = await ticket(ids.A002!);
    expect(t).toMatchObject({ status: 'no-show', finishedAt: null, startedAt: null, calledAt: '2026-11-23T08:11:00.000+08:00' });
    expect(t).not.toHaveProperty('outcome');
    expectError(await api('POST', `/api/tickets/${ids.A002}/rating`, { score: 5 }), 409);
  });

  it('transfer: the same ticket waits in the new queue at its issue time; calledAt stays the first call', async () => {
    at('08:12:00');
    await ok('S03', 'W3', 'sign-in', { post: 'A' });
    at('08:15:00');
    ids.A003 = (await issue('A')).id;
    at('08:16:00');
    ids.B001 = (await issue('B')).id;
    at('08:17:00');
    await ok('S01', 'W1', 'call-next');
    expectError(await act('S01', 'W1', 'transfer', {}), 400);
    expectError(await act('S01', 'W1', 'transfer', { serviceId: 'ZZ' }), 404);
    at('08:18:00');
    const r = await act('S01', 'W1', 'transfer', { serviceId: 'B' });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ id: ids.A003, number: 'A003', serviceId: 'B', status: 'waiting', issuedAt: '2026-11-23T08:15:00.000+08:00', calledAt: '2026-11-23T08:17:00.000+08:00', finishedAt: null, ahead: 0 });
    expect((await ticket(ids.B001!)).ahead).toBe(1);
    at('08:20:00');
    const again = await ok('S03', 'W3', 'call-next');
    expect(again.ticket).toMatchObject({ id: ids.A003, windowId: 'W3', staffId: 'S03', calledAt: '2026-11-23T08:17:00.000+08:00' });
    await ok('S03', 'W3', 'start');
    at('08:25:00');
    expect((await ok('S03', 'W3', 'finish', { outcome: 'one-time-notice' })).ticket).toMatchObject({ status: 'done', outcome: 'one-time-notice' });
    await ok('S03', 'W3', 'call-next');
    expect((await ok('S03', 'W3', 'finish', { outcome: 'not-accepted' })).ticket).toMatchObject({ id: ids.B001, outcome: 'not-accepted' });
    expectError(await act('S03', 'W3', 'finish', { outcome: 'maybe' }), 400);
  });

  it('two windows calling at the same instant never get the same ticket', async () => {
    at('08:30:00');
    await issue('A');
    await issue('A');
    const [one, two] = await Promise.all([act('S01', 'W1', 'call-next'), act('S02', 'W2', 'call-next')]);
    expect(new Set([one!.body.ticket.number, two!.body.ticket.number])).toEqual(new Set(['A004', 'A005']));
    at('08:40:00');
    await ok('S01', 'W1', 'finish');
    await ok('S02', 'W2', 'finish');
  });

  it('pause: 200, the window shows the notice; a paused window calls nobody', async () => {
    at('09:00:00');
    expectError(await act('S01', 'W1', 'pause', { reason: 'nap' }), 400);
    const r = await act('S01', 'W1', 'pause', { reason: 'meeting', note: '三楼会议室', expectedBackAt: '2026-11-23T10:00:00+08:00' });
    expect(r.status).toBe(200);
    const w1 = (await api('GET', '/api/windows')).body[0];
    expect(w1).toMatchObject({ state: 'paused', staffId: 'S01', pause: { reason: 'meeting', note: '三楼会议室' } });
    expect(Date.parse(w1.pause.expectedBackAt)).toBe(Date.parse('2026-11-23T10:00:00+08:00'));
    expectError(await act('S01', 'W1', 'call-next'), 409);
  });

  it('sign-in at a window its staffer paused: the newcomer takes it over (cover) and the pause ends', async () => {
    at('09:04:00');
    const r = await act('S07', 'W1', 'sign-in', { post: 'B' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'open', staffId: 'S07', post: 'B', pause: null });
    expectError(await act('S01', 'W1', 'resume'), 409);
    ids.E001 = (await issue('E')).id;
    expect((await ok('S07', 'W1', 'call-next')).ticket).toMatchObject({ id: ids.E001, staffId: 'S07', windowId: 'W1', post: 'B' });
    await ok('S07', 'W1', 'finish');
  });

  it('resume: 200 and the notice is gone; sign-out: 200 also while paused', async () => {
    at('09:10:00');
    await ok('S02', 'W2', 'pause', { reason: 'break' });
    const resumed = await act('S02', 'W2', 'resume');
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ state: 'open', pause: null });
    await ok('S02', 'W2', 'pause', { reason: 'errand', note: '档案室' });
    const out = await act('S02', 'W2', 'sign-out');
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ state: 'closed', staffId: null, pause: null });
  });

  it('sign-out with a called ticket: it goes back to waiting at its place; 409 while a ticket is served', async () => {
    at('09:20:00');
    ids.A006 = (await issue('A')).id;
    at('09:21:00');
    ids.A007 = (await issue('A')).id;
    at('09:22:00');
    expect((await ok('S07', 'W1', 'call-next')).ticket.id).toBe(ids.A006);
    expect((await act('S07', 'W1', 'sign-out')).status).toBe(200);
    expect(await ticket(ids.A006!)).toMatchObject({ status: 'waiting', ahead: 0, calledAt: '2026-11-23T09:22:00.000+08:00', finishedAt: null });
    expect((await ticket(ids.A007!)).ahead).toBe(1);
    at('09:25:00');
    await ok('S01', 'W1', 'sign-in', { post: 'A' });
    at('09:40:00');
    await issue('B');
    await ok('S03', 'W3', 'call-next');
    await ok('S03', 'W3', 'start');
    expectError(await act('S03', 'W3', 'sign-out'), 409, 'TICKET_IN_SERVICE');
    await ok('S03', 'W3', 'finish');
  });

  it('Idempotency-Key: a repeat by the same staffer, window and action gets the stored answer and nothing else happens', async () => {
    at('09:50:00');
    const k1 = { 'Idempotency-Key': 'w3-tap-1' };
    const empty = await act('S03', 'W3', 'call-next', undefined, k1);
    expectError(empty, 404, 'QUEUE_EMPTY');
    const b3 = await issue('B');
    const before = seq();
    expect(await act('S03', 'W3', 'call-next', undefined, k1)).toEqual(empty);
    expect(seq()).toBe(before);
    expect((await ticket(b3.id)).status).toBe('waiting');
    const k2 = { 'Idempotency-Key': 'w3-tap-2' };
    const called = await act('S03', 'W3', 'call-next', undefined, k2);
    expect(called.body.ticket.id).toBe(b3.id);
    expect(await act('S03', 'W3', 'call-next', undefined, k2)).toEqual(called);
    expect(seq()).toBe(before + 1);
    // The same key for another action is another request.
    expect((await act('S03', 'W3', 'no-show', undefined, k2)).body.ticket).toMatchObject({ id: b3.id, status: 'no-show' });
  });

  it('Idempotency-Key: a retry sent while the first is still in flight gets the same answer', async () => {
    const b4 = await issue('B');
    const k3 = { 'Idempotency-Key': 'w3-tap-3' };
    const before = seq();
    const [one, two] = await Promise.all([act('S03', 'W3', 'call-next', undefined, k3), act('S03', 'W3', 'call-next', undefined, k3)]);
    expect(two).toEqual(one);
    expect(one!.body.ticket.id).toBe(b4.id);
    expect(seq()).toBe(before + 1);
    at('09:55:00');
    await ok('S03', 'W3', 'finish');
  });

  it('a service day for the reports: D001 waits 5 minutes and is served for 10; S05 steps away and leaves early', async () => {
    at('10:00:00');
    await issue('D');
    at('10:05:00');
    await ok('S05', 'W5', 'call-next');
    at('10:06:00');
    await ok('S05', 'W5', 'start');
    at('10:16:00');
    await ok('S05', 'W5', 'finish');
    at('10:30:00');
    await ok('S05', 'W5', 'pause', { reason: 'other' });
    at('10:50:00');
    await ok('S05', 'W5', 'resume');
    at('11:40:00');
    await ok('S05', 'W5', 'sign-out');
    at('14:30:00');
    await ok('S05', 'W5', 'sign-in', { post: 'A' });
  });

  it('login throttle: after 5 wrong PINs within 15 minutes, 429 for 15 minutes, even to the right PIN', async () => {
    at('12:10:00');
    for (let i = 0; i < 5; i++) {
      expectError(await api('POST', '/api/auth/login', { staffId: 'S04', pin: '000000' }), 401);
      h.clock.advance(60_000);
    }
    // The fifth wrong PIN came at 12:14: locked until 12:29.
    expectError(await api('POST', '/api/auth/login', { staffId: 'S04', pin: '100004' }), 429, 'TOO_MANY_ATTEMPTS');
    expect((await api('POST', '/api/auth/login', { staffId: 'S06', pin: '100006' })).status).toBe(200);
    at('12:28:59.999');
    expectError(await api('POST', '/api/auth/login', { staffId: 'S04', pin: '100004' }), 429);
    at('12:29:00');
    expect((await api('POST', '/api/auth/login', { staffId: 'S04', pin: '100004' })).status).toBe(200);
  });

  it('POST /api/tickets with priority: true: the green channel goes ahead of regular tickets', async () => {
    at('17:00:00');
    ids.C001 = (await issue('C')).id;
    at('17:01:00');
    const priority = await api('POST', '/api/tickets', { serviceId: 'C', priority: true });
    expect(priority.status).toBe(201);
    expect(priority.body).toMatchObject({ number: 'C002', priority: true, ahead: 0 });
    ids.C002 = priority.body.id;
    expect((await ticket(ids.C001!)).ahead).toBe(1);
  });

  it('errors: { error: { code, message } }, Chinese by default, English for Accept-Language: en, at every status', async () => {
    at('18:00:00');
    const en = { 'Accept-Language': 'en' };
    const zh = await api('POST', '/api/tickets', { serviceId: 'ZZ' });
    expectError(zh, 404, 'UNKNOWN_SERVICE');
    expect(zh.body.error.message).toMatch(CHINESE);
    const english = await api('POST', '/api/tickets', { serviceId: 'ZZ' }, undefined, en);
    expectError(english, 404, 'UNKNOWN_SERVICE');
    expect(english.body.error.message).not.toMatch(CHINESE);
    expect((await api('POST', '/api/tickets', {}, undefined, { 'Accept-Language': 'en-US,en;q=0.9,zh-CN;q=0.8' })).body.error.message).not.toMatch(CHINESE);
    expect((await api('POST', '/api/tickets', {}, undefined, { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' })).body.error.message).toMatch(CHINESE);
    expect((await api('POST', '/api/tickets', {}, undefined, { 'Accept-Language': 'zh;q=0.5, en;q=0.9' })).body.error.message).not.toMatch(CHINESE);
    expect((await api('POST', '/api/tickets', {}, undefined, { 'Accept-Language': 'fr-FR, de' })).body.error.message).toMatch(CHINESE);
    expectError(await api('POST', '/api/tickets', '{"serviceId":'), 400);
    expectError(await api('POST', '/api/tickets', { serviceId: 'A', priority: 'yes' }), 400);
    expectError(await act('S03', 'W3', 'call-next', undefined, en), 404, 'QUEUE_EMPTY');
    expectError(await api('POST', '/api/windows/W1/call-next'), 401);
    expectError(await api('POST', '/api/windows/W1/call-next', undefined, 'not-a-token'), 401);
    expectError(await api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, tok.S01), 403);
    expectError(await api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23'), 401);
    expectError(await api('GET', '/api/nowhere'), 404);
    expectError(await act('S01', 'W99', 'call-next'), 404);
    const huge = await api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'x'.repeat(40_000) });
    expectError(huge, 413);
    const conflict = await act('S01', 'W1', 'resume', undefined, en);
    expectError(conflict, 409);
    expect(conflict.body.error.message).not.toMatch(CHINESE);
    expect((await api('GET', '/api/health')).status).toBe(200);
  });

  it('GET /api/reports/waits: from, to, services and total with every figure; abandoned 0 while the day is open; &format=csv', async () => {
    const r = await api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, tok.M01);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-11-23', to: '2026-11-23' });
    const fields = ['issued', 'served', 'noShow', 'abandoned', 'transferred', 'waitAvgSec', 'waitP50Sec', 'waitP90Sec', 'waitMaxSec', 'serviceAvgSec', 'withinTargetPct'];
    for (const row of [...r.body.services, r.body.total]) {
      for (const f of fields) expect(row, f).toHaveProperty(f);
      if (row.withinTargetPct !== null) expect(row.withinTargetPct >= 0 && row.withinTargetPct <= 100).toBe(true);
    }
    const svc = (id: string) => r.body.services.find((s: { serviceId: string }) => s.serviceId === id);
    expect(svc('D')).toMatchObject({ issued: 1, served: 1, noShow: 0, abandoned: 0, transferred: 0, waitAvgSec: 300, waitP50Sec: 300, waitP90Sec: 300, waitMaxSec: 300, serviceAvgSec: 600, withinTargetPct: 100 });
    expect(svc('C')).toMatchObject({ issued: 2, served: 0, waitAvgSec: null, waitP50Sec: null, waitMaxSec: null, serviceAvgSec: null, withinTargetPct: null });
    // A003 was issued for A, moved to B and served there; A002 and B003 did not come.
    expect(svc('A')).toMatchObject({ issued: 7, served: 3, noShow: 1, transferred: 1, abandoned: 0, waitMaxSec: 600 });
    expect(svc('B')).toMatchObject({ issued: 4, served: 4, noShow: 1, transferred: 0 });
    expect(r.body.total.issued).toBe(screen.events.filter((e) => e.type === 'TicketIssued').length);

    const csv = await fetch(`${h.url}/api/reports/waits?from=2026-11-23&to=2026-11-23&format=csv`, { headers: { authorization: `Bearer ${tok.M01}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const head = lines[0]!;
    for (const f of ['serviceId', ...fields]) expect(head).toContain(f);
    expect(lines).toHaveLength(r.body.services.length + 2);
    const d = lines.find((l) => l[head.indexOf('serviceId')] === 'D')!;
    expect(fields.map((f) => d[head.indexOf(f)])).toEqual(fields.map((f) => String(svc('D')[f])));
  });

  it('GET /api/reports/scores: staff and windows with every field; the item codes where they apply', async () => {
    const complaint = await api('POST', '/api/admin/scoring/complaints', { date: '2026-11-23', staffId: 'S06', windowId: 'W6', content: '态度生硬', channel: 'oral', verified: true }, tok.M01);
    expect(complaint.status).toBe(201);
    expect((await api('POST', '/api/admin/scoring/entries', { date: '2026-11-23', staffId: 'S06', item: 'praise', note: '群众送锦旗' }, tok.M01)).status).toBe(201);
    const r = await api('GET', '/api/reports/scores?date=2026-11-23', undefined, tok.M01);
    expect(r.status).toBe(200);
    expect(r.body.date).toBe('2026-11-23');
    for (const s of r.body.staff) {
      for (const f of ['staffId', 'score', 'parts', 'items', 'served', 'ratings', 'satisfactionPct', 'coverMinutes']) expect(s, f).toHaveProperty(f);
      expect(Object.keys(s.parts).sort()).toEqual(['bonus', 'business', 'discipline', 'evaluation', 'quality']);
      expect(s.score).toBe(Object.values(s.parts as Record<string, number>).reduce((a, b) => a + b, 0));
      for (const i of s.items) expect(i).toMatchObject({ code: expect.any(String), count: expect.any(Number), points: expect.any(Number) });
    }
    for (const w of r.body.windows) {
      for (const f of ['windowId', 'served', 'uncoveredMinutes', 'coverMinutes', 'pauseMinutes', 'satisfactionPct']) expect(w, f).toHaveProperty(f);
      expect(w.uncoveredMinutes).toBeGreaterThanOrEqual(w.pauseMinutes);
    }
    const item = (staffId: string, code: string) => r.body.staff.find((s: { staffId: string }) => s.staffId === staffId).items.find((i: { code: string }) => i.code === code);
    expect(item('S03', 'late')).toMatchObject({ count: 1, points: -1 });
    expect(item('S04', 'absent-uncovered')).toMatchObject({ count: 2, points: -4 });
    expect(item('S05', 'leave-post')).toMatchObject({ count: 1, points: -1 });
    expect(item('S05', 'early-leave')).toMatchObject({ count: 1, points: -1 });
    expect(item('S06', 'complaint')).toMatchObject({ count: 1, points: -5 });
    expect(item('S06', 'praise')).toMatchObject({ count: 1, points: 5 });
    expect(item('S01', 'satisfaction')).toBeDefined();
    const s01 = r.body.staff.find((s: { staffId: string }) => s.staffId === 'S01');
    expect(s01).toMatchObject({ ratings: 1, satisfactionPct: 100 });
    expect(r.body.windows.find((w: { windowId: string }) => w.windowId === 'W1')).toMatchObject({ satisfactionPct: 100, coverMinutes: 18 });
    expect(r.body.windows.find((w: { windowId: string }) => w.windowId === 'W5')).toMatchObject({ served: 1, pauseMinutes: 20 });
  });

  it('socket.io: hall:event { seq, type, at, data } gap-free; hall:sync answers { seq, events } or { seq, snapshot }', async () => {
    const last = seq();
    await until(() => screen.events.length === last);
    expect(screen.events.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    for (const e of screen.events) expect(Object.keys(e).sort()).toEqual(['at', 'data', 'seq', 'type']);
    const types = new Set(screen.events.map((e) => e.type));
    for (const t of ['TicketIssued', 'TicketCalled', 'TicketRecalled', 'ServiceStarted', 'ServiceFinished', 'TicketNoShow', 'TicketTransferred', 'TicketRated', 'StaffSignedIn', 'StaffSignedOut', 'WindowPaused', 'WindowResumed']) {
      expect(types, t).toContain(t);
    }
    expect((await api('GET', '/api/health')).body.seq).toBe(last);
    const all = await screen.socket.emitWithAck('hall:sync', { lastSeq: 0 });
    expect(all).toEqual({ seq: last, events: screen.events });
    const tail = await screen.socket.emitWithAck('hall:sync', { lastSeq: last - 2 });
    expect(tail).toEqual({ seq: last, events: screen.events.slice(-2) });
    const ahead = await screen.socket.emitWithAck('hall:sync', { lastSeq: last + 50 });
    expect(ahead.seq).toBe(last);
    expect(ahead.snapshot).toEqual(expect.any(Object));
    answers.push(all, ahead);
    // Sockets without a token never get what managers entered about people (complaints, praise).
    expect(JSON.stringify([screen.events, all, ahead])).not.toMatch(/态度生硬|群众送锦旗/);
    // Staff pages may connect with a token and hear the same events.
    const staffSocket = h.socket({ token: tok.S01 });
    await until(() => staffSocket.connected);
    expect((await staffSocket.emitWithAck('hall:sync', { lastSeq: last - 1 })).events).toEqual(screen.events.slice(-1));
  });

  it('at the hall\'s midnight the day closes: waiting tickets are abandoned and numbers restart', async () => {
    h.clock.set(Date.parse('2026-11-24T00:00:00.500+08:00'));
    await h.running.hub.tick();
    await until(() => screen.events.some((e) => e.type === 'DayClosed'));
    const closed = screen.events.find((e) => e.type === 'DayClosed') as Extract<HallEvent, { type: 'DayClosed' }>;
    expect(closed.data.abandonedTicketIds.sort()).toEqual([ids.A006, ids.A007, ids.C001, ids.C002].sort());
    expect(await ticket(ids.A006!)).toMatchObject({ status: 'abandoned', finishedAt: null });
    expect((await api('GET', '/api/health')).body).toMatchObject({ businessDay: '2026-11-24', seq: seq() });
    tok.M01 = await h.login('M01'); // tokens last 14 hours of hub time
    const report = (await api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, tok.M01)).body;
    expect(report.total.abandoned).toBe(4);
    expect(report.services.find((x: { serviceId: string }) => x.serviceId === 'A').abandoned).toBe(2);
    // Yesterday's events are no longer at hand: a screen that asks for them gets a snapshot.
    const sync = await screen.socket.emitWithAck('hall:sync', { lastSeq: 0 });
    expect(sync).toMatchObject({ seq: seq(), snapshot: expect.any(Object) });
    answers.push(sync);
    h.clock.set(Date.parse('2026-11-24T08:00:00+08:00'));
    expect((await issue('A')).number).toBe('A001');
    // A ticket of a closed day is still known: rating it is refused by its state (409), not unknown (404).
    expect(await ticket(ids.A003!)).toMatchObject({ status: 'done', rating: null });
    expectError(await api('POST', `/api/tickets/${ids.A003}/rating`, { score: 5 }), 409, 'RATING_CLOSED');
  });

  it('times carry milliseconds and the hall\'s offset, in every answer and event', () => {
    const wrong = timesIn([answers, screen.events]).filter(([, v]) => !HALL_TIME.test(v));
    expect(wrong).toEqual([]);
    expect(timesIn(answers).length).toBeGreaterThan(50);
  });

  it("the hub's clock never runs behind its last recorded event, whatever QUEUE_CLOCK_START says", async () => {
    const lastAt = h.running.hub.journal.events.at(-1)!.at;
    await h.close({ keepData: true });
    h = await startHub({ dataDir: h.dataDir, start: '2026-11-23T12:00:00+08:00' });
    const health = (await h.api('GET', '/api/health')).body;
    expect(health).toMatchObject({ businessDay: '2026-11-24', now: lastAt });
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A' })).body).toMatchObject({ number: 'A002', issuedAt: lastAt });
  });
});
