import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** How far the page runs past the bottom of the screen, in pixels (0 when it fits). */
function overrun(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollHeight - innerHeight));
}

/** Bottom edges, in pixels, of elements in `host`'s shadow root that match `selector`. */
function bottoms(page: Page, host: string, selector: string): Promise<number[]> {
  return page.evaluate(([h, sel]) => [...document.querySelector(h!)!.shadowRoot!.querySelectorAll(sel!)].map((e) => Math.round(e.getBoundingClientRect().bottom)), [host, selector]);
}

/** Boxes of header items in a shadow root, by name, for overlap checks. */
type Box = { name: string; left: number; right: number; top: number; bottom: number };
function boxes(page: Page, host: string, selectors: string[]): Promise<Box[]> {
  return page.evaluate(([h, sels]) => (sels as string[]).map((sel) => {
    const r = document.querySelector(h as string)!.shadowRoot!.querySelector(sel)!.getBoundingClientRect();
    return { name: sel, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }), [host, selectors] as const);
}
const overlapping = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Every screen of the hall at the size it runs at: nothing below the fold, nothing on top of anything else. */
describe('the pages fit their screens', () => {
  let h: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    const config = structuredClone(demoHall) as typeof demoHall & { kiosks: { id: string; name: string; printer?: string }[] };
    config.hall = { ...config.hall, name: '示例县示例镇人民政府便民服务中心（政务服务大厅·综合受理区）' };
    config.kiosks = [{ id: 'K1', name: '大厅取号机', printer: `tcp://127.0.0.1:${await deadPort()}` }];
    h = await startHub({ webDir: DIST, config, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the counter at 1366×768 shows the open transfer dialog and the pause form without scrolling', async () => {
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const { page } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await page.locator('input[name=staffId]').fill('S01');
    await page.locator('input[name=pin]').fill('100001');
    await page.locator('button[type=submit]').click();
    await page.locator('[data-window=W1] button[data-post=A]').click();
    await page.locator('[data-testid=current-number]').waitFor();
    await page.keyboard.press('F1');
    await expect.poll(() => page.locator('[data-testid=current-number]').textContent()).toBe('A001');
    await page.locator('button[data-action=transfer]').click();
    await page.locator('button[data-transfer=B]').click();
    await page.locator('input[name=transfer-reason]').fill('需先办理不动产登记');
    await screenshot(page, 'fit-counter-transfer-1366');
    expect(await overrun(page)).toBe(0);
    const box = await page.locator('button[data-action=confirm-transfer]').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(SIZES.counter.height);
    await page.getByText('取消', { exact: true }).click();
    // A called ticket cannot pause the window: finish first, then the pause form.
    // 过号 takes a second press of F5 (the first only arms it).
    await page.keyboard.press('F5');
    await page.keyboard.press('F5');
    await expect.poll(() => page.locator('button[data-action=pause]').isDisabled()).toBe(false);
    await page.locator('button[data-action=pause]').click();
    await page.locator('input[name=back-at]').waitFor();
    await screenshot(page, 'fit-counter-pause-1366');
    expect(await overrun(page)).toBe(0);
    await page.close();
  });

  for (const [label, size] of [['portrait 1080×1920', SIZES.kiosk], ['landscape 1920×1080', SIZES.display]] as const) {
    it(`the kiosk in ${label} shows all five services, the printer alert and the taken ticket without scrolling`, async () => {
      const { page } = await openPage(browser, `${h.url}/kiosk?kiosk=K1`, size);
      await page.locator('[data-service=E]').click();
      await page.locator('button.take').first().click();
      await page.locator('[data-testid=ticket-number]').waitFor();
      await page.locator('.printer-alert').waitFor({ timeout: 15_000 });
      await screenshot(page, `fit-kiosk-ticket-${size.width}x${size.height}`);
      expect(await overrun(page)).toBe(0);
      await page.getByText('完成').click();
      await page.locator('[data-service=A]').waitFor();
      const cards = await bottoms(page, 'kiosk-app', '.service');
      expect(cards).toHaveLength(5);
      expect(Math.max(...cards)).toBeLessThanOrEqual(size.height);
      expect(await overrun(page)).toBe(0);
      await screenshot(page, `fit-kiosk-printer-alert-${size.width}x${size.height}`);
      await page.close();
    });
  }

  for (const size of [SIZES.display, { width: 1366, height: 768 }]) {
    it(`the wall display at ${size.width}×${size.height} keeps the clock, link state and language switch apart, even under a long hall name`, async () => {
      const { page } = await openPage(browser, `${h.url}/display`, size);
      await page.locator('connection-badge[status=online]').waitFor();
      const items = await boxes(page, 'hall-display', ['h1', '.clock', 'connection-badge', 'lang-switch']);
      for (const a of items) {
        expect(a.right, a.name).toBeLessThanOrEqual(size.width);
        for (const b of items) if (a !== b) expect(overlapping(a, b), `${a.name} on ${b.name}`).toBe(false);
      }
      expect(await overrun(page)).toBe(0);
      await screenshot(page, `fit-display-header-${size.width}x${size.height}`);
      await page.close();
    });
  }

  it('the window screen has a small language switch of its own', async () => {
    const { page } = await openPage(browser, `${h.url}/display/window/2`, SIZES.display);
    await page.getByText('2 号窗口').waitFor();
    const [badge, sw] = await boxes(page, 'window-screen', ['connection-badge', 'lang-switch']);
    expect(overlapping(badge!, sw!)).toBe(false);
    expect(sw!.bottom - sw!.top).toBeLessThan(60);
    await page.locator('lang-switch button').click();
    await page.getByText('Window 2').waitFor();
    await screenshot(page, 'fit-window-screen-english');
    await page.locator('lang-switch button').click();
    await page.getByText('2 号窗口').waitFor();
    await page.close();
  });
});
