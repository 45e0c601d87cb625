import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import { startHub, type TestHub } from '../support/hub.ts';
import { call, keyOf, startPostgres, testNetwork, until, type TestPostgres } from './centralHarness.ts';

/**
 * A real hub (demo hall, its clock in the test's hand) forwarding to a centre on a real
 * PostgreSQL, through a day with bookings (checked in, cancelled, missed, one for the next day), a
 * kiosk flood voided by the manager, a ticket in service at the day's close and finished after
 * midnight, and visitors still waiting. At each step the centre's row for the hall equals the
 * hall's own report total, field for field, the live queue included.
 */
const T = (hhmm: string, day = '2026-11-23') => `${day}T${hhmm}:00.000+08:00`;
const ms = (hhmm: string, day = '2026-11-23') => Date.parse(T(hhmm, day));

let pgServer: TestPostgres;
let central: RunningCentral;
let base: string;
let db: pg.Pool;
let h: TestHub;
let admin: string;

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  central = await createCentral({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'central-')), network: testNetwork, log: () => {} });
  base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  db = new pg.Pool({ connectionString: url, max: 2 });
  db.on('error', () => undefined);
  admin = (await call(base, 'POST', '/api/central/auth/login', { userId: 'A1', pin: '111111' })).body.token as string;
  h = await startHub({ start: T('08:00'), hubOptions: { central: { url: base, hallId: 'H01', key: keyOf('H01') } } });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await db?.end();
  await central?.close();
  await pgServer?.stop();
});

/** The centre holds every event the hub journaled, the hall's config, and the hall's clock as it is now. */
async function caughtUp() {
  await until('the centre to hold the hall\'s journal, config and clock', async () => {
    const health = (await h.api('GET', '/api/health')).body;
    if (health.central?.ackedSeq !== health.seq) return false;
    const meta = await db.query("select 1 from hall_meta where hall_id = 'H01'");
    const row = (await call(base, 'GET', '/api/central/halls/H01', undefined, admin)).body;
    return meta.rowCount === 1 && row.hallNow === h.running.hub.clockIso();
  }, 30_000, 100);
}

/** The hall's own report total and the centre's row for the hall over a period. */
async function both(from: string, to: string) {
  const manager = await h.login('M01');
  const own = await h.api('GET', `/api/reports/waits?from=${from}&to=${to}`, undefined, manager);
  expect(own.status).toBe(200);
  const theirs = await call(base, 'GET', `/api/central/reports/waits?from=${from}&to=${to}&hallId=H01`, undefined, admin);
  expect(theirs.status).toBe(200);
  const { hallId, ...row } = theirs.body.halls[0];
  expect(hallId).toBe('H01');
  // One hall: the total is its row.
  expect(theirs.body.total).toEqual(row);
  return { own: own.body.total as Record<string, unknown>, row: row as Record<string, unknown> };
}

async function expectSame(from: string, to: string) {
  const { own, row } = await both(from, to);
  expect(Object.keys(row).sort(), `fields ${from}..${to}`).toEqual(Object.keys(own).sort());
  expect(row, `${from}..${to}`).toEqual(own);
  return own;
}

