import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type RunningHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { DEMO_PINS, tempDir } from '../support/hub.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';

/**
 * The hub restarts on the same port while screens stay up. After a restart over the same data the
 * wall display carries on from where it was; after a hub that starts over (a new data dir) it drops
 * everything it showed, so no stale call stays on the wall.
 */
describe('screens across hub restarts', () => {
  let browser: Browser;
  let display: Page;
  let running: RunningHub;
  let port = 0;
  const dataDir = tempDir();
  const start = Date.parse('2026-11-23T09:00:00+08:00');

  const boot = async (dir: string) => {
    running = await createHub({ dataDir: dir, clock: manualClock(start), webDir: DIST, log: () => {} });
    port = await running.listen(port, '127.0.0.1');
  };
  const call = async () => {
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, body: unknown, token?: string) =>
      fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json());
    await post('/api/tickets', { serviceId: 'A' });
    const { token } = (await post('/api/auth/login', { staffId: 'S01', pin: DEMO_PINS.S01 })) as { token: string };
    await post('/api/windows/W1/sign-in', { post: 'A' }, token);
    await post('/api/windows/W1/no-show', {}, token);
    return post('/api/windows/W1/call-next', {}, token);
  };
  const latest = () => display.locator('[data-testid=latest-number]').textContent();

  beforeAll(async () => {
    await boot(dataDir);
    browser = await launchBrowser();
    display = (await openPage(browser, `http://127.0.0.1:${port}/display`, SIZES.display)).page;
    await display.locator('connection-badge[status=online]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('after a restart over the same data, the display resumes and shows the next call', async () => {
    await call();
    await expect.poll(latest, { timeout: 10_000 }).toBe('A001');
    await running.close();
    await display.locator('connection-badge[status=offline]').waitFor({ timeout: 10_000 });
    await boot(dataDir);
    await call();
    await display.locator('connection-badge[status=online]').waitFor({ timeout: 15_000 });
    await expect.poll(latest, { timeout: 10_000 }).toBe('A002');
    const said = await display.evaluate(() => (window as unknown as { hallAnnouncer: { history: { text: string }[] } }).hallAnnouncer.history.map((h) => h.text));
    expect(said.filter((t) => t.includes('A001'))).toHaveLength(1);
    await expect.poll(() => display.evaluate(() => (window as unknown as { hallAnnouncer: { history: { text: string }[] } }).hallAnnouncer.history.length), { timeout: 15_000 }).toBe(2);
  });

  it('after a hub that starts over, the display shows nothing of the old hub', async () => {
    await running.close();
    await display.locator('connection-badge[status=offline]').waitFor({ timeout: 10_000 });
    await boot(tempDir());
    await display.locator('connection-badge[status=online]').waitFor({ timeout: 15_000 });
    await display.getByText('暂无叫号').waitFor({ timeout: 10_000 });
    expect(await display.locator('.recent li').count()).toBe(0);
    await screenshot(display, 'display-fresh-hub');
    // The new hub's seq starts low again: its first call is still voiced.
    await call();
    await expect.poll(latest, { timeout: 10_000 }).toBe('A001');
    await expect.poll(() => display.evaluate(() => (window as unknown as { hallAnnouncer: { history: { text: string }[] } }).hallAnnouncer.history.length), { timeout: 15_000 }).toBe(3);
  });
});
