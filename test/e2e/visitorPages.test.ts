import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The two pages a visitor reads without help: the pad at the window and the phone page. Each state
 * says in words what is going on and what to do next.
 */
describe('the pages visitors read', () => {
  let h: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the pad says a window is closed, who serves once someone signs in, a pause, and asks for a rating with the number', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/rate/4`, SIZES.pad);
    await page.locator('connection-badge[status=online]').waitFor();
    // Ratings need the window's paired pad: hand the page its device token as pairing does.
    const { token: padToken } = await h.pairDevice('pad', 'W4');
    await page.locator('rate-pad').evaluate((el, tk) => ((el as unknown as { deviceToken: string }).deviceToken = tk), padToken);
    await expect.poll(() => page.locator('[data-testid=pad-idle]').textContent()).toBe('本窗口暂未开放');
    await page.getByText('请到其他窗口办理').waitFor();
    await screenshot(page, 'pad-closed');
    const s04 = await h.login('S04');
    await h.api('POST', '/api/windows/W4/sign-in', { post: 'A' }, s04);
    await page.getByText('工号 S04').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=pad-idle]').textContent()).toBe('请在办结后对本次服务评价');
    await h.api('POST', '/api/windows/W4/pause', { reason: 'break', note: '', expectedBackAt: '2026-11-23T09:20:00+08:00' }, s04);
    await expect.poll(() => page.locator('[data-testid=pad-idle]').textContent(), { timeout: 10_000 }).toBe('暂停服务 · 休息');
    await page.getByText('预计 09:20 返回').waitFor();
    await screenshot(page, 'pad-paused');
    await h.api('POST', '/api/windows/W4/resume', undefined, s04);
    const ticket = (await h.api('POST', '/api/tickets', { serviceId: 'C' })).body as { id: string; number: string };
    await h.api('POST', '/api/windows/W4/call-next', undefined, s04);
    await h.api('POST', '/api/windows/W4/start', undefined, s04);
    await h.api('POST', '/api/windows/W4/finish', { outcome: 'done' }, s04);
    await page.getByText(`您的号码：${ticket.number}`).waitFor({ timeout: 10_000 });
    await screenshot(page, 'pad-asking');
    // Every face is a big target: at least a fifth of the pad's height.
    const heights = await page.locator('button[data-score]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(SIZES.pad.height / 5);
    await page.locator('button[data-score="5"]').click();
    await page.locator('[data-testid=thanks]').waitFor();
    await expect.poll(async () => (await h.api('GET', `/api/tickets/${ticket.id}`)).body.rating).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the phone page tells the visitor what to do while waiting, after a transfer, when called, missed, done with papers missing, and expired', async () => {
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const first = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { id: string };
    const second = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { id: string };
    const { page, errors } = await openPage(browser, `${h.url}/t/${first.id}`, SIZES.phone, { mobile: true });
    const say = () => page.locator('[data-testid=status-say]').textContent();
    await expect.poll(say).toContain('请在大厅坐下等候');

    await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    await expect.poll(say).toBe('叫到您了！请带好证件和材料，马上到 1 号窗口。');
    await screenshot(page, 'phone-called');

    await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'C', reason: '户籍' }, s01);
    await expect.poll(say).toContain('您的号已转到「户籍证明」，仍按原来的取号时间排队，不用重新取号。');
    expect(await page.locator('[data-testid=status]').textContent()).toBe('等候中');
    await screenshot(page, 'phone-transferred');

    // Window 1 serves A and E: the second A ticket is called next and missed.
    await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    await h.api('POST', '/api/windows/W1/no-show', undefined, s01);
    await page.goto(`${h.url}/t/${second.id}`);
    await expect.poll(say).toContain('这个号已过号。如还要办理，请到咨询台询问或重新取号');
    await screenshot(page, 'phone-no-show');

    const third = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { id: string };
    await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    await h.api('POST', '/api/windows/W1/start', undefined, s01);
    await h.api('POST', '/api/windows/W1/finish', { outcome: 'one-time-notice' }, s01);
    await page.goto(`${h.url}/t/${third.id}`);
    await expect.poll(say).toContain('一次性告知单');

    // The hall closes with the transferred ticket still waiting: the next morning it has expired.
    h.clock.advance(24 * 3600_000);
    await h.api('POST', '/api/tickets', { serviceId: 'E' });
    await page.goto(`${h.url}/t/${first.id}`);
    await expect.poll(say).toContain('这张号已失效');
    await page.locator('lang-switch button').click();
    await expect.poll(say).toContain('This number has expired');
    await screenshot(page, 'phone-abandoned-english');
    expect(errors).toEqual([]);
    await page.close();
  });
});
