import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent, HallEventBody } from '../../shared/events.ts';
import { toIso } from '../../shared/time.ts';
import { writeDay } from '../support/busyDay.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/**
 * A service with no daily cap past its 999th ticket: the hub numbers A1000 and the wall display
 * and the window's own screen show it whole. The day's first 999 tickets are already in the
 * journal (called and marked no-show at window 1), so the next call is the thousandth.
 */
const DAY = '2026-11-23';

function nineHundredNinetyNine(): HallEvent[] {
  const bodies: HallEventBody[] = [
    { type: 'StaffSignedIn', data: { windowId: 'W1', staffId: 'S01', windowNumber: 1, staffName: '张敏', post: 'A', takeoverFrom: null } },
  ];
  for (let i = 1; i <= 999; i++) {
    const t = { ticketId: `${DAY.replaceAll('-', '')}-old${i}`, number: `A${String(i).padStart(3, '0')}`, serviceId: 'A' };
    const w = { windowId: 'W1', staffId: 'S01' };
    bodies.push(
      { type: 'TicketIssued', data: { ...t, priority: false, businessDay: DAY } },
      { type: 'TicketCalled', data: { ...t, ...w, windowNumber: 1, post: 'A' } },
      { type: 'TicketNoShow', data: { ...t, ...w } },
    );
  }
  bodies.push({ type: 'StaffSignedOut', data: { windowId: 'W1', staffId: 'S01', reason: 'sign-out' } });
  const start = Date.parse(`${DAY}T08:00:00+08:00`);
  return bodies.map((b, i) => ({ ...b, seq: i + 1, at: toIso(start + i * 1000, 'Asia/Shanghai') }) as HallEvent);
}

/** Elements whose text is cut or spills out of the screen. */
function spilling(page: Page, host: string, selector: string): Promise<string[]> {
  return page.evaluate(([h, sel]) => {
    const root = document.querySelector(h!)!.shadowRoot!;
    return [...root.querySelectorAll<HTMLElement>(sel!)].flatMap((el) => {
      const r = el.getBoundingClientRect();
      return r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || el.scrollWidth > el.clientWidth + 1 ? [`${el.className}: ${el.textContent?.trim()}`] : [];
    });
  }, [host, selector]);
}

describe('ticket number 1000 of a service without a cap', () => {
  let h: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    const dataDir = tempDir();
    writeDay(dataDir, DAY, nineHundredNinetyNine());
    h = await startHub({ dataDir, webDir: DIST, start: `${DAY}T09:30:00+08:00` });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('is issued as A1000 and shown whole on the wall display and the window screen', async () => {
    const wall = await openPage(browser, `${h.url}/display`, SIZES.display);
    const own = await openPage(browser, `${h.url}/display/window/1`, SIZES.display);
    await wall.page.locator('connection-badge[status=online]').waitFor();
    const token = await h.login('S01');
    expect((await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token)).status).toBe(200);
    const ticket = await h.api('POST', '/api/tickets', { serviceId: 'A' }, token);
    expect(ticket.status).toBe(201);
    expect(ticket.body.number).toBe('A1000');
    const call = await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    expect(call.body.ticket?.number ?? call.body.number).toBe('A1000');

    await expect.poll(() => wall.page.locator('[data-testid=latest-number]').textContent()).toBe('A1000');
    expect(await wall.page.locator('.recent li.now .num').textContent()).toBe('A1000');
    expect(await spilling(wall.page, 'hall-display', '.latest-number, .latest, .recent li, .win')).toEqual([]);
    await expect.poll(() => own.page.locator('.number').first().textContent()).toContain('A1000');
    expect(await spilling(own.page, 'window-screen', '.number')).toEqual([]);
    await screenshot(wall.page, 'display-four-digits');
    await screenshot(own.page, 'window-screen-four-digits');
    expect([...wall.errors, ...own.errors]).toEqual([]);
  });
});
