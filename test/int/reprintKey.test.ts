import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { expectError, recorder, until } from '../support/contract.ts';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fakePrinter.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A lost ticket reprinted by the lobby carries a fresh key in its QR (the hub keeps only key
 * hashes, so the first key cannot be printed again): the visitor can follow, rate and cancel with
 * it, the lost paper's key stops working, and the fresh key's hash is journaled. A reprint asked
 * for without a lobby or manager token prints no key and changes nothing.
 */
describe('a reprinted ticket\'s key', () => {
  let h: TestHub | undefined;
  let printer: FakePrinter | undefined;
  afterEach(async () => {
    await h?.close();
    await printer?.close();
    h = undefined;
    printer = undefined;
  });

  async function hallWithPrinter() {
    printer = await startFakePrinter(0);
    h = await startHub({ config: { ...demoHall, kiosks: [{ id: 'K1', name: '大厅取号机', printer: `tcp://127.0.0.1:${printer.port}` }] } });
    const issued = (await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' })).body;
    await printer.waitForJobs(1);
    return issued as { id: string; key: string };
  }

  const qrKey = (job: Buffer) => new URL(decodeEscPos(job).qr[0]!).searchParams.get('k');

  it('the lobby\'s reprint prints a fresh key that rates the ticket; the lost paper\'s key no longer works', async () => {
    const t = await hallWithPrinter();
    const screen = await recorder(h!);
    const lobby = await h!.login('L01');
    const r = await h!.rawApi('POST', '/api/kiosks/K1/reprint', { ticketId: t.id, reason: '号票丢失' }, lobby);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ ticketId: t.id, keyReissued: true });
    expect(JSON.stringify(r.body)).not.toMatch(/"key"/);
    const jobs = await printer!.waitForJobs(2);
    const fresh = qrKey(jobs[1]!);
    expect(decodeEscPos(jobs[1]!).text).toContain('补打');
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(fresh).not.toBe(t.key);

    // The lost paper's key cannot cancel the ticket any more; the reprint's can follow it to the end.
    expectError(await h!.rawApi('POST', `/api/tickets/${t.id}/cancel`, { key: t.key }), 403);
    const s01 = await h!.login('S01');
    await h!.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h!.api('POST', '/api/windows/W1/call-next', {}, s01);
    await h!.api('POST', '/api/windows/W1/finish', {}, s01);
    expectError(await h!.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 1, key: t.key }), 403, 'RATING_FORBIDDEN');
    expect((await h!.rawApi('POST', `/api/tickets/${t.id}/rating`, { score: 5, key: fresh })).status).toBe(201);

    // Journaled as a hash, never the key; no socket sees the hash.
    const journal = readdirSync(join(h!.dataDir, 'journal')).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(join(h!.dataDir, 'journal', f), 'utf8')).join('');
    expect(journal).toContain('"TicketKeyReissued"');
    expect(journal).not.toContain(fresh!);
    await until(() => screen.events.some((e) => e.type === 'TicketKeyReissued'));
    expect(JSON.stringify(screen.events)).not.toContain('keyHash');
  });

  it('the fresh key still works after a restart', async () => {
    const t = await hallWithPrinter();
    const manager = await h!.login('M01');
    expect((await h!.rawApi('POST', '/api/kiosks/K1/reprint', { ticketId: t.id }, manager)).status).toBe(202);
    const fresh = qrKey((await printer!.waitForJobs(2))[1]!);
    const dataDir = h!.dataDir;
    const config = { ...demoHall, kiosks: [{ id: 'K1', name: '大厅取号机', printer: `tcp://127.0.0.1:${printer!.port}` }] };
    await h!.close({ keepData: true });
    h = await startHub({ dataDir, config });
    expect((await h.rawApi('POST', `/api/tickets/${t.id}/cancel`, { key: fresh })).status).toBe(200);
  });

  it('a reprint without a lobby or manager token prints no key and leaves the visitor\'s key working', async () => {
    const t = await hallWithPrinter();
    const staff = await h!.login('S01');
    expect((await h!.rawApi('POST', '/api/kiosks/K1/reprint', { ticketId: t.id })).status).toBe(202);
    await printer!.waitForJobs(2);
    expect((await h!.rawApi('POST', '/api/kiosks/K1/reprint', { ticketId: t.id }, staff)).status).toBe(202);
    const jobs = await printer!.waitForJobs(3);
    expect(qrKey(jobs[1]!)).toBeNull();
    expect(qrKey(jobs[2]!)).toBeNull();
    expectError(await h!.rawApi('POST', '/api/kiosks/K1/reprint', { ticketId: t.id }, 'not-a-token'), 401);
    expect((await h!.rawApi('POST', `/api/tickets/${t.id}/cancel`, { key: t.key })).status).toBe(200);
  });
});
