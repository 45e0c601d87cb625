import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The manager app at 10:30 on Monday 2026-11-23: S01 came in 7 minutes late, S05 left W5 paused
 * without a word while 11 visitors wait for its service, S02 sat in a 45-minute meeting with
 * nobody covering, and last Thursday's complaint about S01 is still unanswered.
 */
describe('the manager app', () => {
  let h: TestHub;
  let browser: Browser;
  let page: Page;
  let manager: string;
  let complaintId: string;
  const at = (hhmm: string) => h.clock.set(Date.parse(`2026-11-23T${hhmm}:00+08:00`));

  beforeAll(async () => {
    h = await startHub({ webDir: process.env.HALL_WEB_DIR ?? DIST, start: '2026-11-23T07:50:00+08:00' });
    const tok: Record<string, string> = {};
    for (const s of ['S01', 'S02', 'S05']) tok[s] = await h.login(s);
    manager = await h.login('M01');
    at('07:58');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, tok.S02);
    await h.api('POST', '/api/windows/W5/sign-in', { post: 'A' }, tok.S05);
    at('08:07');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, tok.S01);
    at('09:00');
    await h.api('POST', '/api/windows/W5/pause', { reason: 'other', note: '' }, tok.S05);
    at('09:10');
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    for (let i = 0; i < 11; i++) await h.api('POST', '/api/tickets', { serviceId: 'D' });
    at('09:30');
    await h.api('POST', '/api/windows/W2/pause', { reason: 'meeting', note: '', expectedBackAt: '2026-11-23T10:00:00.000+08:00' }, tok.S02);
    at('10:15');
    await h.api('POST', '/api/windows/W2/resume', {}, tok.S02);
    const c = await h.api('POST', '/api/admin/scoring/complaints', { date: '2026-11-19', staffId: 'S01', windowId: 'W1', surname: '欧阳', phone: '13800000000', content: '答复不清', channel: 'phone', complexity: 'ordinary' }, manager);
    expect(c.status).toBe(201);
    complaintId = c.body.id;
    at('10:30');
    browser = await launchBrowser();
    page = (await openPage(browser, `${h.url}/manager`, { width: 1366, height: 900 })).page;
  }, 120_000);

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

  it('a manager sees at a glance who is where, in which post and since when, and which windows stand empty now', async () => {
    await page.fill('input[name=staffId]', 'M01');
    await page.fill('input[name=pin]', '900001');
    await page.click('button[type=submit]');
    const w5 = page.locator('today-board tr[data-window=W5]');
    await w5.waitFor();
    // W5 paused since 09:00 with nobody covering: uncovered now, 90 minutes by 10:30, on top in red.
    await expect.poll(() => w5.locator('[data-col=state]').textContent()).toMatch(/空岗\s*09:00\s*起，90 分钟/);
    expect(await w5.getAttribute('class')).toContain('alert');
    expect(await w5.locator('[data-col=uncovered]').textContent()).toBe('90');
    expect(await w5.locator('[data-col=pause]').textContent()).toContain('其他');
    // W3, W4, W6 nobody signed in all morning; W1 and W2 are served.
    expect(await page.locator('today-board #uncovered-now').textContent()).toContain('4');
    expect(await page.locator('today-board tbody tr[data-window]').first().getAttribute('class')).toContain('alert');
    const w1 = page.locator('today-board tr[data-window=W1]');
    expect(await w1.textContent()).toContain('张敏（S01）');
    expect(await w1.locator('[data-col=post]').textContent()).toBe('A岗');
    expect(await w1.locator('[data-col=since]').textContent()).toBe('08:07');
    expect(await w1.getAttribute('class')).not.toContain('alert');
    // D has 11 waiting and no window open: the crowd alert.
    const d = page.locator('today-board #today-services tr[data-service=D]');
    expect(await d.textContent()).toContain('拥挤');
    expect(await page.locator('today-board #crowded-now').textContent()).toContain('D');
    await screenshot(page, 'manager-today');
  });

  it('updates live: a cover signing in at the paused window clears the alert', async () => {
    const s06 = await h.login('S06');
    await h.api('POST', '/api/windows/W5/sign-in', { post: 'B' }, s06);
    const w5 = page.locator('today-board tr[data-window=W5]');
    await expect.poll(() => w5.locator('[data-col=post]').textContent(), { timeout: 10_000 }).toBe('B岗（顶岗）');
    await expect.poll(() => w5.getAttribute('class')).not.toContain('alert');
    expect(await page.locator('today-board #uncovered-now').textContent()).toContain('3');
  });

  it('opens a staffer\'s score card and sees the evidence behind each item, in Chinese and in English', async () => {
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
    await page.locator('score-cards tr[data-staff=S02]').click();
    await expect.poll(() => card.textContent()).toContain('离开 W2（开会）45 分钟，其中 45 分钟无人顶岗、窗口空岗');
    expect(await card.textContent()).not.toContain('meeting');
    await page.click('header button:has-text("English")');
    await page.locator('score-cards tr[data-staff=S02]').click();
    await expect.poll(() => page.locator('score-cards #card').textContent()).toContain('Away from W2 09:30–10:15 (meeting) for 45 min, 45 min of it with nobody covering');
    await page.click('header button:has-text("中文")');
    await page.locator('score-cards tr[data-window=W5]').click();
    await expect.poll(() => page.locator('score-cards #card').textContent()).toContain('无人顶岗');
    await screenshot(page, 'manager-window-card');
  });

  it('an unanswered complaint stands out on the entries tab and on its day\'s card', async () => {
    await page.click('nav button[data-tab=entries]');
    const banner = page.locator('manual-entries #overdue-banner');
    await banner.waitFor();
    // Taken Thursday 11-19, ordinary: due Friday 11-20; by Monday 11-23 three days overdue.
    // Named by who it is about, not by a record id.
    expect(await banner.textContent()).toContain('张敏（S01）');
    expect(await banner.textContent()).not.toContain(complaintId);
    const row = page.locator(`manual-entries tr[data-complaint="${complaintId}"]`);
    expect(await row.getAttribute('class')).toContain('alert');
    expect(await row.locator('[data-col=due]').textContent()).toContain('逾期 3 天');
    expect(await row.textContent()).toContain('电话');
    await screenshot(page, 'manager-entries');
    const day = await h.api('GET', '/api/reports/scores?date=2026-11-19', undefined, manager);
    const s01 = day.body.staff.find((s: { staffId: string }) => s.staffId === 'S01');
    const overdue = s01.items.find((i: { code: string }) => i.code === 'complaint-overdue');
    expect(overdue.evidence[0].zh).toContain('逾期未办结，已超 3 天');
    expect(JSON.stringify(day.body)).not.toContain('13800000000');
  });

  it('rosters a substitute by weekday and dates; the roster makes them liable', async () => {
    await page.click('nav button[data-tab=schedule]');
    const form = page.locator('shift-roster #roster-form');
    await form.waitFor();
    await form.locator('select[name=staffId]').selectOption('S07');
    await form.locator('input[name=swd][value="1"]').check();
    await form.locator('input[name=swd][value="3"]').check();
    await form.locator('input[name=from]').fill('2026-11-23');
    await form.locator('input[name=to]').fill('2026-12-31');
    await form.locator('button[type=submit]').click();
    const roster = page.locator('shift-roster #roster');
    await expect.poll(() => roster.textContent()).toContain('赵磊（S07）');
    expect(await roster.textContent()).toContain('周一、周三');
    expect(await roster.textContent()).toContain('2026-11-23 – 2026-12-31');
    const admin = await h.api('GET', '/api/admin/scoring', undefined, manager);
    expect(admin.body.schedule.shifts).toEqual([{ staffId: 'S07', weekdays: [1, 3], from: '2026-11-23', to: '2026-12-31' }]);
    // Monday 10:30 and S07 never signed in: absent for the morning, now that the roster expects them.
    const day = await h.api('GET', '/api/reports/scores', undefined, manager);
    const s07 = day.body.staff.find((s: { staffId: string }) => s.staffId === 'S07');
    expect(s07.onDuty).toBe(true);
    expect(s07.items.find((i: { code: string }) => i.code === 'absent-uncovered')).toMatchObject({ count: 1, points: -2 });
    await screenshot(page, 'manager-roster');
    await page.locator('shift-roster tr[data-shift="0"] button').click();
    await expect.poll(() => roster.textContent()).toContain('尚无排班');
  });
});
