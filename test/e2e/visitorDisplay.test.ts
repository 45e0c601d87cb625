import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { CHROMIUM, CHROMIUM_ARGS, DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

const H = SIZES.display.height;

/** Font size in pixels of the first element matching `selector` (inside the page's shadow roots). */
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/**
 * The wall display (1920×1080) read from 5 m in a busy hall: five whole recent calls, a
 * substitute's name once, "go now" and "being served" told apart, names and pause notes large
 * enough, a closed window's screen that sends people on, and a warning when the sound is blocked.
 */
describe('the wall display as the hall judges it', () => {
  let h: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00', config: { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 1000 } } });
    browser = await launchBrowser();
    const sign = async (staff: string, win: string, post: 'A' | 'B' | 'S') => {
      const token = await h.login(staff);
      const r = await h.api('POST', `/api/windows/${win}/sign-in`, { post }, token);
      if (r.status !== 200) throw new Error(`sign-in ${staff} at ${win}: ${JSON.stringify(r.body)}`);
      return token;
    };
    const w1 = await sign('S01', 'W1', 'A');
    const w2 = await sign('S02', 'W2', 'A');
    // 赵磊 (S07, a substitute) covers window 3, whose A post is 王芳.
    const w3 = await sign('S07', 'W3', 'S').catch(() => sign('S07', 'W3', 'B'));
    const w5 = await sign('S05', 'W5', 'A');
    const w6 = await sign('S06', 'W6', 'A');
    for (const s of ['A', 'A', 'A', 'B', 'E', 'E', 'A', 'D']) await h.api('POST', '/api/tickets', { serviceId: s });
    const call = (win: string, token: string) => h.api('POST', `/api/windows/${win}/call-next`, undefined, token);
    const serve = async (win: string, token: string) => {
      await h.api('POST', `/api/windows/${win}/start`, undefined, token);
      await h.api('POST', `/api/windows/${win}/finish`, { outcome: 'done' }, token);
    };
    // Six calls: window 1 done with one and has just called the next, window 2 is serving,
    // windows 3 and 6 have called, window 5 finished its visitor.
    await call('W1', w1);
    await serve('W1', w1);
    await call('W2', w2);
    await h.api('POST', '/api/windows/W2/start', undefined, w2);
    await call('W3', w3);
    await call('W6', w6);
    await call('W5', w5);
    await serve('W5', w5);
    await call('W1', w1);
    await h.api('POST', '/api/windows/W5/pause', { reason: 'meeting', note: '三楼会议室开会', expectedBackAt: '2026-11-23T10:00:00+08:00' }, w5);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows five whole recent calls, the substitute once, called and served apart, and large names and notes', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/display`, SIZES.display);
    await page.locator('connection-badge[status=online]').waitFor();
    await expect.poll(() => page.locator('.recent li').count(), { timeout: 10_000 }).toBe(5);
    // The fifth row lies wholly inside the side panel and on the screen.
    const side = (await page.locator('.side').boundingBox())!;
    const fifth = (await page.locator('.recent li').nth(4).boundingBox())!;
    expect(fifth.y + fifth.height).toBeLessThanOrEqual(side.y + side.height);
    expect(fifth.y + fifth.height).toBeLessThanOrEqual(H);
    const list = await page.locator('.recent').evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
    expect(list).toBe(true);

    const w3 = await page.locator('.win[data-window="3"] .wstaff').innerText();
    expect(w3.replace(/\s+/g, ' ').trim()).toBe('赵磊 代岗');

    await expect.poll(() => page.locator('.win[data-window="1"]').getAttribute('data-status')).toBe('called');
    expect(await page.locator('.win[data-window="2"]').getAttribute('data-status')).toBe('serving');
    expect(await page.locator('.win[data-window="1"] .wtag').innerText()).toBe('请前往');
    expect(await page.locator('.win[data-window="2"] .wtag').innerText()).toBe('办理中');
    const border = (n: number) => page.locator(`.win[data-window="${n}"]`).evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(await border(1)).not.toBe(await border(2));
    expect(await page.locator('.recent li[data-status=called]').count()).toBeGreaterThan(0);

    expect(await fontPx(page, '.wstaff')).toBeGreaterThanOrEqual(0.035 * H);
    expect(await fontPx(page, '.win.paused .wnote')).toBeGreaterThanOrEqual(0.035 * H);
    expect(await page.locator('.win.paused').innerText()).toContain('三楼会议室开会');
    // The launch allows sound, so no warning.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid=sound-blocked]').count()).toBe(0);
    await screenshot(page, 'visitor-display-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('.win[data-window="2"] .wtag').innerText()).toBe('Serving');
    expect((await page.locator('.win[data-window="3"] .wstaff').innerText()).replace(/\s+/g, ' ').trim()).toBe('赵磊 covering');
    await screenshot(page, 'visitor-display-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says on screen when the browser blocks sound, until someone clicks', async () => {
    // Headless Chromium here lets audio start whatever its --autoplay-policy says, so the page gets
    // the policy of a desktop browser: an AudioContext stays suspended until a click or key press.
    const strict = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--autoplay-policy')) });
    const autoplayPolicy = () => {
      const Real = window.AudioContext;
      let activated = false;
      for (const k of ['pointerdown', 'keydown']) window.addEventListener(k, () => (activated = true), true);
      window.AudioContext = class extends Real {
        constructor(options?: AudioContextOptions) {
          super(options);
          if (!activated) void super.suspend();
        }
        override resume(): Promise<void> {
          return activated ? super.resume() : new Promise<void>(() => undefined);
        }
      };
    };
    try {
      const { page } = await openPage(strict, `${h.url}/display`, SIZES.display, { initScript: autoplayPolicy });
      await page.locator('[data-testid=sound-blocked]').waitFor({ timeout: 10_000 });
      expect(await page.locator('[data-testid=sound-blocked]').innerText()).toContain('叫号没有语音播报');
      await screenshot(page, 'visitor-display-sound-blocked-zh');
      await page.locator('lang-switch button').click({ position: { x: 4, y: 4 } });
      // A click is also what unblocks sound: the warning may go at once, or show in English.
      if (await page.locator('[data-testid=sound-blocked]').count()) await screenshot(page, 'visitor-display-sound-blocked-en');
      await page.locator('lang-switch button').click();
      await page.mouse.click(960, 540);
      await page.locator('[data-testid=sound-blocked]').waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      await strict.close();
    }
  });

  it("a closed window's screen says where its services are served now", async () => {
    const { page } = await openPage(browser, `${h.url}/display/window/4`, SIZES.display);
    await page.locator('[data-testid=elsewhere]').waitFor({ timeout: 10_000 });
    const text = await page.locator('[data-testid=elsewhere]').innerText();
    // Window 4 serves C and B: C is open at windows 2 and 6, B at 3 and 6.
    expect(text).toContain('户籍证明：2、6 号窗口');
    expect(text).toContain('民政救助：3、6 号窗口');
    await screenshot(page, 'visitor-window-closed-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=elsewhere]').innerText()).toContain('Household registration: window 2, 6');
    await screenshot(page, 'visitor-window-closed-en');
    await page.context().close();
  });
});
