import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallConfigInput } from '../../shared/config.ts';
import { demoHall } from '../../server/demoHall.ts';
import { closedPort, decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fakePrinter.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const config = (printer: string): HallConfigInput => ({
  ...demoHall,
  kiosks: [{ id: 'K1', name: '大厅取号机', printer }, { id: 'K2', name: '二楼取号机' }],
});

describe('reprinting a ticket at a kiosk', () => {
  let h: TestHub;
  let printer: FakePrinter;
  let port: number;
  let ticketId: string;
  let ticketKey: string;
  beforeAll(async () => {
    port = await closedPort();
    h = await startHub({ config: config(`tcp://127.0.0.1:${port}`) });
    // Retries are far off: only a reprint can send the job during this test.
    h.running.printing.configure({ backoffMs: () => 60_000 });
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'E', kioskId: 'K1' });
    ticketId = issued.body.id;
    ticketKey = issued.body.key;
  });
  afterAll(async () => {
    await h.close();
    await printer?.close();
  });

  it('answers 202 and prints the ticket once the printer is there, marked as a copy, in one job', async () => {
    const before = await h.api('GET', '/api/kiosks/K1/printer');
    expect(before.body).toMatchObject({ ok: false, pendingJobs: 1, heldJobs: 1 });
    printer = await startFakePrinter(port);

    const r = await h.api('POST', '/api/kiosks/K1/reprint', { ticketId });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ kioskId: 'K1', ticketId, queued: true, pendingJobs: 1 });
    const [job] = await printer.waitForJobs(1);
    const { text, qr } = decodeEscPos(job!);
    expect(text).toContain('E001');
    expect(text).toContain('补打');
    // The job still held from the issue keeps its key; a reprint of a ticket never queued would have none.
    expect(qr).toEqual([`${h.url}/t/${ticketId}?k=${ticketKey}`]);
    // The pending job and the reprint were the same ticket: one job, not two.
    const after = await h.api('GET', '/api/kiosks/K1/printer');
    expect(after.body).toEqual({
      kioskId: 'K1', configured: true, ok: true, pendingJobs: 0, heldJobs: 0, paperLow: false, lastError: null, lastErrorEn: null, lastErrorCode: null,
    });
    await new Promise((res) => setTimeout(res, 200));
    expect(printer.jobs).toHaveLength(1);
  });

  it('reprints a ticket already served when asked', async () => {
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, token);
    const n = printer.jobs.length;
    expect((await h.api('POST', '/api/kiosks/K1/reprint', { ticketId })).status).toBe(202);
    const jobs = await printer.waitForJobs(n + 1);
    expect(decodeEscPos(jobs[n]!).text).toContain('E001');
  });

  it.each([
    ['an unknown kiosk', '/api/kiosks/K9/reprint', { ticketId: 'x' }, 404, 'UNKNOWN_KIOSK'],
    ['an unknown ticket', '/api/kiosks/K1/reprint', { ticketId: '20261123-ffffffffff' }, 404, 'UNKNOWN_TICKET'],
    ['a ticket of another day', '/api/kiosks/K1/reprint', { ticketId: '20261122-0000000000' }, 404, 'UNKNOWN_TICKET'],
    ['no ticket id', '/api/kiosks/K1/reprint', {}, 400, 'BAD_REQUEST'],
    ['a number as ticket id', '/api/kiosks/K1/reprint', { ticketId: 42 }, 400, 'BAD_REQUEST'],
    ['a ticket id with odd characters', '/api/kiosks/K1/reprint', { ticketId: '../../etc' }, 400, 'BAD_REQUEST'],
    ['a body that is not an object', '/api/kiosks/K1/reprint', '"E001"', 400, 'BAD_REQUEST'],
    ['malformed JSON', '/api/kiosks/K1/reprint', '{"ticketId":', 400, 'BAD_REQUEST'],
    ['a kiosk id with odd characters', '/api/kiosks/K%21/reprint', { ticketId: 'x' }, 400, 'BAD_REQUEST'],
    ['a kiosk without a printer', '/api/kiosks/K2/reprint', null, 409, 'PRINTER_NOT_CONFIGURED'],
  ])('refuses %s', async (_what, path, body, status, code) => {
    const r = await h.api('POST', path, body ?? { ticketId });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
  });

  it('answers 404 for the printer of an unknown kiosk and 400 for a malformed kiosk id', async () => {
    const unknown = await h.api('GET', '/api/kiosks/K9/printer');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_KIOSK');
    const english = await h.api('GET', '/api/kiosks/K9/printer', undefined, undefined, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('No such kiosk');
    expect((await h.api('GET', `/api/kiosks/${'K'.repeat(80)}/printer`)).status).toBe(400);
  });

  it("lists every kiosk's printer for managers only", async () => {
    expect((await h.api('GET', '/api/admin/printers')).status).toBe(401);
    expect((await h.api('GET', '/api/admin/printers', undefined, await h.login('S02'))).status).toBe(403);
    const list = await h.api('GET', '/api/admin/printers', undefined, await h.login('M01'));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ kioskId: 'K1', name: '大厅取号机', printer: `tcp://127.0.0.1:${port}`, configured: true, ok: true, pendingJobs: 0, lastError: null }),
      expect.objectContaining({ kioskId: 'K2', name: '二楼取号机', printer: null, configured: false, ok: false, pendingJobs: 0 }),
    ]);
    expect(list.body[0].lastPrintedAt).toMatch(/^2026-11-23T08:00:00\.000\+08:00$/);
  });
});
