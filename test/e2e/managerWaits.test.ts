import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeToMs } from '../../shared/time.ts';
import { HttpDriver } from '../../tools/sim/driver.ts';
import { DEMO_MIX } from '../../tools/sim/halls.ts';
import { businessDays, runDays } from '../../tools/sim/run.ts';
import { DEMO_PINS, startHub, type TestHub } from '../support/hub.ts';
import { DIST, launchBrowser, openPage, screenshot } from '../support/browser.ts';

const TZ = 'Asia/Shanghai';
/** Three simulated days, then a fourth on which W3 forgot to press finish for three hours. */
const [D1, D2, D3, D4] = businessDays('2026-11-16', 4) as [string, string, string, string];

/** How the page writes seconds: whole minutes, "h 小时 mm 分" past an hour; a dash for a figure over nothing. */
function dur(sec: number | null): string {
  if (sec === null) return '—';
  const min = Math.round(sec / 60);
  const [h, m] = [Math.floor(min / 60), min % 60];
  return h ? `${h} 小时 ${String(m).padStart(2, '0')} 分` : `${m} 分钟`;
}
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
/** The service table's figure columns, in the page's order, from a row of the API's answer. */
const cells = (r: Record<string, number | null>) => [
  String(r.issued), String(r.served), String(r.noShow), String(r.abandoned), String(r.transferred),
  dur(r.waitAvgSec!), dur(r.waitP50Sec!), dur(r.waitP90Sec!), dur(r.waitMaxSec!), dur(r.serviceAvgSec!), dur(r.serviceP90Sec!), pct(r.withinTargetPct!),
];

/**
 * A director checks last week's waits: the demo hall simulated over HTTP for three days, plus a
 * day with one ticket whose service ran three hours (a forgotten finish). The wait-times tab must
 * show exactly what GET /api/reports/waits answers, draw its chart, leave the suspect ticket out
 * on request and export the same figures as CSV for Excel.
 */
