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

  it('lists the numbers this window would call next, in the order it would call them', async () => {
    await expect.poll(() => counter.locator('.side .total').textContent()).toBe('3');
    await expect.poll(() => counter.locator('[data-testid=next-numbers] .nnum').allTextContents()).toEqual(['A001', 'A002', 'E001']);
  });

  it('F1 calls the next ticket and F3 starts it; the buttons then off say why', async () => {
    await expect.poll(() => counter.locator('.side .total').textContent()).toBe('3');
    await counter.keyboard.press('F1');
    await expect.poll(current).toBe('A001');
    expect(await counter.locator('button[data-action=call-next]').getAttribute('title')).toBe('请先办结或过号当前号码');
    await counter.keyboard.press('F3');
    await expect.poll(() => counter.locator('button[data-action=recall]').getAttribute('title')).toBe('只有已叫号的号可以开始');
    expect(await counter.locator('button[data-action=sign-out]').isDisabled()).toBe(true);
    // A key that cannot act now says why on screen rather than doing nothing.
    await counter.keyboard.press('F1');
    await expect.poll(() => counter.locator('.error').textContent()).toContain('请先办结或过号当前号码');
    await expect.poll(() => counter.locator('[data-testid=next-numbers] .nnum').allTextContents()).toEqual(['A002', 'E001']);
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
    // The ticket's own service is not offered; nothing moves before the choice is confirmed.
    await counter.locator('button[data-transfer=B]').waitFor();
    await expect.poll(() => counter.locator('button[data-transfer=A]').count()).toBe(0);
    expect(await counter.locator('button[data-action=confirm-transfer]').isDisabled()).toBe(true);
    await counter.locator('button[data-transfer=C]').click();
    await counter.locator('input[name=transfer-reason]').fill('需办户籍证明');
    expect(await counter.locator('button[data-action=confirm-transfer]').textContent()).toContain('户籍证明');
    await screenshot(counter, 'counter-transfer');
    await counter.locator('button[data-action=confirm-transfer]').click();
    await expect.poll(current).toBe('—');
    const t = await h.api('GET', `/api/tickets/${w.currentTicketId}`);
    expect(t.body).toMatchObject({ number: 'A002', serviceId: 'C', status: 'waiting' });
  });

  it('F5 marks a no-show, and signing out returns to the window list', async () => {
    await counter.keyboard.press('F1');
    await expect.poll(current).toBe('E001');
    // 过号 takes a second press: the first only arms it and says so.
    await counter.keyboard.press('F5');
    await counter.locator('[data-testid=notice]').getByText('再按一次').waitFor();
    expect(await current()).toBe('E001');
    await counter.keyboard.press('F5');
    await expect.poll(current).toBe('—');
    await screenshot(counter, 'counter-idle');
    // The pause form: a return time picked on the clock is shown as the window will show it.
    await counter.locator('button[data-action=pause]').click();
    await counter.locator('input[name=back-at]').fill('10:30');
    await expect.poll(() => counter.locator('[data-testid=back-preview]').textContent()).toContain('10:30');
    await counter.locator('input[name=back-at]').fill('08:00');
    await counter.getByText('返回时间须晚于现在').waitFor();
    expect(await counter.locator('button[data-action=confirm-pause]').isDisabled()).toBe(true);
    await counter.locator('input[name=back-at]').fill('10:30');
    await counter.locator('button[data-action=confirm-pause]').click();
    await expect.poll(async () => (await h.api('GET', '/api/windows')).body[0].pause?.expectedBackAt).toBe('2026-11-23T10:30:00.000+08:00');
    await counter.locator('button[data-action=resume]').click();
    await expect.poll(() => counter.locator('button[data-action=pause]').isDisabled()).toBe(false);
    await counter.locator('button[data-action=sign-out]').click();
    await counter.locator('[data-window=W1]').waitFor();
    expect((await h.api('GET', '/api/windows')).body[0]).toMatchObject({ id: 'W1', state: 'closed' });
  });

  it('offers the B post a handover (接班) when the A post holds the window, and takes it without the window going dark', async () => {
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await counter.locator('[data-window=W1] [data-handover=B]').waitFor({ timeout: 10_000 });
    expect(await counter.locator('[data-window=W1] [data-handover=B]').textContent()).toContain('接班');
    // Window 3 is held by S03, where S02 holds no post: nothing to press there.
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, await h.login('S03'));
    await counter.locator('[data-window=W3]').getByText('不是您的岗位，不能签到').waitFor();
    expect(await counter.locator('[data-window=W3] button').count()).toBe(0);
    await screenshot(counter, 'counter-windows-handover');
    await counter.locator('[data-window=W1] [data-handover=B]').click();
    await expect.poll(current).toBe('—');
    expect((await h.api('GET', '/api/windows')).body[0]).toMatchObject({ id: 'W1', state: 'open', staffId: 'S02', post: 'B' });
  });
});
