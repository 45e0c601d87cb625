import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const PHOTO =
  'data:image/svg+xml;base64,' +
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 4"><rect width="3" height="4" fill="#8ab"/><circle cx="1.5" cy="1.5" r="1" fill="#fed"/></svg>').toString('base64');

/**
 * The evaluation pad (1280×800) as visitors judge it: five faces that do not look alike, a prompt
 * that does not ask for a smile, who served with photo and staff number, a bad rating that asks
 * what went wrong and reaches the manager's complaint register with its deadline, and back to the
 * Chinese idle screen when the visitor walks away.
 */
describe('the evaluation pad as visitors judge it', () => {
  let h: TestHub;
  let browser: Browser;
  let s03: string;
  let s04: string;

  beforeAll(async () => {
    const config = structuredClone(demoHall) as typeof demoHall;
    config.staff = config.staff.map((s) => (s.id === 'S03' ? { ...s, photo: PHOTO } : s));
    config.hall = { ...config.hall, publicTicketsPerHour: 1000 } as typeof config.hall;
    h = await startHub({ webDir: DIST, config, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
    s03 = await h.login('S03');
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, s03);
    s04 = await h.login('S04');
    await h.api('POST', '/api/windows/W4/sign-in', { post: 'A' }, s04);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A pad for a window, paired (its device token handed to the page as pairing does). */
  const pad = async (windowNumber: number, windowId: string, query = ''): Promise<Page> => {
    const { page } = await openPage(browser, 'about:blank', SIZES.pad);
    await page.clock.install();
    await page.goto(`${h.url}/rate/${windowNumber}${query}`);
    const { token } = await h.pairDevice('pad', windowId);
    await page.locator('rate-pad').evaluate((el, tk) => ((el as unknown as { deviceToken: string }).deviceToken = tk), token);
    await page.locator('connection-badge[status=online]').waitFor();
    return page;
  };
  const serve = async (windowId: string, token: string, serviceId: string) => {
    await h.api('POST', '/api/tickets', { serviceId });
    await h.api('POST', `/api/windows/${windowId}/call-next`, undefined, token);
    await h.api('POST', `/api/windows/${windowId}/start`, undefined, token);
    const done = await h.api('POST', `/api/windows/${windowId}/finish`, { outcome: 'done' }, token);
    return done.body as { id?: string; number?: string };
  };

  it('shows who serves (photo, name, staff number) and five faces that each look different, without asking for a smile', async () => {
    const page = await pad(3, 'W3');
    const idle = page.locator('[data-testid=served-by]');
    await idle.waitFor();
    expect(await idle.innerText()).toContain('王芳');
    expect(await idle.innerText()).toContain('工号 S03');
    expect(await page.locator('[data-testid=served-by] img.avatar').getAttribute('src')).toBe(PHOTO);
    await screenshot(page, 'visitor-pad-idle-zh');
    await page.locator('lang-switch button').click();
    await page.getByText('Staff no. S03').or(page.getByText('S03')).first().waitFor();
    await screenshot(page, 'visitor-pad-idle-en');
    await page.locator('lang-switch button').click();

    await serve('W3', s03, 'B');
    await page.locator('[data-score="1"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('main [data-testid=served-by]').innerText()).toContain('王芳');
    const features = await page.locator('.scores svg').evaluateAll((els) => els.map((e) => e.getAttribute('data-features')));
    expect(features).toHaveLength(5);
    expect(new Set(features).size).toBe(5);
    // Neighbours differ in more than one feature except 4/3/2 which differ in mouth and brows or mouth alone.
    const words = features.map((f) => new Set(f!.split(' ')));
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect([...words[i]!].filter((x) => !words[j]!.has(x)).length).toBeGreaterThan(0);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('笑脸');
    await screenshot(page, 'visitor-pad-asking-zh');
    await page.locator('lang-switch button').click();
    await page.getByText('How was our service?').waitFor();
    expect((await page.locator('main').innerText()).toLowerCase()).not.toContain('smile');
    await screenshot(page, 'visitor-pad-asking-en');
    await page.locator('lang-switch button').click();
    await page.locator('[data-score="5"]').click();
    await page.locator('[data-testid=thanks]').waitFor();
    await page.context().close();
  });

  it('a rating of 2 asks what went wrong on one screen, takes a call-back phone, and files it for the manager with its deadline', async () => {
    const page = await pad(4, 'W4');
    const done = await serve('W4', s04, 'C');
    await page.locator('[data-score="2"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-score="2"]').click();
    await page.locator('bad-rating').waitFor();
    for (const r of ['态度', '效率', '一次性告知未做到', '其他']) await page.locator('bad-rating').getByText(r, { exact: true }).waitFor();
    expect(await page.locator('[data-testid=feedback-send]').isDisabled()).toBe(true);
    await page.locator('[data-reason=attitude]').click();
    await page.locator('[data-reason=notice]').click();
    for (const k of '13800138000') await page.locator(`[data-key="${k}"]`).click();
    expect(await page.locator('[data-testid=phone]').innerText()).toBe('13800138000');
    // Reasons, phone and both buttons on one screen, nothing below the fold.
    const send = (await page.locator('[data-testid=feedback-send]').boundingBox())!;
    expect(send.y + send.height).toBeLessThanOrEqual(SIZES.pad.height);
    await screenshot(page, 'visitor-pad-bad-zh');
    await page.locator('lang-switch button').click();
    await page.getByText('What went wrong?', { exact: false }).waitFor();
    await screenshot(page, 'visitor-pad-bad-en');
    await page.locator('lang-switch button').click();
    await page.locator('[data-testid=feedback-send]').click();
    await page.locator('[data-testid=follow-up]').waitFor();
    expect(await page.locator('[data-testid=follow-up]').innerText()).toContain('2026-11-24');
    await screenshot(page, 'visitor-pad-follow-up-zh');

    const manager = await h.login('M01');
    const { complaints } = (await h.api('GET', '/api/admin/scoring/records', undefined, manager)).body;
    const c = complaints.find((x: { windowId: string }) => x.windowId === 'W4');
    expect(c).toMatchObject({ channel: 'pad', staffId: 'S04', phone: '13800138000', dueDate: '2026-11-24', verified: false });
    expect(c.content).toContain('态度');
    expect(c.content).toContain('一次性告知未做到');
    if (done.number) expect(c.content).toContain(done.number);
    // The manager's entries page lists it.
    const { page: mgr } = await openPage(browser, `${h.url}/manager`, SIZES.counter);
    await mgr.fill('input[name=staffId]', 'M01');
    await mgr.fill('input[name=pin]', '900001');
    await mgr.click('button[type=submit]');
    await mgr.click('nav button[data-tab=entries]');
    await mgr.locator('manual-entries').getByText('评价器差评').first().waitFor({ timeout: 15_000 });
    await screenshot(mgr, 'visitor-pad-complaint-in-manager-entries');
    await mgr.context().close();
    await page.context().close();
  });

  it('goes back to its Chinese idle screen after 45 s without a touch', async () => {
    const page = await pad(4, 'W4');
    await serve('W4', s04, 'C');
    await page.locator('[data-score="1"]').waitFor({ timeout: 10_000 });
    await page.locator('lang-switch button').click();
    await page.locator('[data-score="1"]').click();
    await page.locator('bad-rating').waitFor();
    await page.clock.runFor(40_000);
    expect(await page.locator('bad-rating').count()).toBe(1);
    await page.clock.runFor(6_000);
    await page.locator('[data-testid=pad-idle]').waitFor();
    expect(await page.locator('[data-testid=pad-idle]').innerText()).toBe('请在办结后对本次服务评价');
    await page.context().close();
  });
});
