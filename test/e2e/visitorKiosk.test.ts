import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fakePrinter.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const PUBLIC_URL = 'http://192.168.1.10:8080';

/**
 * The kiosk as a visitor meets it: the commonest matters on the buttons, an honest wait, where to
 * go, a QR code a phone can open, back to Chinese after the last visitor walked away, and a
 * printer that ran out of paper said plainly, with its held tickets printed only when asked.
 */
describe('the kiosk as visitors judge it', () => {
  let h: TestHub;
  let browser: Browser;
  let printer: FakePrinter;

  beforeAll(async () => {
    printer = await startFakePrinter();
    h = await startHub({
      webDir: DIST,
      start: '2026-11-23T09:00:00+08:00',
      config: {
        ...demoHall,
        hall: { ...demoHall.hall, publicUrl: PUBLIC_URL, publicTicketsPerHour: 1000 },
        kiosks: [{ id: 'K1', name: '大厅取号机', printer: printer.address }],
      },
    });
    h.running.printing.configure({ backoffMs: () => 200 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await printer?.close();
  });

  const open = async (size: { width: number; height: number }, query = '') => {
    const { page, errors } = await openPage(browser, `${h.url}/kiosk?kiosk=K1${query}`, size);
    await page.locator('connection-badge[status=online]').waitFor();
    await page.locator('[data-service=B]').waitFor();
    return { page, errors };
  };

  it('shows each service\'s commonest matters on its button, in both sizes and both languages', async () => {
    for (const [label, size] of [['portrait', SIZES.kiosk], ['landscape', { width: 1920, height: 1080 }]] as const) {
      const { page, errors } = await open(size);
      const matters = await page.locator('[data-service=B] [data-testid=matters]').innerText();
      for (const m of ['高龄津贴', '低保', '临时救助']) expect(matters).toContain(m);
      expect(await page.locator('[data-service=A] [data-testid=matters]').innerText()).toContain('参保缴费');
      await screenshot(page, `visitor-kiosk-home-${label}-zh`);
      // Every button, matters included, is on screen without scrolling.
      const last = await page.locator('[data-service=E]').boundingBox();
      expect(last!.y + last!.height).toBeLessThanOrEqual(size.height);
      await page.locator('lang-switch button').click();
      await page.getByText('Choose a service').waitFor();
      await screenshot(page, `visitor-kiosk-home-${label}-en`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('a green-channel ticket at a busy window is not told "0 minutes", and the ticket says which window and carries the hall\'s address', async () => {
    const s05 = await h.login('S05');
    await h.api('POST', '/api/windows/W5/sign-in', { post: 'A' }, s05);
    await h.api('POST', '/api/tickets', { serviceId: 'D' });
    await h.api('POST', '/api/windows/W5/call-next', undefined, s05);
    await h.api('POST', '/api/windows/W5/start', undefined, s05);
    await h.api('POST', '/api/tickets', { serviceId: 'D' });

    const { page } = await open(SIZES.kiosk);
    // One waits, the only window is busy: the button promises no instant service.
    await expect.poll(() => page.locator('[data-service=D] .meta').innerText()).toMatch(/等候 1 人\s*约 (\d+) 分钟/);
    const buttonMin = Number(/约 (\d+) 分钟/.exec(await page.locator('[data-service=D] .meta').innerText())![1]);
    expect(buttonMin).toBeGreaterThanOrEqual(20);
    await page.locator('[data-service=D]').click();
    expect(await page.locator('[data-testid=detail-windows]').innerText()).toBe('请到 5 号窗口办理');
    await page.locator('button.take.green').click();
    await page.locator('[data-testid=ticket-number]').waitFor();
    expect(await page.locator('[data-testid=ticket-ahead]').innerText()).toContain('0');
    const wait = await page.locator('ticket-card dd').first().innerText();
    expect(wait).not.toMatch(/约 0 分钟/);
    expect(Number(/约 (\d+) 分钟/.exec(wait)?.[1])).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=ticket-windows]').innerText()).toBe('请到 5 号窗口办理');
    await page.locator('[data-testid=ticket-qr]').waitFor();
    const qrUrl = await page.locator('ticket-card').getAttribute('data-qr-url');
    expect(qrUrl).toMatch(new RegExp(`^${PUBLIC_URL}/t/20261123-[0-9a-f]{10}(\\?k=.+)?$`));
    // The printed ticket holds the same address and the same window.
    const job = decodeEscPos((await printer.waitForJobs(1)).at(-1)!);
    expect(job.qr[0]!.startsWith(`${PUBLIC_URL}/t/`)).toBe(true);
    expect(job.text).toContain('请到 5 号窗口办理');
    await screenshot(page, 'visitor-kiosk-ticket-zh');
    await page.locator('lang-switch button').click();
    await page.getByText('Served at window 5').waitFor();
    await screenshot(page, 'visitor-kiosk-ticket-en');
    await page.context().close();
  });

  it('goes back to its Chinese home screen after 45 s without a touch, not before', async () => {
    const { page } = await openPage(browser, 'about:blank', SIZES.kiosk);
    await page.clock.install();
    await page.goto(`${h.url}/kiosk?kiosk=K1`);
    await page.locator('[data-service=B]').waitFor();
    await page.locator('lang-switch button').click();
    await page.locator('[data-service=B]').click();
    await page.getByText('What to bring').or(page.getByText('Materials')).first().waitFor();
    await page.clock.runFor(40_000);
    // Still the last visitor's page at 40 s.
    expect(await page.locator('[data-service=B]').count()).toBe(0);
    await page.clock.runFor(6_000);
    await page.getByText('请选择办理业务').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.context().close();

    // `idle=` is a setting, kept within 30–60 s.
    const short = await openPage(browser, 'about:blank', SIZES.kiosk);
    await short.page.clock.install();
    await short.page.goto(`${h.url}/kiosk?kiosk=K1&idle=5`);
    await short.page.locator('[data-service=B]').click();
    await short.page.clock.runFor(10_000);
    expect(await short.page.locator('[data-service=B]').count()).toBe(0);
    await short.page.clock.runFor(21_000);
    await short.page.locator('[data-service=B]').waitFor();
    await short.page.context().close();
  });

  it('says the printer is out of paper, and prints the held ticket, marked 补打, only when asked', async () => {
    const { page } = await open(SIZES.kiosk);
    printer.condition.paperOut = true;
    const before = printer.jobs.length;
    await page.locator('[data-service=C]').click();
    await page.locator('button.take').first().click();
    const number = await page.locator('[data-testid=ticket-number]').innerText();
    await expect.poll(() => page.locator('[data-testid=printer-alert]').innerText(), { timeout: 15_000 }).toContain('打印纸用完了，请换纸');
    await screenshot(page, 'visitor-kiosk-paper-out-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=printer-alert]').innerText()).toContain('out of paper');
    await screenshot(page, 'visitor-kiosk-paper-out-en');
    await page.locator('lang-switch button').click();

    // The manager's today board says the same, with the held ticket.
    const { page: mgr } = await openPage(browser, `${h.url}/manager`, SIZES.counter);
    await mgr.fill('input[name=staffId]', 'M01');
    await mgr.fill('input[name=pin]', '900001');
    await mgr.click('button[type=submit]');
    const row = mgr.locator('#today-printers tr[data-kiosk=K1]');
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('打印纸用完了，请换纸');
    expect(await row.locator('td.num').innerText()).toBe('1');
    await screenshot(mgr, 'visitor-manager-printer-paper-out-zh');
    await mgr.locator('manager-app').getByRole('button', { name: 'English' }).first().click();
    await expect.poll(() => row.innerText()).toContain('out of paper');
    await screenshot(mgr, 'visitor-manager-printer-paper-out-en');
    await mgr.context().close();

    printer.condition.paperOut = false;
    await page.locator('[data-testid=print-held]').waitFor({ timeout: 15_000 });
    expect(printer.jobs.length).toBe(before);
    await screenshot(page, 'visitor-kiosk-print-held-zh');
    await page.locator('[data-testid=print-held]').click();
    const jobs = await printer.waitForJobs(before + 1);
    const late = decodeEscPos(jobs.at(-1)!).text;
    expect(late).toContain(number);
    expect(late).toContain('（补打）');
    await page.getByText('已补打 1 张').waitFor();
    await page.context().close();
  });
});
