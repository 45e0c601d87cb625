import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigHall } from '../../bench/hub/bigHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** Nothing on the wall screen may spill out of the 1920×1080 frame, whatever the hall's size. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('hall-display')!.shadowRoot!;
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('.win, .queues li, .recent li, .latest')) {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || el.scrollWidth > el.clientWidth + 1) out.push(`${el.className}: ${el.textContent?.trim()}`);
    }
    return out;
  });
}

describe('the wall display in the demo hall', () => {
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

  it('lists the current call first in "recent calls", then the ones before, one line per number', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/display`, SIZES.display);
    await page.locator('connection-badge[status=online]').waitFor();
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    await expect.poll(() => page.locator('.recent li').allTextContents()).toEqual([expect.stringMatching(/A001\s+请前往\s+1 号窗口/)]);
    expect(await page.locator('.recent li.now .num').textContent()).toBe('A001');
    await h.api('POST', '/api/windows/W1/no-show', undefined, token);
    await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    await h.api('POST', '/api/windows/W1/recall', undefined, token);
    await expect.poll(() => page.locator('.recent .num').allTextContents()).toEqual(['A002', 'A001']);
    expect(await page.locator('.recent li.now .num').textContent()).toBe('A002');
    await expect.poll(() => page.locator('.win[data-window="1"] .wcur').textContent()).toBe('A002');
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'display-called');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the wall display in a hall of 100 windows and 20 services', () => {
  let h: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, config: bigHall(100, 20), start: '2026-11-23T09:00:00+08:00' });
    // Twelve windows open, one of them paused; the other 88 stay closed.
    for (let i = 1; i <= 12; i++) {
      const staffId = `S${String(i).padStart(3, '0')}`;
      const token = await h.login(staffId, String(100000 + i));
      await h.api('POST', `/api/windows/W${i}/sign-in`, { post: 'A' }, token);
      if (i === 5) await h.api('POST', '/api/windows/W5/pause', { reason: 'meeting', note: '三楼会议室', expectedBackAt: null }, token);
    }
    for (let i = 0; i < 30; i++) await h.api('POST', '/api/tickets', { serviceId: String.fromCharCode(65 + (i % 20)) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows only the windows people can go to, a page at a time, and nothing spills off the screen', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/display`, SIZES.display);
    await page.locator('connection-badge[status=online]').waitFor();
    await expect.poll(() => page.locator('.win').count()).toBe(8);
    expect(await page.locator('.win.closed').count()).toBe(0);
    await page.locator('.win.paused').getByText('三楼会议室').waitFor();
    expect(await page.locator('.strip-note').textContent()).toMatch(/1\/2\s+另有 88 个窗口未开放/);
    // Two rows of two queues a page: five whole recent calls above them come first.
    expect(await page.locator('.queues li').count()).toBe(4);
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'display-big-hall');
    // The next page follows on its own: the other four open windows.
    await page.locator('.win[data-window="9"]').waitFor({ timeout: 15_000 });
    const second = await page.locator('.win').evaluateAll((els) => els.map((e) => e.getAttribute('data-window')));
    expect(second).toEqual(['9', '10', '11', '12']);
    expect(await overflowing(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
