import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A morning in the demo hall played in a real browser: a visitor takes a number at the kiosk, the
 * wall display shows and voices the call, the staffer serves it at the counter terminal, the
 * visitor rates it on the pad, and the display survives a network drop without missing a call or
 * calling anyone twice.
 */
interface Spoken {
  seq: number;
  text: string;
}
const spoken = (p: Page) => p.evaluate(() => (window as unknown as { hallAnnouncer: { history: Spoken[] } }).hallAnnouncer.history.map((h) => h.text));
const online = (p: Page) => p.locator('connection-badge[status=online]').first().waitFor();

describe('a hall morning in the browser', () => {
  let h: TestHub;
  let browser: Browser;
  let display: Page;
  let counter: Page;
  let kiosk: Page;
  let phone: Page;
  let pad: Page;
  let ticketId = '';
  let setDisplayOffline: (offline: boolean) => Promise<void>;

  beforeAll(async () => {
    if (!existsSync(`${DIST}/display/index.html`)) throw new Error('dist/ is missing: run `npx vite build` (npm test does) first');
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
    const d = await openPage(browser, `${h.url}/display`, SIZES.display);
    display = d.page;
    setDisplayOffline = (o) => d.context.setOffline(o);
    counter = (await openPage(browser, `${h.url}/counter`, SIZES.counter)).page;
    kiosk = (await openPage(browser, `${h.url}/kiosk?kiosk=K1`, SIZES.kiosk)).page;
    await Promise.all([online(display), online(kiosk)]);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the counter logs in and signs in to window 1, post A', async () => {
    await counter.locator('input[name=staffId]').fill('S01');
    await counter.locator('input[name=pin]').fill('100001');
    await screenshot(counter, 'counter-login');
    await counter.locator('button[type=submit]').click();
    await counter.locator('[data-window=W1] button').first().click();
    await counter.locator('[data-testid=current-number]').waitFor();
    await online(counter);
    const windows = (await h.api('GET', '/api/windows')).body as { id: string; staffId: string; post: string }[];
    expect(windows.find((w) => w.id === 'W1')).toMatchObject({ staffId: 'S01', post: 'A' });
    // Nothing is waiting, so only calling is pointless and finishing impossible: both say why.
    await expect.poll(() => counter.locator('button[data-action=start]').getAttribute('title')).toBe('当前没有号');
    expect(await counter.locator('button[data-action=start]').isDisabled()).toBe(true);
  });

  it('a visitor reads the materials list and takes A001 at the kiosk; the ticket shows with its QR code', async () => {
    await kiosk.locator('[data-service=A]').waitFor();
    await screenshot(kiosk, 'kiosk-home');
    await kiosk.locator('[data-service=A]').click();
    await kiosk.getByText('居民身份证原件').waitFor();
    const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await kiosk.locator('button.take').first().click();
    const body = (await (await issued).json()) as { id: string; number: string };
    ticketId = body.id;
    expect(body.number).toBe('A001');
    expect(await kiosk.locator('[data-testid=ticket-number]').textContent()).toBe('A001');
    await kiosk.locator('[data-testid=ticket-qr]').waitFor();
    await screenshot(kiosk, 'kiosk-ticket');
  });

  it('the phone page of the ticket shows it waiting, live', async () => {
    phone = (await openPage(browser, `${h.url}/t/${ticketId}`, SIZES.phone, { mobile: true })).page;
    await phone.locator('[data-testid=status-number]').waitFor();
    expect(await phone.locator('[data-testid=status]').textContent()).toBe('等候中');
    await screenshot(phone, 'phone-waiting');
  });

  it('calling at the counter puts A001 on the wall and in the voice queue exactly once', async () => {
    await counter.locator('button[data-action=call-next]').click();
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('A001');
    await expect.poll(() => display.locator('[data-testid=latest-number]').textContent(), { timeout: 10_000 }).toBe('A001');
    await expect.poll(() => spoken(display), { timeout: 10_000 }).toContain('请 A001 号 到 1 号窗口 办理');
    expect((await spoken(display)).filter((t) => t === '请 A001 号 到 1 号窗口 办理')).toHaveLength(1);
    await expect.poll(() => phone.locator('[data-testid=go-window]').textContent(), { timeout: 10_000 }).toBe('请到 1 号窗口');
    await screenshot(display, 'display-called');
    await screenshot(phone, 'phone-called');
    await screenshot(counter, 'counter-called');
  });

  it('the recall is voiced again, once more', async () => {
    await counter.locator('button[data-action=recall]').click();
    await expect.poll(async () => (await spoken(display)).filter((t) => t === '请 A001 号 到 1 号窗口 办理').length, { timeout: 10_000 }).toBe(2);
  });

  it('service starts and finishes at the counter, and the pad of window 1 asks the visitor for a rating', async () => {
    // The pad pairs itself with the code a manager made for window 1 (it rates with its device token).
    pad = (await openPage(browser, `${h.url}/rate/1?pair=${await h.pairingCode('pad', 'W1')}`, SIZES.pad)).page;
    await online(pad);
    await pad.getByText('张敏').first().waitFor();
    await screenshot(pad, 'pad-idle');
    await counter.locator('button[data-action=start]').click();
    await expect.poll(() => counter.locator('button[data-action=start]').isDisabled()).toBe(true);
    await counter.locator('button[data-action=finish]').first().click();
    await expect.poll(() => counter.locator('[data-testid=my-count]').textContent(), { timeout: 10_000 }).toBe('1');
    await pad.locator('button[data-score="5"]').waitFor({ timeout: 10_000 });
    await screenshot(pad, 'pad-asking');
    await pad.locator('button[data-score="5"]').click();
    await pad.locator('[data-testid=thanks]').waitFor();
    await screenshot(pad, 'pad-thanks');
    await expect.poll(async () => (await h.api('GET', `/api/tickets/${ticketId}`)).body.rating).toBe(5);
    await screenshot(counter, 'counter-finished');
  });

  it('the display catches up after a network drop: recent calls are voiced, stale ones only shown', async () => {
    const token = await h.login('S02');
    await h.api('POST', '/api/windows/W2/sign-in', { post: 'A' }, token);
    for (let i = 0; i < 2; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    // Five services page four at a time: wait for social insurance's row to be on screen.
    await expect
      .poll(async () => (await display.locator('.queues li', { hasText: '社保医保' }).allTextContents()).join(' '), { timeout: 25_000 })
      .toContain('2');

    await setDisplayOffline(true);
    // Going offline in Chromium does not cut an open WebSocket; the hub drops it as a dead peer would.
    h.running.io.disconnectSockets();
    await display.locator('connection-badge[status=offline]').waitFor();
    await screenshot(display, 'display-offline');

    // A002 is called while the display is away, then more than two minutes pass: shown, not spoken.
    await h.api('POST', '/api/windows/W2/call-next', undefined, token);
    h.clock.advance(3 * 60_000);
    // A003 is called just before the display comes back: shown and spoken.
    await counter.locator('button[data-action=call-next]').click();
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('A003');
    expect(await display.locator('[data-testid=latest-number]').textContent()).toBe('A001');

    await setDisplayOffline(false);
    await online(display);
    await expect.poll(() => display.locator('[data-testid=latest-number]').textContent(), { timeout: 15_000 }).toBe('A003');
    await display.locator('.recent').getByText('A002').waitFor();
    await expect.poll(() => spoken(display), { timeout: 10_000 }).toContain('请 A003 号 到 1 号窗口 办理');
    const said = await spoken(display);
    expect(said.filter((t) => t.includes('A002'))).toEqual([]);
    expect(said.filter((t) => t === '请 A003 号 到 1 号窗口 办理')).toHaveLength(1);
    expect(said.filter((t) => t === '请 A001 号 到 1 号窗口 办理')).toHaveLength(2);
    // Never cut off: each announcement starts after the one before has ended.
    const timeline = await display.evaluate(() =>
      (window as unknown as { hallAnnouncer: { history: { startedAt: number; endedAt: number | null }[] } }).hallAnnouncer.history.map((x) => [x.startedAt, x.endedAt]),
    );
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]![0]).toBeGreaterThanOrEqual(timeline[i - 1]![1]!);
    await screenshot(display, 'display-after-reconnect');
  });

  it('window 1 has its own screen with the number and who is on duty; a paused window shows its notice', async () => {
    const { page } = await openPage(browser, `${h.url}/display/window/1`, SIZES.display);
    await expect.poll(() => page.locator('[data-testid=window-current]').textContent(), { timeout: 10_000 }).toBe('A003');
    await page.getByText('工号 S01').waitFor();
    await screenshot(page, 'window-screen');

    // 过号 takes a second tap (the first only arms it).
    await counter.locator('button[data-action=no-show]').click();
    await counter.locator('button[data-action=no-show]').click();
    await expect.poll(() => counter.locator('button[data-action=pause]').isDisabled()).toBe(false);
    await counter.locator('button[data-action=pause]').click();
    await counter.locator('button[data-reason=meeting]').click();
    await counter.locator('input[name=note]').fill('三楼会议室，请到 2 号窗口办理');
    await screenshot(counter, 'counter-pause-form');
    await counter.locator('button[data-action=confirm-pause]').click();
    await page.getByText('三楼会议室，请到 2 号窗口办理').waitFor({ timeout: 10_000 });
    await page.getByText('暂停服务 · 开会').waitFor();
    await screenshot(page, 'window-screen-paused');
    await display.locator('.win.paused').getByText('三楼会议室，请到 2 号窗口办理').waitFor({ timeout: 10_000 });
    await screenshot(display, 'display-paused-window');
    await page.close();
  });
});
