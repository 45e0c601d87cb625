import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The counter desk as a staffer judges it on a 1366×768 terminal: the day's count comes from the
 * hub, an empty hand says how many wait, a recall says it went out, a no-show needs a second tap,
 * the ticket in hand says what it is and where it came from, a pause says why and for how long,
 * and a substitute sees whose posts they are choosing between.
 *
 * Monday 2026-11-23: A001 taken 08:40, E001 and E002 08:42; at 08:45 李强 (S02) at window 2 sends
 * A001 on to service E with a reason. 张敏 (S01) signs in to window 1 (A, E) at 09:00.
 */
describe('the counter desk, as a staffer reads it', () => {
  let h: TestHub;
  let browser: Browser;
  let desk: Page;
  let desk0: string;
  const at = (hhmm: string) => h.clock.set(Date.parse(`2026-11-23T${hhmm}:00+08:00`));
  const current = () => desk.locator('[data-testid=current-number]').textContent();
  const ticketOf = async (number: string) => {
    const w1 = (await h.api('GET', '/api/windows')).body[0] as { currentTicketId: string | null };
    return w1.currentTicketId ? (await h.api('GET', `/api/tickets/${w1.currentTicketId}`)).body : { number, status: 'none' };
  };
  const fitsScreen = () => desk.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T08:40:00+08:00' });
    // Tickets are taken with a staff token (as a helper at the kiosk would): no public hourly quota.
    desk0 = await h.login('M01');
    await h.api('POST', '/api/tickets', { serviceId: 'A' }, desk0);
    at('08:42');
    await h.api('POST', '/api/tickets', { serviceId: 'E' }, desk0);
    await h.api('POST', '/api/tickets', { serviceId: 'E' }, desk0);
    at('08:45');
    const s02 = await h.login('S02');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, s02);
    await h.api('POST', '/api/windows/W2/call-next', {}, s02);
    const moved = await h.api('POST', '/api/windows/W2/transfer', { serviceId: 'E', reason: '需先开具户籍证明' }, s02);
    expect(moved.status).toBe(200);
    at('09:00');
    browser = await launchBrowser();
    desk = (await openPage(browser, `${h.url}/counter`, SIZES.counter)).page;
    await desk.locator('input[name=staffId]').fill('S01');
    await desk.locator('input[name=pin]').fill('100001');
    await desk.locator('button[type=submit]').click();
    await desk.locator('[data-window=W1] button[data-post=A]').click();
    await desk.locator('connection-badge[status=online]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('with nobody in hand it says how many wait for this window, not "nobody waiting"', async () => {
    await expect.poll(() => desk.locator('[data-testid=cur-status]').textContent()).toContain('本窗口 3 人等候');
    expect(await desk.locator('[data-testid=cur-status]').textContent()).not.toContain('当前无人等候');
    await screenshot(desk, 'counter-desk-idle-zh');
  });

  it('the ticket in hand shows its service, issue time, the wait so far and why it was transferred', async () => {
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(current).toBe('A001');
    const info = desk.locator('[data-testid=ticket-info]');
    await expect.poll(() => info.locator('[data-testid=ticket-service]').textContent()).toBe('综合咨询');
    expect(await info.locator('[data-testid=ticket-times]').textContent()).toMatch(/取号\s*08:40\s*·\s*已等 20 分钟/);
    const transfer = await info.locator('[data-testid=ticket-transfer]').textContent();
    expect(transfer).toContain('由 2 号窗口 李强 转来');
    expect(transfer).toContain('需先开具户籍证明');
    expect(await fitsScreen()).toBe(true);
    await screenshot(desk, 'counter-desk-ticket-zh');
  });

  it('重呼 says on screen that the recall went out, and the hub records the second call', async () => {
    at('09:02');
    await desk.locator('button[data-action=recall]').click();
    await expect.poll(() => desk.locator('[data-testid=notice]').textContent()).toContain('已重呼 A001');
    expect(await desk.locator('[data-testid=notice]').textContent()).toContain('第 3 次');
    expect((await ticketOf('A001')).lastCalledAt).toBe('2026-11-23T09:02:00.000+08:00');
    expect(await desk.locator('[data-testid=ticket-times]').textContent()).toContain('已呼叫 3 次，最近 09:02');
  });

  it('过号 is a quiet button away from 开始办理; one tap only arms it and lapses, two taps mark the no-show', async () => {
    const noShow = desk.locator('button[data-action=no-show]');
    expect(await noShow.getAttribute('class')).not.toContain('warn');
    // Not in the row of 开始办理: a slip of the finger beside "start" cannot send a visitor away.
    const startRow = desk.locator('.actions', { has: desk.locator('button[data-action=start]') });
    expect(await startRow.locator('button[data-action=no-show]').count()).toBe(0);
    await noShow.click();
    await expect.poll(() => noShow.textContent()).toContain('再按一次确认过号 A001');
    expect(await desk.locator('[data-testid=notice]').textContent()).toContain('5 秒内再按一次');
    expect((await ticketOf('A001')).status).toBe('called');
    await screenshot(desk, 'counter-desk-noshow-armed-zh');
    // Left alone, the armed button goes back to plain 过号 and nothing was sent.
    await expect.poll(() => noShow.textContent(), { timeout: 9_000 }).toBe('过号');
    expect((await ticketOf('A001')).status).toBe('called');
    await noShow.click();
    await noShow.click();
    await expect.poll(current).toBe('—');
    expect(await desk.locator('[data-testid=notice]').textContent()).toContain('A001 已过号');
    const a001 = (await h.api('GET', '/api/windows')).body;
    expect(a001[0].currentTicketId).toBeNull();
  });

  it('"我今日办结" is the hub\'s count: it survives a reload and counts what was finished elsewhere', async () => {
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(current).toBe('E001');
    await desk.locator('button[data-action=start]').click();
    await desk.locator('button[data-action=finish]').first().click();
    await expect.poll(() => desk.locator('[data-testid=my-count]').textContent()).toBe('1');
    await desk.reload();
    await expect.poll(() => desk.locator('[data-testid=my-count]').textContent()).toBe('1');
    // A second terminal (or the API) finishing a ticket for the same staffer moves the count here too.
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    await h.api('POST', '/api/windows/W1/finish', { outcome: 'one-time-notice' }, s01);
    await expect.poll(() => desk.locator('[data-testid=my-count]').textContent()).toBe('2');
    await expect.poll(() => desk.locator('[data-testid=cur-status]').textContent()).toContain('当前无人等候');
  });

  it('a paused desk shows the reason, the note and how long it has been paused, in both languages', async () => {
    at('09:10');
    await desk.locator('button[data-action=pause]').click();
    await desk.locator('pause-form button[data-reason=meeting]').click();
    await desk.locator('pause-form input[name=note]').fill('到二楼会议室开会');
    await desk.locator('pause-form button[data-action=confirm-pause]').click();
    await desk.locator('[data-testid=pause-info]').waitFor();
    at('09:22');
    await desk.reload();
    const info = desk.locator('[data-testid=pause-info]');
    await expect.poll(() => info.textContent()).toContain('已暂停 12 分钟（09:10 起）');
    const text = await info.textContent();
    expect(text).toContain('开会');
    expect(text).toContain('留言：到二楼会议室开会');
    expect(text).toContain('预计 09:25 返回');
    expect(await fitsScreen()).toBe(true);
    await screenshot(desk, 'counter-desk-paused-zh');
    await desk.locator('lang-switch button').click();
    await expect.poll(() => info.textContent()).toContain('paused for 12 min (since 09:10)');
    expect(await info.textContent()).toContain('Meeting');
    expect(await fitsScreen()).toBe(true);
    await screenshot(desk, 'counter-desk-paused-en');
    await desk.locator('button[data-action=resume]').click();
    await expect.poll(() => desk.locator('[data-testid=pause-info]').count()).toBe(0);
    await expect.poll(() => desk.locator('[data-testid=cur-status]').textContent()).toContain('nobody waiting');
    await screenshot(desk, 'counter-desk-idle-en');
    await desk.locator('lang-switch button').click();
  });

  it('a substitute choosing the A or B post sees whose posts they are', async () => {
    const { page } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await page.locator('input[name=staffId]').fill('S07');
    await page.locator('input[name=pin]').fill('100007');
    await page.locator('button[type=submit]').click();
    const w3 = page.locator('[data-window=W3]');
    await w3.waitFor();
    expect(await w3.locator('button[data-post=A]').textContent()).toContain('A 岗 · 王芳');
    expect(await w3.locator('button[data-post=B]').textContent()).toContain('B 岗 · 刘洋');
    expect(await page.locator('[data-testid=substitute-hint]').textContent()).toContain('代岗');
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await screenshot(page, 'counter-windows-substitute-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => w3.locator('button[data-post=A]').textContent()).toContain('Post A · 王芳');
    expect(await page.locator('[data-testid=substitute-hint]').textContent()).toContain('substitute');
    await screenshot(page, 'counter-windows-substitute-en');
    // The post holder's own button says so.
    const { page: own } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await own.locator('input[name=staffId]').fill('S03');
    await own.locator('input[name=pin]').fill('100003');
    await own.locator('button[type=submit]').click();
    await expect.poll(() => own.locator('[data-window=W3] button[data-post=A]').textContent()).toContain('王芳（您的岗位）');
    expect(await own.locator('[data-testid=substitute-hint]').count()).toBe(0);
    await page.close();
    await own.close();
  });

  it('the desk with a ticket in hand reads in English too', async () => {
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'A' }, desk0);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    await desk.locator('lang-switch button').click();
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(async () => `${await current()} ${await desk.locator('.error').allTextContents()}`).toBe('A002 ');
    await expect.poll(() => desk.locator('[data-testid=ticket-times]').textContent()).toMatch(/Taken at\s*09:22/);
    expect(await desk.locator('[data-testid=ticket-times]').textContent()).toContain('waited 0 min so far');
    expect(await fitsScreen()).toBe(true);
    await screenshot(desk, 'counter-desk-ticket-en');
    await desk.locator('lang-switch button').click();
  });
});
