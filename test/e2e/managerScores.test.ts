import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** The manager app at 10:30 on a Monday: S01 came in 7 minutes late, S05 left W5 paused without a word. */
describe('the manager app', () => {
  let h: TestHub;
  let browser: Browser;
  let page: Page;
  const at = (hhmm: string) => h.clock.set(Date.parse(`2026-11-23T${hhmm}:00+08:00`));

  beforeAll(async () => {
    h = await startHub({ webDir: process.env.HALL_WEB_DIR ?? DIST, start: '2026-11-23T07:50:00+08:00' });
    const tok: Record<string, string> = {};
    for (const s of ['S01', 'S02', 'S05']) tok[s] = await h.login(s);
    at('07:58');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, tok.S02);
    await h.api('POST', '/api/windows/W5/sign-in', { post: 'A' }, tok.S05);
    at('08:07');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, tok.S01);
    at('09:00');
    await h.api('POST', '/api/windows/W5/pause', { reason: 'other', note: '' }, tok.S05);
    at('09:10');
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    at('10:30');
    browser = await launchBrowser();
    page = (await openPage(browser, `${h.url}/manager`, { width: 1366, height: 900 })).page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('refuses a staffer who is not a manager, with a clear message', async () => {
    await page.fill('input[name=staffId]', 'S01');
    await page.fill('input[name=pin]', '100001');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('manager-app .error').textContent()).toContain('不是管理员');
    expect(await page.locator('today-board').count()).toBe(0);
  });

  it('a manager logs in and sees today\'s board: who is where, pauses, uncovered minutes, queues', async () => {
    await page.fill('input[name=staffId]', 'M01');
    await page.fill('input[name=pin]', '900001');
    await page.click('button[type=submit]');
    const w5 = page.locator('today-board tr[data-window=W5]');
    await w5.waitFor();
    await expect.poll(() => w5.textContent()).toContain('暂停');
    // W5 paused since 09:00: 90 minutes uncovered by 10:30.
    await expect.poll(() => w5.locator('td').nth(7).textContent()).toBe('90');
    expect(await page.locator('today-board tr[data-window=W1]').textContent()).toContain('张敏');
    expect(await page.locator('today-board #today-services').textContent()).toContain('3');
    await screenshot(page, 'manager-today');
  });

  it('opens a staffer\'s score card and sees the evidence behind each item', async () => {
    await page.click('nav button[data-tab=scores]');
    const row = page.locator('score-cards tr[data-staff=S01]');
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('99');
    await row.click();
    const card = page.locator('score-cards #card');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('迟到');
    expect(text).toContain('08:07 在 W1 签到');
    expect(text).toContain('迟到 7 分钟');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-scorecard');
    await page.locator('score-cards tr[data-window=W5]').click();
    await expect.poll(() => card.textContent()).toContain('无人顶岗');
    await screenshot(page, 'manager-window-card');
  });
});
