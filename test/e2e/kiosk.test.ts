import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A TCP port with nothing listening: a kiosk printer that is switched off. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * The kiosk at 16:40: real estate (D) stopped issuing at 16:30, household registration (C) has one
 * number a day, and the kiosk's printer is off. The visitor always gets a clear answer on screen.
 */
describe('the kiosk when things are not simple', () => {
  let h: TestHub;
  let browser: Browser;
  let kiosk: Page;

  beforeAll(async () => {
    const config = structuredClone(demoHall) as typeof demoHall & { kiosks: { id: string; name: string; printer?: string }[] };
    config.services = config.services.map((s) => (s.id === 'C' ? { ...s, dailyCap: 1 } : s));
    config.kiosks = [{ id: 'K1', name: '大厅取号机', printer: `tcp://127.0.0.1:${await deadPort()}` }];
    h = await startHub({ webDir: DIST, config, start: '2026-11-23T16:40:00+08:00' });
    browser = await launchBrowser();
    kiosk = (await openPage(browser, `${h.url}/kiosk?kiosk=K1`, SIZES.kiosk)).page;
    await kiosk.locator('connection-badge[status=online]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('with the printer off, the ticket is still on screen and the kiosk says the printer is out of order', async () => {
    await kiosk.locator('[data-service=C]').click();
    await kiosk.locator('button.take').first().click();
    await expect.poll(() => kiosk.locator('[data-testid=ticket-number]').textContent()).toBe('C001');
    await kiosk.locator('.printer-alert').waitFor({ timeout: 15_000 });
    expect(await kiosk.locator('.printer-alert').textContent()).toContain('打印机故障');
    await kiosk.locator('[data-testid=ticket-qr]').waitFor();
    await screenshot(kiosk, 'kiosk-printer-down');
    await kiosk.getByText('完成').click();
    await kiosk.locator('[data-service=C]').waitFor();
  });

  it('a service at its daily cap looks unavailable before a tap, offers no ticket, and the hub refuses one too', async () => {
    const refused = await h.api('POST', '/api/tickets', { serviceId: 'C' }, undefined, { 'accept-language': 'zh-CN' });
    expect(refused.body.error.code).toBe('SERVICE_FULL');
    await expect.poll(() => kiosk.locator('[data-service=C] [data-testid=service-off]').textContent()).toBe('今日号已取完');
    expect(await kiosk.locator('[data-service=C]').getAttribute('data-off')).toBe('true');
    await kiosk.locator('[data-service=C]').click();
    await kiosk.locator('[data-testid=detail-off]').getByText('今日号已取完').waitFor();
    expect(await kiosk.locator('button.take').first().isDisabled()).toBe(true);
    expect(await kiosk.locator('button.take.green').count()).toBe(0);
    await kiosk.getByText('返回').click();
  });

  it('a service past its cut-off time says so on its card, by the hub\'s clock', async () => {
    const refused = await h.api('POST', '/api/tickets', { serviceId: 'D' }, undefined, { 'accept-language': 'zh-CN' });
    expect(refused.body.error.code).toBe('SERVICE_CUT_OFF');
    await expect.poll(() => kiosk.locator('[data-service=D] [data-testid=service-off]').textContent()).toBe('16:30 已停止取号');
    // A, with no cap reached and no cut-off, stays available.
    expect(await kiosk.locator('[data-service=A]').getAttribute('data-off')).toBe('false');
    await screenshot(kiosk, 'kiosk-cut-off');
    await kiosk.locator('[data-service=D]').click();
    await kiosk.locator('[data-testid=detail-off]').waitFor();
    expect(await kiosk.locator('button.take').first().isDisabled()).toBe(true);
    await kiosk.getByText('返回').click();
    const services = (await h.api('GET', '/api/services')).body as { id: string; waiting: number }[];
    expect(services.find((s) => s.id === 'D')?.waiting).toBe(0);
  });

  it('promises no wait while no window serves a service, and gives an estimate once one opens', async () => {
    await expect.poll(() => kiosk.locator('[data-service=A] .meta').textContent()).toContain('暂无窗口办理');
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    await expect.poll(() => kiosk.locator('[data-service=A] .meta').textContent()).toContain('约 0 分钟');
    // Window 1 serves A and E only: B still has no window.
    expect(await kiosk.locator('[data-service=B] .meta').textContent()).toContain('暂无窗口办理');
    await h.api('POST', '/api/windows/W1/sign-out', undefined, token);
  });

  it('goes back to the start on its own after the ticket has been shown', async () => {
    const { page } = await openPage(browser, `${h.url}/kiosk?seconds=3`, SIZES.kiosk);
    await page.locator('[data-service=E]').click();
    await page.locator('button.take').first().click();
    await expect.poll(() => page.locator('[data-testid=ticket-number]').textContent()).toBe('E001');
    const shownAt = Date.now();
    await page.locator('[data-service=E]').waitFor({ timeout: 10_000 });
    expect(Date.now() - shownAt).toBeGreaterThan(1500);
    await page.close();
  });

  it('switches to English and back, and remembers the choice', async () => {
    await kiosk.locator('lang-switch button').click();
    await kiosk.getByText('Choose a service').waitFor();
    await kiosk.getByText('Social & medical insurance').waitFor();
    await screenshot(kiosk, 'kiosk-english');
    await kiosk.reload();
    await kiosk.getByText('Choose a service').waitFor();
    await kiosk.locator('lang-switch button').click();
    await kiosk.getByText('请选择办理业务').waitFor();
  });
});
