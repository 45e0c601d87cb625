import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launchBrowser, openPage, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * Pages pair themselves: the pad at /rate/1?pair=<code> rates with its device token, the kiosk at
 * /kiosk?pair=<code> issues past the hourly quota of unpaired clients, and the phone page rates
 * with the key from the ticket's QR (/t/<id>?k=<key>); without pairing or key nothing rates.
 */
describe('paired pages', () => {
  let h: TestHub;
  let browser: Browser;
  let s01: string;
  let manager: string;
  beforeAll(async () => {
    h = await startHub({ webDir: DIST, start: '2026-11-23T09:00:00+08:00' });
    browser = await launchBrowser();
    s01 = await h.login('S01');
    manager = await h.login('M01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const serve = async () => {
    const t = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    await h.api('POST', '/api/windows/W1/finish', {}, s01);
    return t.body as { id: string; key: string };
  };

  it('the pad pairs once with ?pair=, forgets the code from its address, rates with its token, and says so when revoked', async () => {
    const created = await h.api('POST', '/api/devices', { kind: 'pad', windowId: 'W1', name: '1号窗口评价器' }, manager);
    const { page, errors, context } = await openPage(browser, `${h.url}/rate/1?pair=${created.body.pairingCode}`, SIZES.pad);
    await page.locator('connection-badge[status=online]').waitFor();
    await expect.poll(() => page.url()).toBe(`${h.url}/rate/1`);
    const t = await serve();
    await page.locator('button[data-score="4"]').click();
    await expect.poll(async () => (await h.api('GET', `/api/tickets/${t.id}`)).body.rating).toBe(4);
    // A reload keeps the pairing (the code is spent; the token is kept).
    await page.reload();
    await page.locator('connection-badge[status=online]').waitFor();
    const t2 = await serve();
    await page.locator('button[data-score="5"]').click();
    await expect.poll(async () => (await h.api('GET', `/api/tickets/${t2.id}`)).body.rating).toBe(5);
    expect(await page.locator('[data-testid=pairing-notice]').count()).toBe(0);
    await h.api('DELETE', `/api/devices/${created.body.id}`, undefined, manager);
    await page.reload();
    await page.locator('[data-testid=pairing-notice]').waitFor();
    expect(await page.locator('[data-testid=pairing-notice]').textContent()).toContain('配对');
    expect(errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('a manager makes a pad\'s pairing link at /manager (设备与安全), and the pad opened with it pairs', async () => {
    const { page, context } = await openPage(browser, `${h.url}/manager`, SIZES.counter);
    await page.fill('input[name=staffId]', 'M01');
    await page.fill('input[name=pin]', '900001');
    await page.click('button[type=submit]');
    await page.click('nav button[data-tab=devices]');
    await page.locator('device-admin select[name=windowId]').selectOption('W3');
    await page.locator('device-admin [data-testid=make-code]').click();
    const link = (await page.locator('device-admin [data-testid=pairing-code] code').textContent())!;
    expect(link).toMatch(new RegExp(`^${h.url}/rate/3\\?pair=\\d{6}$`));
    const pad = await openPage(browser, link, SIZES.pad);
    await pad.page.locator('connection-badge[status=online]').waitFor();
    await expect.poll(async () => ((await h.api('GET', '/api/devices', undefined, manager)).body as { windowId: string; status: string }[])
      .some((d) => d.windowId === 'W3' && d.status === 'paired')).toBe(true);
    expect(await pad.page.locator('[data-testid=pairing-notice]').count()).toBe(0);
    await pad.context.close();
    await context.close();
  });

  it('an unpaired pad says it is not paired', async () => {
    const { page, context } = await openPage(browser, `${h.url}/rate/2`, SIZES.pad);
    await page.locator('[data-testid=pairing-notice]').waitFor();
    expect(await page.locator('[data-testid=pairing-notice]').textContent()).toContain('尚未配对');
    await context.close();
  });

  it('the kiosk pairs with ?pair= and issues past the quota of unpaired clients', async () => {
    const code = await h.pairingCode('kiosk');
    const { page, context } = await openPage(browser, `${h.url}/kiosk?pair=${code}`, SIZES.kiosk);
    await page.locator('connection-badge[status=online]').waitFor();
    await expect.poll(() => page.url()).toBe(`${h.url}/kiosk`);
    const issued: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/tickets') && r.request().method() === 'POST') issued.push(r.status());
    });
    for (let i = 1; i <= 5; i++) {
      await page.locator('[data-service=C]').click();
      await page.locator('button.take').first().click();
      await expect.poll(() => page.locator('[data-testid=ticket-number]').textContent()).toBe(`C00${i}`);
      await page.getByText('完成').click();
      await page.locator('[data-service=C]').waitFor();
    }
    expect(issued).toEqual([201, 201, 201, 201, 201]);
    await context.close();
  });

  it('the phone page rates with the key from the QR, and offers nothing without it', async () => {
    const t = await serve();
    const bare = await openPage(browser, `${h.url}/t/${t.id}`, SIZES.phone, { mobile: true });
    await bare.page.locator('[data-testid=status-say]').waitFor();
    expect(await bare.page.locator('[data-testid=phone-rating]').count()).toBe(0);
    await bare.context.close();
    const { page, context } = await openPage(browser, `${h.url}/t/${t.id}?k=${encodeURIComponent(t.key)}`, SIZES.phone, { mobile: true });
    await page.locator('[data-testid=phone-rating] button[data-score="5"]').click();
    await page.locator('[data-testid=phone-rated]').waitFor();
    expect((await h.api('GET', `/api/tickets/${t.id}`)).body.rating).toBe(5);
    await context.close();
  });
});
