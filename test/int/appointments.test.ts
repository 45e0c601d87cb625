import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { startHub, type TestHub } from '../support/hub.ts';

// Demo hall: service A takes 4 bookings per 30-minute slot, 7 days ahead, check-in from 30 minutes
// before to 15 after the slot's start. 2026-11-23 is a Monday; the hub's clock starts at 08:00.
const T = (hhmm: string, day = '2026-11-23') => `${day}T${hhmm}:00.000+08:00`;
const ms = (hhmm: string, day = '2026-11-23') => Date.parse(T(hhmm, day));

let h: TestHub;
afterEach(async () => {
  await h?.close();
});

const book = (start: string, phone: string, token?: string, serviceId = 'A', name = '') =>
  h.rawApi('POST', '/api/appointments', { serviceId, start, phone, name }, token);

describe('booking a slot', () => {
  it('lists the day\'s slots with what is free; past slots, days beyond the limit and closed days have nothing', async () => {
    h = await startHub({ start: T('09:10') });
    const slots = (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-23')).body;
    expect(slots[0]).toEqual({ start: T('08:00'), end: T('08:30'), free: 0 });
    expect(slots.find((s: { start: string }) => s.start === T('09:00')).free).toBe(0);
    expect(slots.find((s: { start: string }) => s.start === T('09:30')).free).toBe(4);
    // 08:00–12:00 and 14:30–17:30 tiled by 30 minutes: 8 + 6 slots.
    expect(slots).toHaveLength(14);
    expect((await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-12-01')).body.every((s: { free: number }) => s.free === 0)).toBe(true);
    expect((await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-28')).body).toEqual([]);
    expect((await h.api('GET', '/api/appointments/slots?serviceId=ZZ&date=2026-11-24')).status).toBe(404);
    expect((await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-13-40')).status).toBe(400);
  });

  it('answers 201 with a 6-digit code, durable before the answer; the slot has one place fewer', async () => {
    h = await startHub();
    const r = await book(T('10:00', '2026-11-24'), '13800001234', undefined, 'A', '王阿姨');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ serviceId: 'A', start: T('10:00', '2026-11-24'), end: T('10:30', '2026-11-24'), status: 'booked' });
    expect(r.body.code).toMatch(/^\d{6}$/);
    expect(h.running.hub.journal.lastSeq).toBe(h.running.hub.state.seq);
    const slots = (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-24')).body;
    expect(slots.find((s: { start: string }) => s.start === T('10:00', '2026-11-24')).free).toBe(3);
  });

  it('refuses a bad phone or a time that is no slot start (400), the same phone twice for a service and day (409)', async () => {
    h = await startHub();
    expect((await book(T('10:00', '2026-11-24'), '23800001234')).body.error.code).toBe('BAD_PHONE');
    expect((await book(T('10:00', '2026-11-24'), '1380000123')).status).toBe(400);
    const off = await book(T('10:10', '2026-11-24'), '13800001234');
    expect([off.status, off.body.error.code]).toEqual([400, 'NOT_A_SLOT']);
    expect((await book(T('10:00', '2026-11-24'), '13800001234')).status).toBe(201);
    const twice = await book(T('14:30', '2026-11-24'), '13800001234');
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_BOOKED']);
    expect((await book(T('10:00', '2026-11-24'), '13800001234', undefined, 'B')).body.error.code).toBe('NO_APPOINTMENTS');
  });

  it('ten phones booking the last place of a slot at once: exactly one gets it', async () => {
    h = await startHub({ config: { ...demoHall, hall: { ...demoHall.hall, publicBookingsPerDay: 50 } } });
    const staff = await h.login('L01');
    for (let i = 0; i < 3; i++) expect((await book(T('09:00', '2026-11-24'), `1390000000${i}`, staff)).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => book(T('09:00', '2026-11-24'), `1370000000${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(Array(9).fill('SLOT_FULL'));
    const slots = (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-24')).body;
    expect(slots.find((s: { start: string }) => s.start === T('09:00', '2026-11-24')).free).toBe(0);
  });

  it('one address books at most publicBookingsPerDay (5) a day without a staff token; staff book for callers', async () => {
    h = await startHub();
    for (const [i, at] of ['08:00', '08:30', '09:00', '09:30', '10:00'].entries()) expect((await book(T(at, '2026-11-24'), `1360000000${i}`)).status).toBe(201);
    const sixth = await book(T('10:30', '2026-11-24'), '13600000009');
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'TOO_MANY_BOOKINGS']);
    const staff = await h.login('S01');
    const byPhone = await book(T('10:30', '2026-11-24'), '13600000009', staff);
    expect(byPhone.status).toBe(201);
    const list = (await h.api('GET', '/api/appointments?date=2026-11-24', undefined, await h.login('M01'))).body;
    expect(list.find((a: { id: string }) => a.id === byPhone.body.id).by).toBe('S01');
  });
});

describe('cancelling a booking', () => {
  it('needs its code: a wrong one 403, the right one frees the place; twice 409', async () => {
    h = await startHub();
    const b = (await book(T('10:00', '2026-11-24'), '13800001234')).body;
    const wrong = b.code === '000000' ? '000001' : '000000';
    expect((await h.rawApi('POST', `/api/appointments/${b.id}/cancel`, { code: wrong })).status).toBe(403);
    const ok = await h.rawApi('POST', `/api/appointments/${b.id}/cancel`, { code: b.code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: b.id, status: 'cancelled', phone: null, name: null });
    expect((await h.rawApi('POST', `/api/appointments/${b.id}/cancel`, { code: b.code })).body.error.code).toBe('NOT_BOOKED');
    expect((await h.rawApi('POST', '/api/appointments/nope/cancel', { code: b.code })).status).toBe(404);
    const slots = (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-24')).body;
    expect(slots.find((s: { start: string }) => s.start === T('10:00', '2026-11-24')).free).toBe(4);
  });
});

describe('checking in at the kiosk', () => {
  it('opens earlyMin before the slot and closes lateMin after its start; once only; unknown codes 404', async () => {
    h = await startHub();
    const b = (await book(T('09:00'), '13800001234')).body;
    const late = (await book(T('08:30'), '13800005678')).body;
    h.clock.set(ms('08:29'));
    const early = await h.api('POST', '/api/appointments/check-in', { code: b.code });
    expect([early.status, early.body.error.code]).toEqual([409, 'TOO_EARLY']);
    h.clock.set(ms('08:30'));
    const ok = await h.api('POST', '/api/appointments/check-in', { code: b.code });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ number: 'A001', serviceId: 'A', status: 'waiting', appointmentId: b.id, slotStart: T('09:00') });
    expect(typeof ok.body.key).toBe('string');
    expect(ok.body.id).toMatch(/^20261123-/);
    const again = await h.api('POST', '/api/appointments/check-in', { code: b.code });
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
    h.clock.set(ms('08:45:01'.slice(0, 5)) + 1000);
    const tooLate = await h.api('POST', '/api/appointments/check-in', { code: late.code });
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, 'TOO_LATE']);
    const unknown = await h.api('POST', '/api/appointments/check-in', { code: b.code === '123456' ? '654321' : '123456' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'UNKNOWN_CODE']);
    const list = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, await h.login('S01'))).body;
    expect(list.find((a: { id: string }) => a.id === b.id)).toMatchObject({ status: 'checked-in', ticketId: ok.body.id, phone: '138****1234' });
  });

  it('at the slot\'s start the booked visitor is called ahead of walk-ins; early, they waited as a walk-in', async () => {
    h = await startHub();
    const b = (await book(T('09:00'), '13800001234')).body;
    for (const at of ['08:05', '08:10', '08:20']) {
      h.clock.set(ms(at));
      expect((await h.api('POST', '/api/tickets', { serviceId: 'A' })).status).toBe(201);
    }
    h.clock.set(ms('08:40'));
    const booked = (await h.api('POST', '/api/appointments/check-in', { code: b.code })).body;
    expect(booked.number).toBe('A004');
    expect(booked.ahead).toBe(3);
    const s1 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
    h.clock.set(ms('08:59'));
    expect((await h.api('POST', '/api/windows/W1/call-next', undefined, s1)).body.ticket.number).toBe('A001');
    await h.api('POST', '/api/windows/W1/finish', {}, s1);
    const seen = await h.api('GET', `/api/tickets/${booked.id}`);
    expect(seen.body.ahead, JSON.stringify(seen.body)).toBe(2);
    const q = (await h.api('GET', '/api/windows/W1/queue', undefined, s1)).body;
    expect(q.next.map((t: { number: string }) => t.number)).toEqual(['A002', 'A003', 'A004']);
    h.clock.set(ms('09:00'));
    expect((await h.api('GET', '/api/windows/W1/queue', undefined, s1)).body.next[0].number).toBe('A004');
    const atSlot = await h.api('POST', '/api/windows/W1/call-next', undefined, s1);
    expect(atSlot.body.ticket).toMatchObject({ number: 'A004', appointmentId: b.id });
  });
});

describe('checking in without a paired kiosk', () => {
  it('counts against the public ticket limit per address (3 an hour), and unknown codes are throttled', async () => {
    h = await startHub();
    const staff = await h.login('L01');
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await book(T('09:00'), `1350000000${i}`, staff)).body.code);
    h.clock.set(ms('08:45'));
    const answers = [];
    for (const code of codes) answers.push(await h.rawApi('POST', '/api/appointments/check-in', { code }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    // The fourth visitor checks in at the hall's kiosk instead.
    expect((await h.api('POST', '/api/appointments/check-in', { code: codes[3] })).status).toBe(201);
    const guesses = [];
    for (let i = 0; i < 21; i++) guesses.push((await h.rawApi('POST', '/api/appointments/check-in', { code: String(100000 + i) })).status);
    expect(guesses.filter((s) => s === 404).length).toBeLessThanOrEqual(20);
    expect(guesses.at(-1)).toBe(429);
  });
});

describe('bookings across days', () => {
  it('a booking made days before survives restarts; at the close, those never checked in become missed, later days stay booked', async () => {
    h = await startHub();
    const today = (await book(T('10:00'), '13800001234')).body;
    const wed = (await book(T('10:00', '2026-11-26'), '13800005678')).body;
    const dir = h.dataDir;
    await h.close({ keepData: true });
    // Next morning: the day closed at midnight.
    h = await startHub({ dataDir: dir, start: T('08:00', '2026-11-24') });
    await h.running.hub.tick();
    const manager = await h.login('M01');
    const mon = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, manager)).body;
    expect(mon).toMatchObject([{ id: today.id, status: 'missed', phone: '13800001234' }]);
    await h.close({ keepData: true });
    // Wednesday, two restarts later: the booking made on Monday still checks in.
    h = await startHub({ dataDir: dir, start: T('09:45', '2026-11-26') });
    const checked = await h.api('POST', '/api/appointments/check-in', { code: wed.code });
    expect(checked.status).toBe(201);
    expect(checked.body.appointmentId).toBe(wed.id);
    const list = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, await h.login('M01'))).body;
    expect(list[0].status).toBe('missed');
  });

  it('a torn last line of the appointment index (a power cut mid-write) is cut and filled in from the journal', async () => {
    h = await startHub();
    const wed = (await book(T('10:00', '2026-11-26'), '13800005678')).body;
    h.clock.set(ms('08:00', '2026-11-24'));
    await h.running.hub.tick();
    const thu = (await book(T('10:00', '2026-11-27'), '13800001111')).body;
    const dir = h.dataDir;
    await h.close({ keepData: true });
    const { appendFileSync, readFileSync } = await import('node:fs');
    const file = `${dir}/appointments/appointments.jsonl`;
    expect(readFileSync(file, 'utf8')).toContain(wed.id);
    appendFileSync(file, '{"seq":99,"type":"AppointmentBoo');
    h = await startHub({ dataDir: dir, start: T('09:45', '2026-11-26') });
    expect((await h.api('POST', '/api/appointments/check-in', { code: wed.code })).status).toBe(201);
    const list = (await h.api('GET', '/api/appointments?date=2026-11-27', undefined, await h.login('M01'))).body;
    expect(list.map((a: { id: string }) => a.id)).toEqual([thu.id]);
    expect(readFileSync(file, 'utf8')).not.toContain('"seq":99,');
  });

  it('bookings older than they are kept (KEEP_DAYS after their date) leave the index at start', async () => {
    h = await startHub();
    const wed = (await book(T('10:00', '2026-11-26'), '13800005678')).body;
    const dir = h.dataDir;
    await h.close({ keepData: true });
    const { appendFileSync, readFileSync } = await import('node:fs');
    const file = `${dir}/appointments/appointments.jsonl`;
    const old = { seq: 0, type: 'AppointmentBooked', at: '2023-01-02T08:00:00.000+08:00', data: { appointmentId: 'old1', code: '424242', serviceId: 'A', date: '2023-01-03', start: '2023-01-03T09:00:00.000+08:00', end: '2023-01-03T09:30:00.000+08:00', phone: '13800000000', name: '', by: 'visitor' } };
    appendFileSync(file, `${JSON.stringify(old)}\n`);
    h = await startHub({ dataDir: dir });
    expect(readFileSync(file, 'utf8')).not.toContain('old1');
    expect(readFileSync(file, 'utf8')).toContain(wed.id);
    expect(h.running.hub.state.appointments.byId.has('old1')).toBe(false);
    expect(h.running.hub.state.appointments.byId.has(wed.id)).toBe(true);
  });

  it('the appointment index rebuilds from the journal when it is lost', async () => {
    h = await startHub();
    const wed = (await book(T('10:00', '2026-11-26'), '13800005678')).body;
    h.clock.set(ms('08:00', '2026-11-24'));
    await h.running.hub.tick();
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A' })).status).toBe(201);
    const dir = h.dataDir;
    await h.close({ keepData: true });
    const { rmSync } = await import('node:fs');
    rmSync(`${dir}/appointments`, { recursive: true, force: true });
    h = await startHub({ dataDir: dir, start: T('09:45', '2026-11-26') });
    expect((await h.api('POST', '/api/appointments/check-in', { code: wed.code })).status).toBe(201);
  });
});
