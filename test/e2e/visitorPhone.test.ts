import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The ticket's phone page (390×844) as a visitor reads it: the number being served while they
 * wait, a one-time notice that lists what to bring instead of saying "done", no "scan with your
 * phone" on the phone itself, and a ticket that cannot be found says why.
 */
describe('the phone page as visitors judge it', () => {
  let h: TestHub;
  let browser: Browser;
  let s04: string;

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00', config: { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 1000 } } });
    browser = await launchBrowser();
    s04 = await h.login('S04');
    await h.api('POST', '/api/windows/W4/sign-in', { post: 'A' }, s04);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const take = async (serviceId: string) => (await h.api('POST', '/api/tickets', { serviceId })).body as { id: string; number: string; key?: string };
  const phone = async (tk: { id: string; key?: string }): Promise<Page> => {
    const { page } = await openPage(browser, `${h.url}/t/${tk.id}${tk.key ? `?k=${tk.key}` : ''}`, SIZES.phone, { mobile: true });
    await page.locator('[data-testid=status]').waitFor();
    return page;
  };

  it('while waiting shows the number being served now, and never asks to scan with the phone it is on', async () => {
    const first = await take('C');
    const mine = await take('C');
    const page = await phone(mine);
    await expect.poll(() => page.locator('[data-testid=now-serving]').innerText()).toBe('该业务暂时没有在办理的号');
    await h.api('POST', '/api/windows/W4/call-next', undefined, s04);
    await expect.poll(() => page.locator('[data-testid=now-serving]').innerText(), { timeout: 10_000 }).toBe(`现在办理到：${first.number}`);
    const text = await page.locator('#main').innerText();
    expect(text).not.toContain('扫码');
    expect(text).toContain('本页会自动刷新');
    await screenshot(page, 'visitor-phone-waiting-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=now-serving]').innerText()).toBe(`Now serving: ${first.number}`);
    expect(await page.locator('#main').innerText()).not.toMatch(/scan/i);
    await screenshot(page, 'visitor-phone-waiting-en');
    await page.context().close();
    // Served and finished so the next test starts with window 4 free.
    await h.api('POST', '/api/windows/W4/start', undefined, s04);
    await h.api('POST', '/api/windows/W4/finish', { outcome: 'done' }, s04);
  });

  it('a one-time notice says 一次性告知 and lists the papers to bring, not 已办结', async () => {
    // The waiting C ticket of the last test is next at window 4.
    await h.api('POST', '/api/windows/W4/call-next', undefined, s04);
    const current = (await h.api('GET', '/api/windows')).body.find((w: { id: string }) => w.id === 'W4');
    await h.api('POST', '/api/windows/W4/start', undefined, s04);
    expect((await h.api('POST', '/api/windows/W4/finish', { outcome: 'one-time-notice' }, s04)).status).toBe(200);
    const page = await phone({ id: current.currentTicketId });
    await expect.poll(() => page.locator('[data-testid=status]').innerText()).toBe('一次性告知');
    const missing = await page.locator('[data-testid=missing]').innerText();
    for (const m of demoHall.services.find((s) => s.id === 'C')!.materials ?? []) expect(missing).toContain(m);
    expect(await page.locator('#main').innerText()).not.toContain('已办结');
    await screenshot(page, 'visitor-phone-one-time-notice-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=status]').innerText()).toBe('One-time notice');
    await screenshot(page, 'visitor-phone-one-time-notice-en');
    await page.context().close();
  });

  it('a ticket that cannot be found says a ticket lives for its day', async () => {
    const { page } = await openPage(browser, `${h.url}/t/20261120-0123456789`, SIZES.phone, { mobile: true });
    await page.locator('[data-testid=not-found]').waitFor();
    const text = await page.locator('[data-testid=not-found]').innerText();
    expect(text).toContain('没有找到这张号');
    expect(text).toContain('只在取号当天有效');
    await screenshot(page, 'visitor-phone-not-found-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=not-found]').innerText()).toContain('valid only on the day');
    await screenshot(page, 'visitor-phone-not-found-en');
    await page.context().close();
  });
});
