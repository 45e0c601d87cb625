import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startHub, type TestHub } from '../support/hub.ts';

// A busy day with bookings (names, phones), moves, cancels, transfers and an extension, each with
// a reason that names a visitor. Public sockets (wall display, kiosk, phone) must never carry any
// of it; a lobby socket gets reasons but still no booker's phone or name; a manager's gets them.
const T = (hhmm: string, day = '2026-11-23') => `${day}T${hhmm}:00.000+08:00`;
const ms = (hhmm: string, day = '2026-11-23') => Date.parse(T(hhmm, day));

const PHONES = ['13812345678', '13987654321', '15011112222', '18633334444'];
const NAMES = ['王秀英', '李建国', '张桂兰', '刘德华'];
/** Typed about a visitor: public sockets never carry it (staff sockets do: the next desk reads why). */
const REASON = '张老伯说他13700001111的医保卡丢了';

let h: TestHub;
afterEach(async () => {
  await h?.close();
});

function listen(s: Socket): unknown[] {
  const got: unknown[] = [];
  s.on('hall:event', (e) => got.push(e));
  return got;
}

async function busyDay() {
  const lobby = await h.login('L01');
  const s1 = await h.login('S01');
  const codes: string[] = [];
  for (const [i, phone] of PHONES.entries()) {
    const byStaff = i % 2 === 0;
    const r = await h.rawApi('POST', '/api/appointments', { serviceId: 'A', start: T(['09:00', '09:00', '09:30', '10:00'][i]!), phone, name: NAMES[i] }, byStaff ? lobby : undefined);
    expect(r.status).toBe(201);
    codes.push(r.body.code);
  }
  const walkIns = [];
  for (let i = 0; i < 6; i++) walkIns.push((await h.api('POST', '/api/tickets', { serviceId: i % 2 ? 'A' : 'C' })).body);
  h.clock.set(ms('08:40'));
  await h.api('POST', '/api/appointments/check-in', { code: codes[0] });
  await h.api('POST', '/api/appointments/check-in', { code: codes[1] });
  await h.rawApi('POST', `/api/appointments/${(await h.api('GET', '/api/appointments?date=2026-11-23', undefined, lobby)).body[2].id}/cancel`, { code: codes[2], reason: REASON });
  await h.api('POST', `/api/tickets/${walkIns[0].id}/move`, { serviceId: 'E', reason: REASON }, lobby);
  await h.api('POST', `/api/tickets/${walkIns[2].id}/move`, { windowId: 'W2', reason: REASON }, lobby);
  await h.api('POST', `/api/tickets/${walkIns[4].id}/priority`, { reason: REASON }, lobby);
  await h.rawApi('POST', `/api/tickets/${walkIns[1].id}/cancel`, { reason: REASON }, lobby);
  await h.rawApi('POST', `/api/tickets/${walkIns[3].id}/cancel`, { key: h.keyOf(walkIns[3].id), reason: REASON });
  await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
  h.clock.set(ms('09:00'));
  for (let i = 0; i < 3; i++) {
    const c = await h.api('POST', '/api/windows/W1/call-next', undefined, s1);
    if (c.status !== 200) break;
    if (i === 0) await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'B', reason: REASON }, s1);
    else await h.api('POST', '/api/windows/W1/finish', {}, s1);
  }
  h.clock.set(ms('16:00'));
  await h.api('POST', '/api/services/D/extend', { until: '17:00', reason: REASON }, lobby);
  // The day closes with a booking never checked in (missed).
  h.clock.set(ms('00:00', '2026-11-24') + 1000);
  await h.running.hub.tick();
  return codes;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('personal data and sockets', () => {
  it('no public or lobby socket carries a booker\'s phone, name or code, nor a reason typed about a visitor; a manager\'s socket does carry the booking', async () => {
    h = await startHub();
    const pub = h.socket();
    const lobbySock = h.socket({ token: await h.login('L01') });
    const manager = h.socket({ token: await h.login('M01') });
    const [pubEvents, lobbyEvents, managerEvents] = [listen(pub), listen(lobbySock), listen(manager)];
    await Promise.all([pub, lobbySock, manager].map((s) => new Promise((r) => (s.connected ? r(null) : s.once('connect', () => r(null))))));
    const codes = await busyDay();
    await settle();
    // A screen that reconnects and asks for everything gets the same public view.
    const synced = await new Promise<{ events: unknown[] }>((r) => h.socket().emit('hall:sync', { lastSeq: 0 }, r as never));

    const types = new Set((pubEvents as { type: string }[]).map((e) => e.type));
    for (const t of ['AppointmentBooked', 'AppointmentCheckedIn', 'AppointmentCancelled', 'TicketMoved', 'TicketPrioritised', 'TicketCancelled', 'TicketTransferred', 'ServiceExtended', 'AppointmentsMissed']) {
      expect(types, t).toContain(t);
    }
    const publicText = JSON.stringify(pubEvents) + JSON.stringify(synced);
    const lobbyText = JSON.stringify(lobbyEvents);
    for (const secret of [...PHONES, ...NAMES, ...codes, '13700001111', '张老伯']) expect(publicText, secret).not.toContain(secret);
    for (const secret of [...PHONES, ...NAMES, ...codes]) expect(lobbyText, secret).not.toContain(secret);
    // Lobby staff read why (the next window needs it); managers see the bookings themselves.
    expect(lobbyText).toContain(REASON);
    const managerText = JSON.stringify(managerEvents);
    expect(managerText).toContain(PHONES[0]);
    expect(managerText).toContain(NAMES[1]);
    for (const code of codes) expect(managerText).not.toContain(`"${code}"`);
  });

  it('the public booking, ticket and slot answers carry no phone or name of anyone else', async () => {
    h = await startHub();
    await busyDay();
    h.clock.set(ms('08:00', '2026-11-24'));
    const seen = JSON.stringify([
      (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-23')).body,
      (await h.api('GET', '/api/services')).body,
      (await h.api('GET', '/api/windows')).body,
      (await h.api('GET', '/api/hall')).body,
    ]);
    for (const secret of [...PHONES, ...NAMES]) expect(seen, secret).not.toContain(secret);
    expect((await h.api('GET', '/api/appointments?date=2026-11-23')).status).toBe(401);
  });
});
