import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The visitor's phone page (/t/<id>?k=<key>, 390×844) tells them when to get ready: at 3 ahead and
 * when called it sounds, vibrates, retitles the page and shows a banner, once each, and a reload
 * does not say it again. "我不办了" cancels the ticket after a confirmation.
 *
 * The page's sound and vibration are counted by replacing `HTMLMediaElement.play` and
 * `navigator.vibrate` before the page loads (a fresh count for every load). Phones vibrate only after
 * a touch, so the visitor taps "开启提醒声音" first on each load (that tap plays the clip once).
 */
const COUNT_ALERTS = `
  window.__alerts = { plays: 0, vibrations: 0 };
  HTMLMediaElement.prototype.play = function () { window.__alerts.plays++; return Promise.resolve(); };
  Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: function () { window.__alerts.vibrations++; return true; } });
`;

describe('the phone page says "nearly your turn" and "called" once each', () => {
  let h: TestHub;
  let browser: Browser;
  let s01: string;
  const ids: string[] = [];
  const numbers: string[] = [];

  const open = async (url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: SIZES.phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    await context.addInitScript(COUNT_ALERTS);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  const counts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: { plays: number; vibrations: number } }).__alerts);
  const callAndMiss = async () => {
    expect((await h.api('POST', '/api/windows/W1/call-next', {}, s01)).status).toBe(200);
    await h.api('POST', '/api/windows/W1/no-show', {}, s01);
  };

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    for (let i = 0; i < 7; i++) {
      const t = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { id: string; number: string };
      ids.push(t.id);
      numbers.push(t.number);
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('at 5 ahead says nothing; at 3 ahead rings once; at 2 not again; after a reload not again; when called rings once more', async () => {
    // The visitor holds the sixth ticket: five ahead.
    const mine = ids[5]!;
    const url = `${h.url}/t/${mine}?k=${encodeURIComponent(h.keyOf(mine)!)}`;
    const page = await open(url);
    await expect.poll(() => page.locator('[data-testid=ahead]').textContent()).toBe('前面还有 5 人');
    expect(await counts(page)).toEqual({ plays: 0, vibrations: 0 });
    expect(await page.locator('[data-testid=phone-alert]').count()).toBe(0);
    await page.locator('[data-action=alert-sound]').click();
    await page.getByText('快到时手机会响铃、振动提醒').waitFor();
    expect(await counts(page)).toEqual({ plays: 1, vibrations: 0 });

    await callAndMiss();
    await callAndMiss();
    await expect.poll(() => page.locator('[data-testid=phone-alert]').textContent(), { timeout: 10_000 }).toContain('快到您了！前面还有 3 人');
    expect(await counts(page)).toEqual({ plays: 2, vibrations: 1 });
    expect(await page.title()).toBe(`【快到了】${numbers[5]} 前面 3 人`);
    await screenshot(page, 'phone-alert-near-zh');

    await callAndMiss();
    await expect.poll(() => page.locator('[data-testid=ahead]').textContent(), { timeout: 10_000 }).toBe('前面还有 2 人');
    expect(await counts(page)).toEqual({ plays: 2, vibrations: 1 });

    await page.reload();
    await expect.poll(() => page.locator('[data-testid=ahead]').textContent()).toBe('前面还有 2 人');
    expect(await counts(page)).toEqual({ plays: 0, vibrations: 0 });
    expect(await page.title()).toBe(`【快到了】${numbers[5]} 前面 2 人`);
    await page.locator('[data-action=alert-sound]').click();
    await page.getByText('快到时手机会响铃、振动提醒').waitFor();

    await callAndMiss();
    await callAndMiss();
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    await expect.poll(() => page.locator('[data-testid=phone-alert]').textContent(), { timeout: 10_000 }).toContain('叫到您了！请到 1 号窗口');
    expect(await counts(page)).toEqual({ plays: 2, vibrations: 1 });
    expect(await page.title()).toBe(`【叫到您了】${numbers[5]} 请到 1 号窗口`);
    await screenshot(page, 'phone-alert-called-zh');

    // A recall is the same call: nothing more.
    await h.api('POST', '/api/windows/W1/recall', {}, s01);
    await page.waitForTimeout(500);
    expect(await counts(page)).toEqual({ plays: 2, vibrations: 1 });

    // The same phone opening the page again (what it said is kept in its storage).
    await page.goto(url);
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('请到窗口');
    expect(await counts(page)).toEqual({ plays: 0, vibrations: 0 });
    expect(await page.title()).toBe(`【叫到您了】${numbers[5]} 请到 1 号窗口`);
    await page.context().close();
  });

  it('"我不办了" asks first, then cancels the ticket with its key; without the key it is not offered', async () => {
    const mine = ids[6]!;
    const bare = await open(`${h.url}/t/${mine}`);
    await expect.poll(() => bare.locator('[data-testid=status]').textContent()).toBe('等候中');
    expect(await bare.locator('leave-button button').count()).toBe(0);
    await bare.context().close();

    const page = await open(`${h.url}/t/${mine}?k=${encodeURIComponent(h.keyOf(mine)!)}`);
    await page.locator('[data-action=leave]').click();
    await page.getByText('确定不办了？取消后这个号作废，不能恢复。').waitFor();
    await screenshot(page, 'phone-leave-ask-zh');
    // Changing one's mind keeps the place.
    await page.getByText('继续等候').click();
    expect((await h.api('GET', `/api/tickets/${mine}`)).body.status).toBe('waiting');
    await page.locator('[data-action=leave]').click();
    await page.locator('[data-action=leave-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=status]').textContent(), { timeout: 10_000 }).toBe('已取消');
    expect(await page.locator('[data-testid=status-say]').textContent()).toContain('这个号已取消');
    expect((await h.api('GET', `/api/tickets/${mine}`)).body.status).toBe('cancelled');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=status-say]').textContent()).toContain('This number was cancelled');
    await screenshot(page, 'phone-cancelled-en');
    await page.context().close();
  });
});
