import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { call, keyOf, killAll, spawnHall, startPostgres, testNetwork, until, type CentralProcess, type TestPostgres } from '../int/centralHarness.ts';

/**
 * The centre's pages in Chromium against a real centre on an embedded PostgreSQL, with two real
 * hubs forwarding to it: the board moves live as visitors take tickets, uncovered windows show in
 * red, a hall drills down, the cross-hall wait report equals the API and exports CSV with BOM,
 * the rankings export too, and a viewer sees only their hall — in Chinese and in English.
 */
const DAY = '2026-11-23';
const FROM = '2026-11-17';
let pgServer: TestPostgres;
let central: RunningCentral;
let base: string;
let browser: Browser;
const hubs: Record<string, CentralProcess> = {};
const work = mkdtempSync(join(tmpdir(), 'central-e2e-'));

interface Row { hallId: string; waiting: number; online: boolean; uncoveredNow: string[] }

async function adminToken(): Promise<string> {
  return (await call(base, 'POST', '/api/central/auth/login', { userId: 'A1', pin: '111111' })).body.token as string;
}
async function rows(): Promise<Row[]> {
  return (await call(base, 'GET', '/api/central/halls', undefined, await adminToken())).body as Row[];
}
async function hubCredentials(url: string) {
  const staff = (await call(url, 'POST', '/api/auth/login', { staffId: 'S01', pin: '100001' })).body.token as string;
  const manager = (await call(url, 'POST', '/api/auth/login', { staffId: 'M01', pin: '900001' })).body.token as string;
  const device = await call(url, 'POST', '/api/devices', { kind: 'kiosk', name: '取号机' }, manager);
  const kiosk = (await call(url, 'POST', '/api/devices/pair', { pairingCode: device.body.pairingCode })).body.deviceToken as string;
  return { staff, kiosk };
}
async function login(page: Page, userId: string, pin: string) {
  await page.fill('input[name=userId]', userId);
  await page.fill('input[name=pin]', pin);
  await page.click('form button:not(.lang)');
}
const cellText = (page: Page, hall: string, col: string) => page.locator(`tr[data-hall=${hall}] td[data-col=${col}]`).innerText();

