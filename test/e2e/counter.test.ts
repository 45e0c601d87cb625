import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The counter terminal on a desktop: function keys, buttons that explain why they are off,
 * transfer, one-time notice, and signing out. Each action is checked against the hub's own record.
 */
describe('the counter terminal', () => {
  let h: TestHub;
  let browser: Browser;
  let counter: Page;
  const current = () => counter.locator('[data-testid=current-number]').textContent();

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    // A001, E001, A002: window 1 serves A before E.
    for (const serviceId of ['A', 'E', 'A']) await h.api('POST', '/api/tickets', { serviceId });
    browser = await launchBrowser();
    counter = (await openPage(browser, `${h.url}/counter`, SIZES.counter)).page;
    await counter.locator('input[name=staffId]').fill('S02');
    await counter.locator('input[name=pin]').fill('100002');
    await counter.locator('button[type=submit]').click();
    await counter.locator('[data-window=W1]').waitFor();
    await screenshot(counter, 'counter-windows');
    // S02 is post B of window 1.
    await counter.locator('[data-window=W1] button').nth(1).click();
    await counter.locator('connection-badge[status=online]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a wrong PIN is answered on the login form', async () => {
    const { page } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await page.locator('input[name=staffId]').fill('S03');
    await page.locator('input[name=pin]').fill('000000');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.error').textContent()).toBe('工号或密码错误');
    await page.close();
  });

  it('F1 calls the next ticket and F3 starts it; the buttons then off say why', async () => {
    await expect.poll(() => counter.locator('.side .total').textContent()).toBe('3');
    await counter.keyboard.press('F1');
    await expect.poll(current).toBe('A001');
    expect(await counter.locator('button[data-action=call-next]').getAttribute('title')).toBe('请先办结或过号当前号码');
    await counter.keyboard.press('F3');
    await expect.poll(() => counter.locator('button[data-action=recall]').getAttribute('title')).toBe('只有已叫号的号可以开始');
    expect(await counter.locator('button[data-action=sign-out]').isDisabled()).toBe(true);
    expect((await h.api('GET', '/api/windows')).body[0]).toMatchObject({ id: 'W1', currentStatus: 'serving', staffId: 'S02', post: 'B' });
  });

  it('finishing with a one-time notice records that outcome and counts as my finished ticket', async () => {
    const w = (await h.api('GET', '/api/windows')).body[0] as { currentTicketId: string };
    await counter.getByText('一次性告知', { exact: true }).click();
    await expect.poll(() => counter.locator('[data-testid=my-count]').textContent()).toBe('1');
    const t = await h.api('GET', `/api/tickets/${w.currentTicketId}`);
    expect(t.body).toMatchObject({ status: 'done', outcome: 'one-time-notice', staffId: 'S02' });
  });

  it('a called ticket can be transferred to another service and keeps its number', async () => {
    await counter.keyboard.press('F1');
    await expect.poll(current).toBe('A002');
    const w = (await h.api('GET', '/api/windows')).body[0] as { currentTicketId: string };
    await counter.locator('button[data-action=transfer]').click();
    await counter.locator('button[data-transfer=C]').click();
    await expect.poll(current).toBe('—');
    const t = await h.api('GET', `/api/tickets/${w.currentTicketId}`);
    expect(t.body).toMatchObject({ number: 'A002', serviceId: 'C', status: 'waiting' });
  });

  it('F5 marks a no-show, and signing out returns to the window list', async () => {
    await counter.keyboard.press('F1');
    await expect.poll(current).toBe('E001');
    await counter.keyboard.press('F5');
    await expect.poll(current).toBe('—');
    await screenshot(counter, 'counter-idle');
    await counter.locator('button[data-action=sign-out]').click();
    await counter.locator('[data-window=W1]').waitFor();
    expect((await h.api('GET', '/api/windows')).body[0]).toMatchObject({ id: 'W1', state: 'closed' });
  });
});
