import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A small portrait as the hall config may give one (same-origin or data: only, by the pages' CSP). */
const PHOTO =
  'data:image/svg+xml;base64,' +
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 4"><rect width="3" height="4" fill="#8ab"/><circle cx="1.5" cy="1.5" r="1" fill="#fed"/></svg>').toString('base64');

/** The screen above a window shows who is on duty there (岗位公开): name, staff number and photo. */
describe('the window screen', () => {
  let h: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const config = structuredClone(demoHall);
    config.staff = config.staff.map((s) => (s.id === 'S03' ? { ...s, photo: PHOTO } : s));
    h = await startHub({ webDir: DIST, config, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the staffer who signs in, with the photo from the hall config, and follows a takeover', async () => {
    const { page } = await openPage(browser, `${h.url}/display/window/3`, SIZES.display);
    await page.getByText('未开放').waitFor();
    const s03 = await h.login('S03');
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, s03);
    await page.getByText('工号 S03').waitFor({ timeout: 10_000 });
    expect(await page.locator('img.photo').getAttribute('src')).toBe(PHOTO);
    await screenshot(page, 'window-screen-photo');

    // S03 pauses; S04 (post B) takes the window over: the screen shows S04, without a photo.
    await h.api('POST', '/api/windows/W3/pause', { reason: 'errand', note: '' }, s03);
    await page.getByText('暂停服务 · 外出办事').waitFor({ timeout: 10_000 });
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'B' }, await h.login('S04'));
    await page.getByText('工号 S04').waitFor({ timeout: 10_000 });
    expect(await page.locator('img.photo').count()).toBe(0);
    expect(await page.locator('div.photo').textContent()).toBe('刘');
  });
});
