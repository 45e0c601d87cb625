import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A booked visit from end to end, in Chromium at real sizes: a visitor books on /book from a phone,
 * checks in at /kiosk with the code (keypad, then a scanner), and at the slot's start the counter's
 * next-up list marks the booked ticket and calls it ahead of walk-ins who came before.
 *
 * Monday 2026-11-23. Service 社保医保 (A) takes 2 bookings per 30-minute slot. Window 1 serves A, E.
 */
const hall = {
  ...demoHall,
  hall: { ...demoHall.hall, address: '示例镇人民路 1 号便民服务中心一楼大厅' },
  services: demoHall.services.map((s) =>
    s.id === 'A' ? { ...s, appointments: { slotMin: 30, perSlot: 2, daysAhead: 7, earlyMin: 30, lateMin: 15 } } : s,
  ),
};
const day = (d: string, hhmm: string) => Date.parse(`${d}T${hhmm}:00+08:00`);

describe('a booked visitor: book on the phone, check in at the kiosk, called at the slot', () => {
  let h: TestHub;
  let browser: Browser;
  let manager: string;
  let code = '';

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, config: hall, start: '2026-11-23T08:00:00+08:00' });
    manager = await h.login('M01');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('books 09:00 on /book: the materials, the free places, a bad phone number refused with a clear message, then the card with code, QR, slot and address', async () => {
    const { page, errors } = await openPage(browser, `${h.url}/book`, SIZES.phone, { mobile: true });
    await page.locator('[data-service=A]').click();
    await page.getByText('社会保障卡').waitFor();
    const nine = page.locator('button[data-slot="09:00"]');
    await expect.poll(() => nine.textContent()).toContain('余 2');
    // 08:00 has started: it cannot be booked any more.
    expect(await page.locator('button[data-slot="08:00"]').isDisabled()).toBe(true);
    await screenshot(page, 'book-slots-zh');
    await nine.click();
    await page.locator('input[name=phone]').fill('1381234567');
    await page.locator('form.who button[type=submit]').click();
    expect(await page.locator('[data-testid=phone-problem]').textContent()).toContain('11 位中国大陆手机号码');
    await page.locator('input[name=phone]').fill('138 1234 5678');
    await expect.poll(() => page.locator('[data-testid=phone-problem]').count()).toBe(0);
    await page.locator('form.who button[type=submit]').click();

    await page.locator('[data-testid=booking-code]').waitFor();
    code = (await page.locator('[data-testid=booking-code]').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await page.locator('[data-testid=booking-when]').textContent()).toContain('09:00–09:30');
    expect(await page.locator('[data-testid=booking-where]').textContent()).toBe('示例镇人民路 1 号便民服务中心一楼大厅');
    expect(await page.locator('[data-testid=booking-arrive]').textContent()).toContain('08:30–09:15');
    await page.locator('[data-testid=booking-qr]').waitFor();
    await screenshot(page, 'book-card-zh');
    await page.locator('lang-switch button').click();
    await expect.poll(() => page.locator('[data-testid=booking-arrive]').textContent()).toContain('Between 08:30 and 09:15');
    await screenshot(page, 'book-card-en');

    // The hub holds it with the phone number as typed, without the spaces.
    const list = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, manager)).body as { phone: string; status: string; start: string }[];
    expect(list).toMatchObject([{ phone: '13812345678', status: 'booked', start: '2026-11-23T09:00:00.000+08:00' }]);

    // The phone remembers it: the start screen lists it with its code, ready to cancel.
    await page.locator('lang-switch button').click();
    await page.goto(`${h.url}/book`);
    await page.locator(`.kept-row`).getByText(code).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('checks in at /kiosk with the keypad and with a scanner; an unknown code and a too-early code are said plainly; at 09:00 the counter calls the booked ticket ahead of walk-ins', async () => {
    expect(code).toMatch(/^\d{6}$/);
    // A second booking fills the 09:00 slot; a third is for 10:00.
    const second = await h.api('POST', '/api/appointments', { serviceId: 'A', start: '2026-11-23T09:00:00.000+08:00', phone: '13900000001' }, manager);
    const later = await h.api('POST', '/api/appointments', { serviceId: 'A', start: '2026-11-23T10:00:00.000+08:00', phone: '13900000002' }, manager);
    expect([second.status, later.status]).toEqual([201, 201]);
    const full = (await h.api('GET', '/api/appointments/slots?serviceId=A&date=2026-11-23')).body as { start: string; free: number }[];
    expect(full.find((s) => s.start.includes('T09:00'))?.free).toBe(0);

    // Walk-ins come at 08:40, before the booked visitors arrive.
    h.clock.set(day('2026-11-23', '08:40'));
    const walkIns: string[] = [];
    for (let i = 0; i < 3; i++) walkIns.push(((await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { number: string }).number);

    h.clock.set(day('2026-11-23', '08:45'));
    const { page: kiosk, errors } = await openPage(browser, `${h.url}/kiosk`, SIZES.kiosk);
    await kiosk.locator('[data-action=open-check-in]').click();
    const typeCode = async (c: string) => {
      for (const d of c) await kiosk.locator(`checkin-pad button[data-key="${d}"]`).click();
      await kiosk.locator('[data-action=check-in]').click();
    };
    const wrong = code === '000000' ? '000001' : '000000';
    await typeCode(wrong);
    await expect.poll(() => kiosk.locator('[data-testid=checkin-problem]').textContent()).toContain('没有找到这个预约码');
    await screenshot(kiosk, 'kiosk-checkin-unknown-zh');
    // Keypad, refusal and buttons on one portrait screen: nothing to scroll for.
    expect(await kiosk.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    // A landscape kiosk puts the keypad beside the code, and it fits as well.
    const { page: wide } = await openPage(browser, `${h.url}/kiosk`, SIZES.display);
    await wide.locator('[data-action=open-check-in]').click();
    await wide.locator('checkin-pad button[data-key="0"]').waitFor();
    expect(await wide.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await screenshot(wide, 'kiosk-checkin-landscape-zh');
    await wide.context().close();
    await typeCode(code);
    await kiosk.locator('[data-testid=ticket-appointment]').waitFor();
    expect(await kiosk.locator('[data-testid=ticket-appointment]').textContent()).toContain('预约时段 09:00–09:30');
    const booked = (await kiosk.locator('[data-testid=ticket-number]').textContent())!.trim();
    expect(walkIns).not.toContain(booked);
    await screenshot(kiosk, 'kiosk-checkin-ticket-zh');

    // A scanner types the second booking's code and Enter on the home screen.
    await kiosk.locator('ticket-card button').click();
    await kiosk.locator('[data-action=open-check-in]').waitFor();
    await kiosk.keyboard.type((second.body as { code: string }).code);
    await kiosk.keyboard.press('Enter');
    await expect.poll(() => kiosk.locator('[data-testid=ticket-number]').textContent()).not.toBe(booked);
    const booked2 = (await kiosk.locator('[data-testid=ticket-number]').textContent())!.trim();
    expect(await kiosk.locator('[data-testid=ticket-appointment]').textContent()).toContain('09:00–09:30');

    // The 10:00 booking is too early at 08:45, and says from when.
    await kiosk.locator('ticket-card button').click();
    await kiosk.locator('[data-action=open-check-in]').waitFor();
    await kiosk.keyboard.type((later.body as { code: string }).code);
    await kiosk.keyboard.press('Enter');
    await expect.poll(() => kiosk.locator('[data-testid=checkin-problem]').textContent()).toContain('还没到签到时间');
    expect(await kiosk.locator('[data-testid=checkin-problem]').textContent()).toContain('09:30');

    // The second check-in of the same code is refused as such.
    await kiosk.keyboard.type(code);
    await kiosk.keyboard.press('Enter');
    await expect.poll(() => kiosk.locator('[data-testid=checkin-problem]').textContent()).toContain('这个预约已经取过号了');
    // The refusals above are the browser's 404 and 409 lines; nothing else went wrong on the page.
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);

    // Before the slot, the booked tickets wait as ordinary ones: the first walk-in goes first.
    h.clock.set(day('2026-11-23', '08:50'));
    const { page: desk } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await desk.locator('input[name=staffId]').fill('S01');
    await desk.locator('input[name=pin]').fill('100001');
    await desk.locator('button[type=submit]').click();
    await desk.locator('[data-window=W1] button[data-post=A]').click();
    await desk.locator('connection-badge[status=online]').waitFor();
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(() => desk.locator('[data-testid=current-number]').textContent()).toBe(walkIns[0]);
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, s01);

    // 09:00: the slot has started. The next-up list puts both booked tickets first, marked 预约.
    h.clock.set(day('2026-11-23', '09:00'));
    await desk.reload();
    await desk.locator('connection-badge[status=online]').waitFor();
    const next = desk.locator('[data-testid=next-numbers] li');
    await expect.poll(() => next.first().locator('.nnum').textContent()).toBe(booked);
    expect(await next.nth(0).locator('[data-mark=appointment]').count()).toBe(1);
    expect(await next.nth(1).locator('.nnum').textContent()).toBe(booked2);
    expect(await next.nth(2).locator('.nnum').textContent()).toBe(walkIns[1]);
    expect(await next.nth(2).locator('[data-mark=appointment]').count()).toBe(0);
    await screenshot(desk, 'counter-next-booked-zh');
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(() => desk.locator('[data-testid=current-number]').textContent()).toBe(booked);
    const list = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, manager)).body as { phone: string; status: string }[];
    expect(list.find((a) => a.phone === '13812345678')?.status).toBe('checked-in');
  });
});

