import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeToMs } from '../../shared/time.ts';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-23';
/** Three earlier weekdays of the quarter: 张敏 (S01) on her A post each day, 赵磊 (S07) covering one. */
const HISTORY = ['2026-11-16', '2026-11-17', '2026-11-18'] as const;
const MANAGER_SIZE = { width: 1366, height: 768 };

/**
 * The hall director's pages at 10:30 on Monday 2026-11-23, judged as a director would:
 * - 王芳 (S03) signed out of window 3 at 09:12 and 刘洋 (S04) covered from 09:37 (B post);
 * - 陈静 (S05) signed out of window 5 at 10:00, with three visitors for D waiting since 09:00;
 * - A002 has waited since 08:30 while A001 was served at once.
 * Each page is photographed at 1366×768 in Chinese and in English.
 */
describe('the manager pages, as a hall director reads them', () => {
  let h: TestHub;
  let browser: Browser;
  let page: Page;
  let manager: string;
  const dialogs: string[] = [];
  const at = (date: string, hhmm: string) => h.clock.set(localTimeToMs(date, hhmm, TZ));
  const tab = async (id: string) => page.click(`nav button[data-tab=${id}]`);
  const english = () => page.click('header button:has-text("English")');
  const chinese = () => page.click('header button:has-text("中文")');

  async function workDay(date: string, tok: Record<string, string>, extra?: () => Promise<void>) {
    at(date, '07:00');
    // A staff token lasts one working day.
    for (const s of ['S01', 'S07']) tok[s] = await h.login(s);
    at(date, date === HISTORY[0] ? '08:07' : '07:58');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, tok.S01);
    await extra?.();
    at(date, '12:00');
    await h.api('POST', '/api/windows/W1/sign-out', {}, tok.S01);
    at(date, '14:28');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, tok.S01);
    at(date, '17:31');
    await h.api('POST', '/api/windows/W1/sign-out', {}, tok.S01);
    h.clock.set(localTimeToMs(date, '23:59', TZ) + 120_000);
    await h.running.hub.tick();
  }

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: `${HISTORY[0]}T07:00:00+08:00` });
    const tok: Record<string, string> = {};
    for (const s of ['S01', 'S03', 'S04', 'S05', 'S07', 'M01']) tok[s] = await h.login(s);
    manager = tok.M01!;
    // History: S01 late on the first day (99, 100, 100); S07 covers window 6 all of the second day (100).
    await workDay(HISTORY[0], tok);
    await workDay(HISTORY[1], tok, async () => {
      await h.api('POST', '/api/windows/W6/sign-in', { post: 'A' }, tok.S07);
    });
    await workDay(HISTORY[2], tok);
    // Today. Tickets are taken with a staff token, as a lobby helper would (no public quota).
    at(TODAY, '07:00');
    for (const s of ['S01', 'S03', 'S04', 'S05', 'M01']) tok[s] = await h.login(s);
    manager = tok.M01!;
    at(TODAY, '07:58');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, tok.S01);
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, tok.S03);
    await h.api('POST', '/api/windows/W5/sign-in', { post: 'A' }, tok.S05);
    at(TODAY, '08:30');
    for (let i = 0; i < 2; i++) expect((await h.api('POST', '/api/tickets', { serviceId: 'A' }, manager)).status).toBe(201);
    await h.api('POST', '/api/windows/W1/call-next', {}, tok.S01);
    await h.api('POST', '/api/windows/W1/start', {}, tok.S01);
    at(TODAY, '08:36');
    await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, tok.S01);
    // 张敏 then pauses for a meeting: window 1 serves nobody, so A002 keeps waiting.
    await h.api('POST', '/api/windows/W1/pause', { reason: 'meeting', note: '局务会', expectedBackAt: null }, tok.S01);
    at(TODAY, '09:00');
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceId: 'D' }, manager);
    at(TODAY, '09:12');
    await h.api('POST', '/api/windows/W3/sign-out', {}, tok.S03);
    at(TODAY, '09:37');
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'B' }, tok.S04);
    at(TODAY, '10:00');
    await h.api('POST', '/api/windows/W5/sign-out', {}, tok.S05);
    at(TODAY, '10:30');
    browser = await launchBrowser();
    page = (await openPage(browser, `${h.url}/manager`, MANAGER_SIZE)).page;
    // No browser prompt boxes anywhere: any dialog is recorded (and the test fails on it below).
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.fill('input[name=staffId]', 'M01');
    await page.fill('input[name=pin]', '900001');
    await page.click('button[type=submit]');
    await page.locator('today-board').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the today board lists uncovered stretches — who was on duty before, from–to, minutes — and keeps them after cover', async () => {
    const w3 = page.locator('today-board #uncovered-stretches tr[data-stretch=W3]');
    await expect.poll(() => w3.count()).toBe(1);
    expect(await w3.locator('[data-col=before]').textContent()).toBe('王芳（S03）');
    expect(await w3.locator('[data-col=span]').textContent()).toBe('09:12–09:37');
    expect(await w3.locator('[data-col=minutes]').textContent()).toBe('25');
    expect(await w3.getAttribute('class')).not.toContain('alert');
    // Window 3 is covered now: its row says so in the single word for cover.
    expect(await page.locator('today-board tr[data-window=W3] [data-col=post]').textContent()).toBe('B岗（顶岗）');
    // Window 5 is still empty since 陈静 signed out at 10:00: on the list, marked as ongoing.
    const w5 = page.locator('today-board #uncovered-stretches tr[data-stretch=W5]');
    expect(await w5.locator('[data-col=before]').textContent()).toBe('陈静（S05）');
    expect(await w5.locator('[data-col=span]').textContent()).toBe('10:00–至今');
    expect(await w5.getAttribute('class')).toContain('alert');
    await screenshot(page, 'manager-day-today-zh');
    await english();
    await expect.poll(() => page.locator('today-board tr[data-window=W5] [data-col=state]').textContent()).toContain('Uncovered since 10:00, 30 min');
    expect(await page.locator('today-board tr[data-window=W5] [data-col=state]').textContent()).not.toContain('，');
    expect(await w3.locator('[data-col=span]').textContent()).toBe('09:12–09:37');
    expect(await page.locator('today-board tr[data-window=W3] [data-col=post]').textContent()).toBe('B post (covering)');
    await screenshot(page, 'manager-day-today-en');
    await chinese();
  });

  it('today\'s wait report shows who is still waiting and for how long, per service and in total, before the served figures', async () => {
    const api = (await h.api('GET', `/api/reports/waits?from=${TODAY}&to=${TODAY}`, undefined, manager)).body;
    expect(api.total).toMatchObject({ waitingNow: 4, longestWaitingMin: 120, served: 1, withinTargetPct: 100 });
    expect(api.services.find((s: { serviceId: string }) => s.serviceId === 'A')).toMatchObject({ waitingNow: 1, longestWaitingMin: 120 });
    expect(api.services.find((s: { serviceId: string }) => s.serviceId === 'D')).toMatchObject({ waitingNow: 3, longestWaitingMin: 90 });
    expect(api.services.find((s: { serviceId: string }) => s.serviceId === 'B')).toMatchObject({ waitingNow: 0, longestWaitingMin: null });
    // A past period has no "now".
    const past = (await h.api('GET', `/api/reports/waits?from=${HISTORY[0]}&to=${HISTORY[2]}`, undefined, manager)).body;
    expect(past.total.waitingNow).toBeUndefined();
    await tab('waits');
    await expect.poll(() => page.locator('waits-report [data-testid=waiting-now]').textContent()).toBe('4');
    expect(await page.locator('waits-report [data-testid=longest-waiting]').textContent()).toBe('120 分钟');
    // Shown first: the live cards come before the period's figures.
    const firstSummary = await page.locator('waits-report .summary').first().getAttribute('id');
    expect(firstSummary).toBe('waiting-now');
    const heads = (await page.locator('waits-report .scroll table thead th').allTextContents()).map((t) => t.trim());
    expect(heads.slice(0, 3)).toEqual(['业务', '此刻等候', '最长已等(分)']);
    const rowA = (await page.locator('waits-report .scroll tbody tr').first().locator('td').allTextContents()).map((t) => t.trim());
    expect(rowA.slice(0, 3)).toEqual([`A ${api.services[0].name}`, '1', '120']);
    // Whole minutes, never m:ss.
    expect(await page.locator('waits-report .summary').nth(1).textContent()).toMatch(/平均等候\s*0 分钟/);
    await screenshot(page, 'manager-day-waits-zh');
    await english();
    await expect.poll(() => page.locator('waits-report h2').textContent()).toContain('(1 business day; against');
    expect(await page.locator('waits-report h2').textContent()).not.toContain('business days');
    expect(await page.locator('waits-report [data-testid=longest-waiting]').textContent()).toBe('120 min');
    expect(await page.locator('waits-report .scroll tbody tr').first().locator('td').first().textContent()).toBe('A Social & medical insurance');
    await screenshot(page, 'manager-day-waits-en');
    await chinese();
  });

  it('entries: staff picked from a list, names in the records, the date kept after a save, notes written in the row', async () => {
    await tab('entries');
    const form = page.locator('manual-entries #entry-form');
    await form.waitFor();
    // Nothing recorded yet: the tables say so.
    expect(await page.locator('manual-entries #complaints tbody').textContent()).toContain('暂无');
    expect(await form.locator('input[name=staffId]').count()).toBe(0);
    await form.locator('select[name=staffId]').selectOption('S03');
    await form.locator('select[name=item]').selectOption('praise');
    await form.locator('input[name=note]').fill('锦旗一面');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('manual-entries #entries').textContent()).toContain('王芳（S03）');
    expect(await form.locator('input[name=date]').inputValue()).toBe(TODAY);
    // The next save works straight away: the date was not wiped.
    await form.locator('select[name=staffId]').selectOption('S04');
    await form.locator('select[name=item]').selectOption('praise');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('manual-entries #entries').textContent()).toContain('刘洋（S04）');
    const records = (await h.api('GET', '/api/admin/scoring/records', undefined, manager)).body;
    expect(records.entries.map((e: { staffId: string; date: string }) => [e.staffId, e.date])).toEqual(expect.arrayContaining([['S03', TODAY], ['S04', TODAY]]));
    const complaint = page.locator('manual-entries #complaint-form');
    await complaint.locator('select[name=staffId]').selectOption('S05');
    await complaint.locator('select[name=windowId]').selectOption('W5');
    await complaint.locator('input[name=content]').fill('窗口无人，等了一个半小时');
    await complaint.locator('button[type=submit]').click();
    const row = page.locator('manual-entries #complaints tr[data-complaint]');
    await expect.poll(() => row.locator('[data-col=about]').textContent()).toBe('陈静（S05） · 5 号窗口');
    expect(await complaint.locator('input[name=date]').inputValue()).toBe(TODAY);
    await row.locator('button[data-act=follow]').click();
    await row.locator('form[data-ask=follow] input[name=text]').fill('已电话致歉，说明原因');
    await row.locator('form[data-ask=follow] button[type=submit]').click();
    await expect.poll(() => row.textContent()).toContain('已电话致歉，说明原因');
    expect(await row.textContent()).toContain('周主任（M01）');
    await screenshot(page, 'manager-day-entries-zh');
    await english();
    await expect.poll(() => row.locator('[data-col=about]').textContent()).toBe('陈静 (S05) · Window 5');
    await screenshot(page, 'manager-day-entries-en');
    await chinese();
    expect(dialogs).toEqual([]);
  });

  it('leave: staff and cover picked from lists, the date kept, names in the table, voided with a reason in the row', async () => {
    await tab('schedule');
    const form = page.locator('schedule-leave #leave-form');
    await form.waitFor();
    expect(await page.locator('schedule-leave #leave tbody').textContent()).toContain('暂无');
    await form.locator('select[name=staffId]').selectOption('S06');
    await form.locator('select[name=cover]').selectOption('S07');
    await form.locator('input[name=note]').fill('事假');
    await form.locator('button[type=submit]').click();
    const row = page.locator('schedule-leave #leave tr[data-leave]');
    await expect.poll(() => row.textContent()).toContain('杨帆（S06）');
    expect(await row.textContent()).toContain('赵磊（S07）');
    expect(await form.locator('input[name=from]').inputValue()).toBe(TODAY);
    expect((await h.api('GET', '/api/admin/scoring/records', undefined, manager)).body.leave).toMatchObject([{ staffId: 'S06', coverStaffId: 'S07', from: TODAY, to: TODAY }]);
    await screenshot(page, 'manager-day-leave-zh');
    await english();
    await expect.poll(() => page.locator('schedule-leave label', { hasText: 'Covered by' }).count()).toBe(1);
    await screenshot(page, 'manager-day-leave-en');
    await chinese();
    await row.locator('button[data-act=void]').click();
    await row.locator('form[data-ask=void] input[name=text]').fill('录错日期');
    await row.locator('form[data-ask=void] button[type=submit]').click();
    await expect.poll(() => page.locator('schedule-leave #leave tbody').textContent()).toContain('暂无');
    expect(dialogs).toEqual([]);
  });

  it('the quarter ranks by the total over the days each person was on duty, shows the average beside it, and names people', async () => {
    await tab('rollup');
    const bar = page.locator('score-rollup .bar');
    await bar.locator('select').selectOption('quarter');
    await bar.locator('input').fill('2026-Q4');
    await bar.locator('input').dispatchEvent('change');
    const staff = page.locator('score-rollup #rollup-staff tbody tr');
    await expect.poll(() => staff.count()).toBeGreaterThan(1);
    const api = (await h.api('GET', '/api/reports/scores/rollup?period=quarter&of=2026-Q4', undefined, manager)).body;
    const s01 = api.staff.find((r: { id: string }) => r.id === 'S01');
    const s07 = api.staff.find((r: { id: string }) => r.id === 'S07');
    // 赵磊's one perfect day averages higher than 张敏's four, but her total is far larger.
    expect(s07.average).toBeGreaterThan(s01.average);
    expect(s01.total).toBeGreaterThan(s07.total);
    const ids = await staff.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids.indexOf('S01')).toBeLessThan(ids.indexOf('S07'));
    const s01Row = page.locator('score-rollup #rollup-staff tr[data-id=S01]');
    expect(await s01Row.locator('td').nth(1).textContent()).toContain('张敏（S01）');
    expect(await s01Row.locator('[data-col=total]').textContent()).toBe(String(s01.total));
    expect(await s01Row.locator('[data-col=average]').textContent()).toBe(String(s01.average));
    expect(await page.locator('score-rollup [data-testid=model-staff]').first().textContent()).toContain('张敏（S01）');
    expect(await page.locator('score-rollup [data-testid=model-staff]').first().textContent()).not.toMatch(/(^|、)S0\d/);
    expect(await page.locator('score-rollup #ranking-rule').textContent()).toContain('按考评总分');
    await screenshot(page, 'manager-day-rollup-zh');
    await english();
    await expect.poll(() => page.locator('score-rollup #ranking-rule').textContent()).toContain('Ranked by the rubric\'s total');
    await screenshot(page, 'manager-day-rollup-en');
    await chinese();
  });

  it('on a 1920×1080 screen the today board and the wait report fit across without sideways scrolling, in both languages', async () => {
    const { page: wide } = await openPage(browser, `${h.url}/manager#today`, { width: 1920, height: 1080 });
    await wide.fill('input[name=staffId]', 'M01');
    await wide.fill('input[name=pin]', '900001');
    await wide.click('button[type=submit]');
    await wide.locator('today-board #uncovered-stretches').waitFor();
    const sideways = () => wide.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await wide.locator('today-board tr[data-window=W5]').waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(wide, 'manager-day-today-1920-zh');
    await wide.click('nav button[data-tab=waits]');
    await wide.locator('waits-report [data-testid=waiting-now]').waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(wide, 'manager-day-waits-1920-zh');
    await wide.click('header button:has-text("English")');
    await expect.poll(() => wide.locator('waits-report h2').textContent()).toContain('Wait times');
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(wide, 'manager-day-waits-1920-en');
    await wide.click('nav button[data-tab=today]');
    await wide.locator('today-board #uncovered-stretches').waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(wide, 'manager-day-today-1920-en');
    await wide.click('header button:has-text("中文")');
    await wide.close();
  });

  it('no 早退 for a staffer who signed out before the half-day has ended; windows by name on the day\'s cards', async () => {
    await tab('scores');
    const s05 = page.locator('score-cards tr[data-staff=S05]');
    await s05.waitFor();
    expect(await s05.textContent()).not.toContain('早退');
    const day = (await h.api('GET', '/api/reports/scores', undefined, manager)).body;
    const items = day.staff.find((s: { staffId: string }) => s.staffId === 'S05').items.map((i: { code: string }) => i.code);
    expect(items).not.toContain('early-leave');
    expect(await page.locator('score-cards tr[data-window=W5] td').first().textContent()).toBe('5 号窗口');
    await screenshot(page, 'manager-day-scores-zh');
    await english();
    await expect.poll(() => page.locator('score-cards tr[data-window=W5] td').first().textContent()).toBe('Window 5');
    await screenshot(page, 'manager-day-scores-en');
    await chinese();
  });
});
