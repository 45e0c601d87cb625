import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import type { HallEvent } from '../../shared/events.ts';
import { expectError, recorder, until } from '../support/contract.ts';
import { requestFrom } from '../support/fromAddress.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** POST /api/tickets from a given loopback address, without a token. */
function ticketFrom(h: TestHub, from: string, serviceId: string): Promise<{ status: number; body: any }> {
  return requestFrom(h.url, from, 'POST', '/api/tickets', JSON.stringify({ serviceId }));
}

function journaled(dataDir: string): HallEvent[] {
  const dir = join(dataDir, 'journal');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as HallEvent));
}

/**
 * One client used every service's numbers for the day in under 5 s (4,019 tickets, no token).
 * Unpaired clients now get `publicTicketsPerHour` (default 3) per address per hour; a paired kiosk
 * only the service's own limits; a manager voids a flood in one action and its numbers stay used.
 */
describe('tickets from unpaired clients', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  it('gives one address 3 tickets an hour, then 429; other addresses and the next hour are not affected', async () => {
    h = await startHub();
    for (let i = 0; i < 3; i++) expect((await ticketFrom(h, '127.0.0.2', 'A')).status).toBe(201);
    const refused = await ticketFrom(h, '127.0.0.2', 'A');
    expectError(refused, 429, 'TOO_MANY_TICKETS');
    expect((await ticketFrom(h, '127.0.0.3', 'A')).status).toBe(201);
    // A request that issued nothing (unknown service) does not use up the hour.
    expect((await ticketFrom(h, '127.0.0.3', 'ZZ')).status).toBe(404);
    expect((await ticketFrom(h, '127.0.0.3', 'A')).status).toBe(201);
    expect((await ticketFrom(h, '127.0.0.3', 'A')).status).toBe(201);
    expectError(await ticketFrom(h, '127.0.0.3', 'A'), 429);
    h.clock.advance(60 * 60_000 + 1);
    expect((await ticketFrom(h, '127.0.0.2', 'A')).status).toBe(201);
  });

  it('lets a paired kiosk issue as many as the service allows', async () => {
    h = await startHub();
    for (let i = 0; i < 12; i++) expect((await h.rawApi('POST', '/api/tickets', { serviceId: 'C' }, h.kioskToken)).status).toBe(201);
  });

  it('takes the hall\'s publicTicketsPerHour', async () => {
    h = await startHub({ config: { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 1 } } });
    expect((await h.rawApi('POST', '/api/tickets', { serviceId: 'A' })).status).toBe(201);
    expectError(await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }), 429, 'TOO_MANY_TICKETS');
  });

  it('journals who issued each ticket, and never shows it on a public socket', async () => {
    h = await startHub();
    const screen = await recorder(h);
    const kiosk = await h.pairDevice('kiosk');
    await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }, kiosk.token);
    await ticketFrom(h, '127.0.0.2', 'B');
    await until(() => screen.events.filter((e) => e.type === 'TicketIssued').length === 2);
    const issued = journaled(h.dataDir).filter((e) => e.type === 'TicketIssued').map((e) => (e.data as { issuedBy?: unknown }).issuedBy);
    expect(issued).toEqual([{ address: '127.0.0.1', deviceId: kiosk.deviceId }, { address: '127.0.0.2', deviceId: null }]);
    expect(JSON.stringify(screen.events)).not.toMatch(/issuedBy|127\.0\.0\.2/);
  });
});

describe('voiding a flood', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  it('finds the flood by issuer, voids its waiting tickets in one journaled action with a reason, and never reuses their numbers', async () => {
    h = await startHub();
    const screen = await recorder(h);
    const manager = await h.login('M01');
    const staff = await h.login('S01');
    const visitor = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const rogue = await h.pairDevice('kiosk');
    for (let i = 0; i < 30; i++) await h.rawApi('POST', '/api/tickets', { serviceId: 'A' }, rogue.token);
    const issuers = await h.api('GET', '/api/tickets/issuers', undefined, manager);
    expect(issuers.body.issuers[0]).toMatchObject({ deviceId: rogue.deviceId, tickets: 30, waiting: 30 });

    expectError(await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId }, reason: 'x' }, staff), 403);
    expectError(await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId } }, manager), 400);
    expectError(await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId }, reason: '   ' }, manager), 400);
    const voided = await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId }, reason: '取号机被人连按占号' }, manager);
    expect(voided.status).toBe(200);
    expect(voided.body.voided).toBe(30);
    expect(voided.body.numbers[0]).toBe('A002');
    expectError(await h.api('POST', '/api/tickets/void', { issuedBy: { deviceId: rogue.deviceId }, reason: 'again' }, manager), 409, 'NOTHING_TO_VOID');

    expect((await h.api('GET', `/api/tickets/${voided.body.ticketIds[0]}`)).body.status).toBe('voided');
    expect((await h.api('GET', `/api/tickets/${visitor.body.id}`)).body.status).toBe('waiting');
    const services = (await h.api('GET', '/api/services')).body as { id: string; waiting: number }[];
    expect(services.find((s) => s.id === 'A')!.waiting).toBe(1);
    // The next ticket takes a new number; the voided ones stay used.
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A' })).body.number).toBe('A032');
    // The real visitor is called next, not a voided ticket.
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, staff);
    expect((await h.api('POST', '/api/windows/W1/call-next', {}, staff)).body.ticket.number).toBe('A001');

    await until(() => screen.events.some((e) => e.type === 'TicketsVoided'));
    const pub = screen.events.find((e) => e.type === 'TicketsVoided')!;
    expect((pub.data as { ticketIds: string[] }).ticketIds).toHaveLength(30);
    expect(JSON.stringify(pub)).not.toContain('连按');
    // Journaled: still voided after a restart.
    const dataDir = h.dataDir;
    await h.close({ keepData: true });
    h = await startHub({ dataDir });
    expect((await h.api('GET', `/api/tickets/${voided.body.ticketIds[5]}`)).body.status).toBe('voided');
    expect(journaled(dataDir).find((e) => e.type === 'TicketsVoided')!.data).toMatchObject({ reason: '取号机被人连按占号', by: 'M01' });
  });
});