describe('the wait-times tab of the manager app', () => {
  let h: TestHub;
  let browser: Browser;
  let page: Page;
  let manager: string;
  const api = async (q: string) => (await h.api('GET', `/api/reports/waits?from=${D1}&to=${D4}${q}`, undefined, manager)).body;

  beforeAll(async () => {
    h = await startHub({ webDir: process.env.HALL_WEB_DIR ?? DIST, start: `${D1}T07:00:00+08:00` });
    const driver = new HttpDriver(h.url, DEMO_PINS, async (ms) => {
      if (ms > h.clock.now()) h.clock.set(ms);
    }, async (midnight) => {
      if (h.clock.now() < midnight + 1000) h.clock.set(midnight + 1000);
      await h.running.hub.tick();
    });
    const run = await runDays(driver, (h.running.hub.config), { days: [D1, D2, D3], ticketsPerDay: 60, seed: 7, mix: DEMO_MIX });
    expect(run.surprises).toEqual({});
    // D4: one visitor, served from 09:00 to 12:00 because nobody pressed finish.
    const at = (hhmm: string) => h.clock.set(localTimeToMs(D4, hhmm, TZ));
    at('08:00');
    const s03 = await h.login('S03');
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, s03);
    expect((await h.api('POST', '/api/tickets', { serviceId: 'B' })).status).toBe(201);
    at('08:50');
    await h.api('POST', '/api/windows/W3/call-next', {}, s03);
    at('09:00');
    await h.api('POST', '/api/windows/W3/start', {}, s03);
    at('12:00');
    expect((await h.api('POST', '/api/windows/W3/finish', { outcome: 'done' }, s03)).status).toBe(200);
    h.clock.set(localTimeToMs(D4, '23:59', TZ) + 120_000);
    await h.running.hub.tick();
    h.clock.set(localTimeToMs(businessDays(D4, 2)[1]!, '09:00', TZ));
    manager = await h.login('M01');
    browser = await launchBrowser();
    page = (await openPage(browser, `${h.url}/manager`, { width: 1366, height: 900 })).page;
    await page.fill('input[name=staffId]', 'M01');
    await page.fill('input[name=pin]', '900001');
    await page.click('button[type=submit]');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const serviceRows = () => page.locator('waits-report .scroll table tbody tr');
  const rowCells = async (i: number) => (await serviceRows().nth(i).locator('td, th').allTextContents()).map((t) => t.trim());

  it('shows, for a chosen date range, the per-service table with the very figures of the API', async () => {
    await page.click('nav button[data-tab=waits]');
    await page.locator('waits-report select').selectOption('range');
    const dates = page.locator('waits-report input[type=date]');
    await dates.nth(0).fill(D1);
    await dates.nth(1).fill(D4);
    await expect.poll(() => page.locator('waits-report h2').textContent()).toContain(`${D1} — ${D4}`);
    const r = await api('');
    expect(r.total.issued).toBeGreaterThan(150);
    expect(r.flaggedCount).toBe(1);
    await expect.poll(() => serviceRows().count()).toBe(r.services.length + 1);
    for (const [i, s] of (r.services as Record<string, number | null>[]).entries()) {
      const [name, ...figures] = await rowCells(i);
      expect(name).toBe(`${s.serviceId} ${s.name}`);
      expect(figures.slice(0, 12)).toEqual(cells(s));
    }
    const [total, ...figures] = await rowCells(r.services.length);
    expect(total).toBe('合计');
    expect(figures.slice(0, 12)).toEqual(cells(r.total));
    expect(await page.locator('waits-report h3', { hasText: '存疑记录' }).textContent()).toMatch(/存疑记录 1 条\s*（已计入统计）/);
    await screenshot(page, 'manager-waits');
  });

  it('draws the hour chart on a canvas and the weekday × hour arrivals as a table', async () => {
    const canvas = page.locator('waits-charts canvas').first();
    await canvas.waitFor();
    // Count pixels that are neither transparent nor white: an empty canvas has none.
    const inked = () => canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240)) n++;
      return n;
    });
    await expect.poll(inked).toBeGreaterThan(2000);
    // Mon 16th–Thu 19th: one business day each; Monday's 9:00 cell is Monday's arrivals that hour.
    const r = await api('');
    const monday9 = page.locator('arrivals-table tbody tr').first().locator('td').nth(9 - 7);
    expect(Number((await monday9.textContent())!.trim() || 0)).toBe(r.heatmap.arrivals[1][9]);
    await page.locator('waits-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-waits-charts');
  });

  it('leaves the suspect ticket out when asked, and says so', async () => {
    await page.getByLabel('剔除存疑记录').check();
    const r = await api('&excludeFlagged=true');
    expect(r.excludedFlagged).toBe(true);
    await expect.poll(() => page.locator('waits-report h3', { hasText: '存疑记录' }).textContent()).toContain('已从统计中剔除');
    const b = (r.services as { serviceId: string }[]).findIndex((s) => s.serviceId === 'B');
    await expect.poll(async () => (await rowCells(b)).slice(1, 13)).toEqual(cells(r.services[b]));
    await page.locator('waits-report h3', { hasText: '存疑记录' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-waits-flagged');
  });

  it('downloads the CSV: UTF-8 with a byte-order mark for Excel, the contract field names, the same rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('waits-report button:has-text("导出 CSV")')]);
    expect(download.suggestedFilename()).toBe(`waits-${D1}_${D4}-service.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('serviceId,name,issued,served,noShow,abandoned,transferred,waitAvgSec,waitP50Sec,waitP90Sec,waitMaxSec,serviceAvgSec,withinTargetPct,serviceP90Sec,maxWaiting,flagged,cancelled,moved,booked,checkedIn,missed,appointmentServed,appointmentWaitAvgSec,appointmentWaitP90Sec');
    const r = await api('&excludeFlagged=true');
    const b = lines.find((l) => l.startsWith('B,'))!.split(',');
    const s = r.services.find((x: { serviceId: string }) => x.serviceId === 'B');
    expect(b.slice(2, 6).map(Number)).toEqual([s.issued, s.served, s.noShow, s.abandoned]);
    expect(lines.at(-2)!.startsWith('total,')).toBe(true);
  });
});