beforeAll(async () => {
  pgServer = await startPostgres();
  central = await createCentral({ databaseUrl: await pgServer.database(), dataDir: join(work, 'central'), network: testNetwork, webDir: DIST, log: () => {} });
  base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  for (const h of ['H01', 'H02']) {
    hubs[h] = await spawnHall({
      QUEUE_DATA_DIR: join(work, h), QUEUE_CLOCK_START: `${DAY}T09:00:00+08:00`,
      QUEUE_CENTRAL_URL: base, QUEUE_HALL_ID: h, QUEUE_HALL_KEY: keyOf(h),
    });
  }
  await until('both hubs heard from', async () => (await rows()).filter((r) => r.online).length === 2, 60_000);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  killAll();
  await central?.close();
  await pgServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the centre pages', () => {
  it('when a manager logs in, then the board of every hall moves live with the hubs, uncovered windows in red, and drills down to a hall', async () => {
    const { page, context, errors } = await openPage(browser, `${base}/central`, { width: 1366, height: 768 });
    await screenshot(page, 'central-login-zh');
    await login(page, 'A1', '999999');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toBe('账号或密码错误');
    await login(page, 'A1', '111111');
    await page.locator('[data-live=on]').waitFor();
    await expect.poll(async () => page.locator('tr.hall').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-hall')))).toEqual(['H01', 'H02', 'H03']);
    expect(await cellText(page, 'H03', 'online')).toBe('离线');
    expect(await cellText(page, 'H01', 'online')).toBe('在线');

    // H01: one staffer signs in at W1, three visitors take tickets, the first is called.
    const h1 = await hubCredentials(hubs.H01!.url);
    expect((await call(hubs.H01!.url, 'POST', '/api/windows/W1/sign-in', { post: 'A' }, h1.staff)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(hubs.H01!.url, 'POST', '/api/tickets', { serviceId: 'A' }, h1.kiosk)).status).toBe(201);
    expect((await call(hubs.H01!.url, 'POST', '/api/windows/W1/call-next', undefined, h1.staff)).status).toBe(200);
    // H02: one visitor and nobody at any window.
    const h2 = await hubCredentials(hubs.H02!.url);
    expect((await call(hubs.H02!.url, 'POST', '/api/tickets', { serviceId: 'A' }, h2.kiosk)).status).toBe(201);

    // The page changes without a reload, to exactly what the centre's API says.
    await expect.poll(() => cellText(page, 'H01', 'waiting'), { timeout: 30_000 }).toBe('2');
    await expect.poll(() => cellText(page, 'H02', 'waiting'), { timeout: 30_000 }).toBe('1');
    const api = await rows();
    const r1 = api.find((r) => r.hallId === 'H01')!;
    const r2 = api.find((r) => r.hallId === 'H02')!;
    expect(r1.uncoveredNow).not.toContain('W1');
    expect(r2.uncoveredNow.length).toBeGreaterThan(0);
    await expect.poll(() => cellText(page, 'H01', 'uncovered')).toBe(r1.uncoveredNow.join('、'));
    expect(await cellText(page, 'H02', 'uncovered')).toBe(r2.uncoveredNow.join('、'));
    // Red: the uncovered cell's colour is the alarm red, the hall's row tinted.
    expect(await page.locator('tr[data-hall=H02] td[data-col=uncovered]').evaluate((td) => getComputedStyle(td).color)).toBe('rgb(198, 40, 40)');
    expect(await page.locator('tr[data-hall=H02]').getAttribute('class')).toContain('alarm');
    expect(await cellText(page, 'H01', 'oldest')).toMatch(/^\d+ 分钟 自 09:\d\d$/);
    await screenshot(page, 'central-board-zh');

    await page.click('button:has-text("English")');
    await expect.poll(() => page.locator('nav button[data-tab=board]').innerText()).toBe('All halls');
    expect(await cellText(page, 'H03', 'online')).toBe('Offline');
    await screenshot(page, 'central-board-en');
    await page.click('button:has-text("中文")');

    // Drill-down: W1 covered, every window the API names uncovered in red.
    await page.click('tr[data-hall=H01] a');
    await page.locator('tr[data-window=W1]').waitFor();
    expect(await page.locator('tr[data-window=W1]').getAttribute('class')).not.toContain('uncovered');
    for (const w of r1.uncoveredNow) expect(await page.locator(`tr[data-window=${w}]`).getAttribute('class')).toContain('uncovered');
    expect(await page.locator('[data-figure=waiting]').innerText()).toBe('2');
    await page.locator('[data-table=hall-waits]').waitFor();
    await screenshot(page, 'central-hall-zh');
    // The one refusal the browser logs is the wrong PIN above.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await context.close();
  }, 180_000);

  it('when the wait report and rankings open, then each hall row and the total equal the API, a chart is drawn and both export CSV with BOM', async () => {
    const { page, context, errors } = await openPage(browser, `${base}/central`, { width: 1366, height: 900 });
    await login(page, 'A1', '111111');
    await page.click('nav button[data-tab=waits]');
    await page.locator('[data-table=waits] tr.total').waitFor();
    const report = (await call(base, 'GET', `/api/central/reports/waits?from=${FROM}&to=${DAY}`, undefined, await adminToken())).body;
    expect(await page.locator('input[name=from]').inputValue()).toBe(FROM);
    for (const h of [...report.halls, { ...report.total, hallId: 'total' }]) {
      const cells = await page.locator(`[data-table=waits] tr[data-hall=${h.hallId}] td`).allInnerTexts();
      expect(cells.slice(1, 5)).toEqual([h.issued, h.served, h.noShow, h.abandoned].map(String));
    }
    expect(report.total.issued).toBe(4);
    await page.locator('#chart canvas').waitFor();
    await screenshot(page, 'central-waits-zh');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action=csv]')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('一号便民服务中心');

    await page.click('nav button[data-tab=rankings]');
    await page.locator('[data-table=rankings] tbody tr').first().waitFor();
    const ranked = (await call(base, 'GET', `/api/central/reports/rankings?from=2026-10-25&to=${DAY}`, undefined, await adminToken())).body.halls as { hallId: string; rank: { served: number } }[];
    const order = [...ranked].sort((a, b) => a.rank.served - b.rank.served || a.hallId.localeCompare(b.hallId)).map((r) => r.hallId);
    expect(await page.locator('[data-table=rankings] tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-hall')))).toEqual(order);
    const [rcsv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action=csv]')]);
    const rtext = readFileSync((await rcsv.path())!, 'utf8');
    expect(rtext.charCodeAt(0)).toBe(0xfeff);
    expect(rtext.split('\r\n').filter(Boolean)).toHaveLength(1 + ranked.length);
    await page.click('button:has-text("English")');
    await expect.poll(() => page.locator('th[data-measure=served]').innerText()).toBe('Served');
    await screenshot(page, 'central-rankings-en');
    await page.click('nav button[data-tab=waits]');
    await page.locator('#chart canvas').waitFor();
    await screenshot(page, 'central-waits-en');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('when a viewer of one hall logs in, then the board shows only that hall and another hall\'s page is refused', async () => {
    const { page, context } = await openPage(browser, `${base}/central`, { width: 1366, height: 768 });
    await login(page, 'V1', '222222');
    await page.locator('[data-live=on]').waitFor();
    await expect.poll(async () => page.locator('tr.hall').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-hall')))).toEqual(['H01']);
    await page.evaluate(() => (location.hash = 'hall/H02'));
    await expect.poll(() => page.locator('hall-detail [role=alert]').innerText()).toMatch(/H02/);
    expect(await page.locator('tr[data-window]').count()).toBe(0);
    await context.close();
  }, 120_000);
});
