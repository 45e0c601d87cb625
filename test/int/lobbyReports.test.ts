import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

// Demo hall; Monday 2026-11-23 from 08:00. W1 serves [A, E]; L01 is the lobby; M01 the manager.
const T = (hhmm: string, day = '2026-11-23') => `${day}T${hhmm}:00.000+08:00`;
const ms = (hhmm: string, day = '2026-11-23') => Date.parse(T(hhmm, day));

let h: TestHub;
afterEach(async () => {
  await h?.close();
});

async function day() {
  const lobby = await h.login('L01');
  const s1 = await h.login('S01');
  const booking = (await h.rawApi('POST', '/api/appointments', { serviceId: 'A', start: T('09:00'), phone: '13800001234', name: '王阿姨' }, lobby)).body;
  await h.rawApi('POST', '/api/appointments', { serviceId: 'A', start: T('10:00'), phone: '13800005678' }, lobby);
  const [a1, a2, a3] = [
    (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body,
    (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body,
    (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body,
  ];
  await h.api('POST', `/api/tickets/${a2.id}/move`, { serviceId: 'E', reason: '只需咨询' }, lobby);
  await h.rawApi('POST', `/api/tickets/${a3.id}/cancel`, { reason: '=HYPERLINK("x")' }, lobby);
  h.clock.set(ms('08:50'));
  await h.api('POST', '/api/appointments/check-in', { code: booking.code });
  await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
  h.clock.set(ms('09:04'));
  await h.api('POST', '/api/windows/W1/call-next', undefined, s1); // the booking, 4 minutes after its slot
  await h.api('POST', '/api/windows/W1/finish', {}, s1);
  await h.api('POST', '/api/windows/W1/call-next', undefined, s1); // a1
  await h.api('POST', '/api/windows/W1/finish', {}, s1);
  return { a1 };
}

describe('the lobby in the manager\'s reports', () => {
  it('the wait report counts cancelled, moved, bookings and punctuality; the CSV carries them', async () => {
    h = await startHub();
    await day();
    h.clock.set(ms('08:00', '2026-11-24'));
    await h.running.hub.tick();
    const m = await h.login('M01');
    const r = (await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, m)).body;
    const A = r.services.find((s: { serviceId: string }) => s.serviceId === 'A');
    expect(A).toMatchObject({ cancelled: 1, moved: 1, booked: 2, checkedIn: 1, missed: 1, appointmentServed: 1, appointmentWaitAvgSec: 240, appointmentWaitP90Sec: 240 });
    expect(r.total).toMatchObject({ cancelled: 1, moved: 1, booked: 2, checkedIn: 1, missed: 1 });
    const csv = await fetch(`${h.url}/api/reports/waits?from=2026-11-23&to=2026-11-23&format=csv`, { headers: { authorization: `Bearer ${m}` } }).then((x) => x.text());
    const [head, ...rows] = csv.replace(/^\ufeff/, '').split('\r\n');
    const cols = head!.split(',');
    const a = rows.find((l) => l.startsWith('A,'))!.split(',');
    expect(a[cols.indexOf('booked')]).toBe('2');
    expect(a[cols.indexOf('missed')]).toBe('1');
    expect(a[cols.indexOf('appointmentWaitAvgSec')]).toBe('240');
  });

  it('lists the departures with who and why, filterable, as CSV with a BOM; managers only', async () => {
    h = await startHub();
    await day();
    const m = await h.login('M01');
    const q = (s: string, token = m) => h.api('GET', `/api/reports/departures?from=2026-11-23&to=2026-11-23${s}`, undefined, token);
    const all = (await q('')).body.departures;
    expect(all.map((d: { kind: string; by: string; reason: string }) => [d.kind, d.by, d.reason])).toEqual([
      ['move', 'L01', '只需咨询'],
      ['cancel', 'L01', '=HYPERLINK("x")'],
      ['called-ahead', 'S01', 'appointment'],
    ]);
    expect(all[0]).toMatchObject({ number: 'A002', serviceId: 'A', toServiceId: 'E', byName: '孙悦', day: '2026-11-23' });
    expect((await q('&kind=cancel')).body.departures).toHaveLength(1);
    expect((await q('&by=S01')).body.departures.map((d: { kind: string }) => d.kind)).toEqual(['called-ahead']);
    expect((await q('&serviceId=E')).body.departures.map((d: { kind: string }) => d.kind)).toEqual(['move']);
    const res = await fetch(`${h.url}/api/reports/departures?from=2026-11-23&to=2026-11-23&format=csv`, { headers: { authorization: `Bearer ${m}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('day,at,kind,by,byName,reason,number,serviceId,toServiceId,windowId,overtook,ticketId');
    // A reason typed like a formula is written so a spreadsheet shows it, never runs it.
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await q('', await h.login('L01'))).status).toBe(403);
    expect((await h.api('GET', '/api/reports/departures?from=2026-11-23&to=2026-11-22', undefined, m)).status).toBe(400);
    expect((await h.api('GET', '/api/reports/departures?from=2026-01-01&to=2026-11-22', undefined, m)).body.error.code).toBe('RANGE_TOO_LONG');
    expect((await h.api('GET', '/api/reports/departures?from=2026-11-23&to=2026-11-23&kind=nope', undefined, m)).status).toBe(400);
  });
});
