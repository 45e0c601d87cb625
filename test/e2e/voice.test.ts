import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

interface Spoken {
  text: string;
  via: string;
  plays: number;
  startedAt: number;
  endedAt: number | null;
}

/**
 * The wall display's voice with `?repeat=2`: each call is played twice, from the shipped clips
 * (headless Chromium has no Chinese system voice), every clip of the sentence is served by the hub,
 * and the audio really plays (the call lasts as long as its clips, it is not skipped).
 */
describe('the display voice', () => {
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

  it('plays a call twice with a chime, from clips, without cutting it short', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/display?repeat=2`, SIZES_DISPLAY);
    const clips: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/audio/')) clips.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.locator('connection-badge[status=online]').waitFor();
    const token = await h.login('S06');
    await h.api('POST', '/api/windows/W6/sign-in', { post: 'A' }, token);
    await h.api('POST', '/api/tickets', { serviceId: 'B' });
    await h.api('POST', '/api/windows/W6/call-next', undefined, token);

    const history = () => page.evaluate(() => (window as unknown as { hallAnnouncer: { history: Spoken[] } }).hallAnnouncer.history);
    await expect.poll(async () => (await history())[0]?.endedAt ?? null, { timeout: 40_000, interval: 500 }).not.toBeNull();
    const [call] = await history();
    expect(call).toMatchObject({ text: '请 B001 号 到 6 号窗口 办理', via: 'clips', plays: 2 });
    // Chime (~1.3 s) and ten clips (~0.4 s each) twice: well over 5 s when the audio really plays.
    expect(call!.endedAt! - call!.startedAt).toBeGreaterThan(5000);
    for (const name of ['chime', 'qing', 'B', '0', '1', 'hao', 'dao', '6', 'chuangkou', 'banli']) {
      expect(clips).toContain(`200 /audio/${name}.ogg`);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});

const SIZES_DISPLAY = { width: 1920, height: 1080 };