describe('the centre\'s row of a hall against the hall\'s own report', () => {
  it('given bookings, a voided flood, a ticket held over the close and visitors waiting, then every figure of the row is the hall\'s, day by day and over both days', async () => {
    const lobby = await h.login('L01');
    let s01 = await h.login('S01');
    const manager = await h.login('M01');
    const book = async (serviceId: string, start: string, phone: string) => {
      const r = await h.rawApi('POST', '/api/appointments', { serviceId, start, phone, name: '预约人' }, lobby);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body as { id: string; code: string };
    };
    const checkedIn = await book('A', T('09:00'), '13800000001');
    await book('A', T('10:00'), '13800000002'); // never comes: missed at the close
    const cancelled = await book('A', T('11:00'), '13800000003');
    await book('D', T('09:00', '2026-11-24'), '13800000004'); // tomorrow's
    expect((await h.rawApi('POST', `/api/appointments/${cancelled.id}/cancel`, { reason: '改期' }, lobby)).status).toBe(200);

    const a1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    const a2 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'E' });
    // A kiosk pressed over and over: the manager voids its waiting tickets in one action.
    const rogue = await h.pairDevice('kiosk');
    for (let i = 0; i < 25; i++) expect((await h.rawApi('POST', '/api/tickets', { serviceId: 'C' }, rogue.token)).status).toBe(201);
    const voided = await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId }, reason: '取号机被人连按占号' }, manager);
    expect(voided.body.voided).toBe(25);

    h.clock.set(ms('08:50'));
    expect((await h.api('POST', '/api/appointments/check-in', { code: checkedIn.code })).status).toBe(201);
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    h.clock.set(ms('09:04'));
    expect((await h.api('POST', '/api/windows/W1/call-next', undefined, s01)).body.ticket.appointmentId).toBeTruthy();
    await h.api('POST', '/api/windows/W1/finish', {}, s01);
    expect((await h.api('POST', '/api/windows/W1/call-next', undefined, s01)).body.ticket.id).toBe(a1.id);
    h.clock.set(ms('09:20'));
    await h.api('POST', '/api/windows/W1/finish', {}, s01);

    // Mid-morning: the voided flood is neither waiting nor, later, abandoned.
    await caughtUp();
    const morning = await expectSame('2026-11-23', '2026-11-23');
    expect(morning).toMatchObject({ issued: 30, served: 2, booked: 2, checkedIn: 1, missed: 0, waitingNow: 3, longestWaitingMin: 80 });

    // A ticket called and started just before midnight stays with its staffer over the close.
    h.clock.set(ms('23:58'));
    s01 = await h.login('S01'); // the morning's session has expired
    const late = await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    expect(late.body.ticket?.id, JSON.stringify(late.body)).toBe(a2.id);
    h.clock.set(ms('23:59'));
    expect((await h.api('POST', '/api/windows/W1/start', undefined, s01)).status).toBe(200);
    // Another is called, not started, at the close; its staffer signs out after midnight, and the
    // hub puts it back in the new day's queue, where it waits with its morning issue time.
    const s03 = await h.login('S03');
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, s03);
    const held = await h.api('POST', '/api/windows/W3/call-next', undefined, s03);
    expect(held.body.ticket?.serviceId, JSON.stringify(held.body)).toBe('E');
    h.clock.set(ms('00:01', '2026-11-24'));
    await h.running.hub.tick();
    h.clock.set(ms('00:03', '2026-11-24'));
    expect((await h.api('POST', '/api/windows/W3/sign-out', undefined, s03)).status).toBe(200);
    // Until the new day's first ticket the hub holds it as waiting; then it lets the closed day's tickets go.
    await caughtUp();
    // Its day not open yet (no ticket since the close), the hub's report has no live queue figures.
    const requeued = await expectSame('2026-11-24', '2026-11-24');
    expect(requeued).toMatchObject({ issued: 0 });
    expect(requeued).not.toHaveProperty('waitingNow');
    // The board counts it as the hub's state does, waiting since the morning before.
    const board = (await call(base, 'GET', '/api/central/halls/H01', undefined, admin)).body;
    expect(board).toMatchObject({ waiting: h.running.hub.state.waiting.size, oldestWaitingSince: held.body.ticket.issuedAt, dayOpen: false });
    expect(board.waiting).toBe(1);
    h.clock.set(ms('00:05', '2026-11-24'));
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'E' });

    // While it is still in service, its day counts it as the hall does (in hand at a closed day: abandoned).
    await caughtUp();
    await expectSame('2026-11-23', '2026-11-23');
    await expectSame('2026-11-24', '2026-11-24');

    // Finished after midnight: served on the day it was issued, in the row of that day.
    h.clock.set(ms('00:10', '2026-11-24'));
    expect((await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, s01)).status).toBe(200);
    h.clock.set(ms('00:31', '2026-11-24'));
    await h.api('POST', '/api/tickets', { serviceId: 'B' });
    await caughtUp();
    const first = await expectSame('2026-11-23', '2026-11-23');
    expect(first).toMatchObject({ issued: 30, served: 3, abandoned: 2, booked: 2, checkedIn: 1, missed: 1 });
    expect(first).not.toHaveProperty('waitingNow');
    const second = await expectSame('2026-11-24', '2026-11-24');
    expect(second).toMatchObject({ issued: 3, served: 0, booked: 1, checkedIn: 0, missed: 0, waitingNow: 3, longestWaitingMin: 26 });
    const all = await expectSame('2026-11-23', '2026-11-24');
    expect(all).toMatchObject({ issued: 33, served: 3, booked: 3, waitingNow: 3 });
    // The voided tickets' rows say so, not "waiting".
    const rows = await db.query("select count(*)::int as n from tickets where hall_id = 'H01' and status = 'voided'");
    expect(rows.rows[0].n).toBe(25);
  }, 120_000);

  it('given a database whose bookings were stored as events before the projection existed, then the migration\'s backfill makes the same rows', async () => {
    const q = "select appointment_id, to_char(date, 'YYYY-MM-DD') as date, service_id, status from appointments where hall_id = 'H01' order by appointment_id";
    const projected = (await db.query(q)).rows;
    expect(projected.map((r) => r.status).sort()).toEqual(['booked', 'cancelled', 'checked-in', 'missed']);
    const sql = readFileSync(join(import.meta.dirname, '../../central/db/migrations/003_appointments.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('insert into appointments'));
    await db.query("delete from appointments where hall_id = 'H01'");
    await db.query(backfill);
    expect((await db.query(q)).rows).toEqual(projected);
  });
});