describe('a phone that missed three bookings in 30 days', () => {
  let h: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, config: hall, start: '2026-11-23T08:00:00+08:00' });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('is refused on /book with the hub\'s message saying until when, and the page keeps the form', async () => {
    const manager = await h.login('M01');
    for (const d of ['2026-11-23', '2026-11-24', '2026-11-26']) {
      const r = await h.api('POST', '/api/appointments', { serviceId: 'A', start: `${d}T09:00:00.000+08:00`, phone: '13700000003' }, manager);
      expect(r.status).toBe(201);
    }
    // Each day closes with its booking never checked in.
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) {
      h.clock.set(day(d, '08:00'));
      await h.api('POST', '/api/tickets', { serviceId: 'E' });
    }
    page = (await openPage(browser, `${h.url}/book`, SIZES.phone, { mobile: true })).page;
    await page.locator('[data-service=A]').click();
    await page.locator('button[data-slot="10:00"]').click();
    await page.locator('input[name=phone]').fill('13700000003');
    await page.locator('form.who button[type=submit]').click();
    const error = page.locator('[data-testid=book-error]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/3 次预约未到.*\d{4}-\d{2}-\d{2} 之后才能再预约/);
    expect(await page.locator('input[name=phone]').inputValue()).toBe('13700000003');
    await screenshot(page, 'book-refused-missed-zh');
  });
});
