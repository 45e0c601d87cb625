import { existsSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type RunningHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The hub restarts (a power cut, an update) while every page in the hall is open. Nobody touches
 * a page: each reconnects on its own, resyncs, and shows what happened after the restart.
 */
const online = (p: Page) => p.locator('connection-badge[status=online]').first().waitFor({ timeout: 20_000 });
const offline = (p: Page) => p.locator('connection-badge[status=offline]').first().waitFor({ timeout: 20_000 });

describe('the hub restarted while every page is open', () => {
  let first: TestHub;
  let second: RunningHub | undefined;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let ticketId = '';

  beforeAll(async () => {
    if (!existsSync(`${DIST}/display/index.html`)) throw new Error('dist/ is missing: run `npx vite build` (npm test does) first');
    first = await startHub({ webDir: DIST, start: '2026-11-23T10:00:00+08:00' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await second?.close();
    rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('all pages come back by themselves and show what happened after the restart', { timeout: 120_000 }, async () => {
    ticketId = (await first.api('POST', '/api/tickets', { serviceId: 'A' })).body.id;
    pages.display = (await openPage(browser, `${first.url}/display`, SIZES.display)).page;
    pages.kiosk = (await openPage(browser, `${first.url}/kiosk`, SIZES.kiosk)).page;
    pages.phone = (await openPage(browser, `${first.url}/t/${ticketId}`, SIZES.phone, { mobile: true })).page;
    pages.pad = (await openPage(browser, `${first.url}/rate/1?pair=${await first.pairingCode('pad', 'W1')}`, SIZES.pad)).page;
    const counter = (await openPage(browser, `${first.url}/counter`, SIZES.counter)).page;
    pages.counter = counter;
    await counter.locator('input[name=staffId]').fill('S01');
    await counter.locator('input[name=pin]').fill('100001');
    await counter.locator('button[type=submit]').click();
    await counter.locator('[data-window=W1] button').first().click();
    await counter.locator('[data-testid=current-number]').waitFor();
    for (const p of Object.values(pages)) await online(p);
    await expect.poll(() => pages.kiosk!.locator('[data-service=A]').textContent(), { timeout: 15_000 }).toContain('等候 1 人');

    const port = Number(new URL(first.url).port);
    await first.running.close();
    for (const p of Object.values(pages)) await offline(p);

    second = await createHub({ dataDir: first.dataDir, webDir: DIST, clock: manualClock(Date.parse('2026-11-23T10:05:00+08:00')), log: () => {} });
    await second.listen(port, '127.0.0.1');
    for (const p of Object.values(pages)) await online(p);

    // After the restart: S01 is still signed in at W1 (the journal says so) and calls A001.
    const token = await first.login('S01');
    const called = await first.api('POST', '/api/windows/W1/call-next', undefined, token);
    expect(called.body.ticket.number).toBe('A001');
    // Two new tickets: the kiosk's count goes from 1 waiting (A001, before) to 2 (A002, A003), a
    // figure it can only show if it heard from the new hub.
    await first.api('POST', '/api/tickets', { serviceId: 'A' });
    await first.api('POST', '/api/tickets', { serviceId: 'A' });

    await expect.poll(() => pages.display!.locator('[data-testid=latest-number]').textContent(), { timeout: 15_000 }).toBe('A001');
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent(), { timeout: 15_000 }).toBe('A001');
    await expect.poll(() => pages.phone!.locator('[data-testid=go-window]').textContent(), { timeout: 15_000 }).toBe('请到 1 号窗口');
    await expect.poll(() => pages.kiosk!.locator('[data-service=A]').textContent(), { timeout: 15_000 }).toContain('等候 2 人');
    await first.api('POST', '/api/windows/W1/finish', {}, token);
    await pages.pad!.locator('button[data-score="5"]').waitFor({ timeout: 15_000 });
    for (const [name, p] of Object.entries(pages)) await screenshot(p, `after-restart-${name}`);
  });
});
