import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fakePrinter.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A visitor lost their paper ticket: the lobby finds the number on the tablet and reprints it on
 * the hall's kiosk printer, with the reason. The printer (a fake ESC/POS printer on TCP) receives
 * the same number, marked 补打, with a fresh key in its QR.
 */
describe('the lobby reprints a lost ticket', () => {
  let h: TestHub;
  let browser: Browser;
  let printer: FakePrinter;

  beforeAll(async () => {
    printer = await startFakePrinter();
    const hall = {
      ...demoHall,
      kiosks: [{ id: 'K1', name: '大厅取号机', printer: printer.address }],
      staff: demoHall.staff.some((s) => s.id === 'L01') ? demoHall.staff : [...demoHall.staff, { id: 'L01', name: '孙悦', pin: '300001', role: 'lobby' as const }],
    };
    h = await startHub({ webDir: DIST, config: hall, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await printer?.close();
  });

  it('finds C001 and reprints it on 大厅取号机, marked 补打', async () => {
    // Taken without a kiosk id: nothing was printed for it.
    const t = (await h.api('POST', '/api/tickets', { serviceId: 'C' })).body as { number: string };
    expect(t.number).toBe('C001');
    const { page, errors } = await openPage(browser, `${h.url}/lobby`, { width: 1280, height: 800 }, { mobile: true });
    await page.locator('input[name=staffId]').fill('L01');
    await page.locator('input[name=pin]').fill('300001');
    await page.locator('button[type=submit]').click();
    await page.locator('connection-badge[status=online]').waitFor();
    await page.locator('input[name=find]').fill('c1');
    await page.locator('form.find button[type=submit]').click();
    await expect.poll(() => page.locator('[data-testid=lobby-ticket-number]').textContent()).toBe('C001');
    await page.locator('[data-lobby-action=reprint]').click();
    await page.locator('ticket-panel [data-target=K1]').click();
    await page.locator('reason-picker [data-reason=r_reprint_lost]').click();
    await page.locator('ticket-panel reason-picker [data-action=confirm]').click();
    await page.locator('ticket-panel [data-testid=lobby-done]').waitFor();
    await screenshot(page, 'lobby-reprint-zh');
    const [job] = await printer.waitForJobs(1);
    const { text, qr } = decodeEscPos(job!);
    expect(text).toContain('C001');
    expect(text).toContain('补打');
    // The copy's QR carries a fresh key (the hub keeps only hashes): the visitor can use it.
    const key = new URL(qr[0]!).searchParams.get('k');
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect((await h.rawApi('POST', `/api/tickets/${new URL(qr[0]!).pathname.split('/').at(-1)}/cancel`, { key })).status).toBe(200);
    expect(errors).toEqual([]);
  });
});
