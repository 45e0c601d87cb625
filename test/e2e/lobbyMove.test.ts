import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { DIST, launchBrowser, openPage, screenshot, SIZES, type Size } from '../support/browser.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The lobby tablet (1280×800) on a crowded morning, in Chromium: 社保医保 (A) has 12 waiting for its
 * one open window, so the lobby moves A012 to 户籍证明 (C) and window 4 (C, B) calls it; it pins,
 * gives the green channel, cancels, extends a service and books for a caller — each with a reason
 * that lands in the journal with who gave it.
 *
 * Monday 2026-11-23, 08:30. 张敏 (S01) at window 1 (A, E), 刘洋 (S04) at window 4 (C, B).
 */
const TABLET: Size = { width: 1280, height: 800 };
const hall = {
  ...demoHall,
  services: demoHall.services.map((s) =>
    s.id === 'A' ? { ...s, appointments: { slotMin: 30, perSlot: 4, daysAhead: 7, earlyMin: 30, lateMin: 15 } } : s,
  ),
  staff: demoHall.staff.some((s) => s.id === 'L01') ? demoHall.staff : [...demoHall.staff, { id: 'L01', name: '孙悦', pin: '300001', role: 'lobby' as const }],
};

describe('the lobby steers a crowded hall', () => {
  let h: TestHub;
  let browser: Browser;
  let lobby: Page;
  const numbers = new Map<string, string>();
  const journal = () => readFileSync(join(h.dataDir, 'journal', '2026-11-23.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
  /** Types what the visitor shows (people drop the zeros they hear) and waits for that ticket's panel. */
  const find = async (typed: string, number = typed) => {
    await lobby.locator('input[name=find]').fill(typed);
    await lobby.locator('form.find button[type=submit]').click();
    await expect.poll(() => lobby.locator('[data-testid=lobby-ticket-number]').textContent()).toBe(number);
  };
  const act = async (action: string, reason: string, target?: string) => {
    await lobby.locator(`[data-lobby-action=${action}]`).click();
    if (target) await lobby.locator(`ticket-panel [data-target=${target}]`).click();
    await lobby.locator(`reason-picker [data-reason=${reason}]`).click();
    await lobby.locator('ticket-panel reason-picker [data-action=confirm]').click();
    await lobby.locator('ticket-panel [data-testid=lobby-done]').waitFor();
  };

  beforeAll(async () => {
    h = await startHub({ webDir: DIST, config: hall, start: '2026-11-23T08:30:00+08:00' });
    const s01 = await h.login('S01');
    const s04 = await h.login('S04');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h.api('POST', '/api/windows/W4/sign-in', { post: 'A' }, s04);
    for (let i = 0; i < 12; i++) {
      const t = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body as { id: string; number: string };
      numbers.set(t.number, t.id);
    }
    browser = await launchBrowser();
    lobby = (await openPage(browser, `${h.url}/lobby`, TABLET, { mobile: true })).page;
    await lobby.locator('input[name=staffId]').fill('L01');
    await lobby.locator('input[name=pin]').fill('300001');
    await lobby.locator('button[type=submit]').click();
    await lobby.locator('connection-badge[status=online]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows 社保医保 crowded (12 waiting for one window) and the others calm', async () => {
    const a = lobby.locator('.svc[data-service=A]');
    await expect.poll(() => a.getAttribute('data-alert')).toBe('crowded');
    expect(await a.locator('[data-testid=alert]').textContent()).toBe('人多');
    expect(await a.locator('.count').textContent()).toContain('12');
    expect(await lobby.locator('.svc[data-service=C]').getAttribute('data-alert')).toBe('');
    await screenshot(lobby, 'lobby-crowded-zh');
    // The tablet's page itself never scrolls: each column scrolls inside it.
    expect(await lobby.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  });

  it('moves A012 to 户籍证明 with a one-tap reason; window 4 (C, B) sees it marked as moved and calls it', async () => {
    await find('a12', 'A012');
    await act('move', 'r_move_crowded', 'C');
    expect(await lobby.locator('ticket-panel [data-testid=lobby-done]').textContent()).toContain('户籍证明');
    const moved = (await h.api('GET', `/api/tickets/${numbers.get('A012')}`)).body as { serviceId: string; status: string };
    expect(moved).toMatchObject({ serviceId: 'C', status: 'waiting' });
    const rec = journal().find((e) => e.type === 'TicketMoved');
    expect(rec?.data).toMatchObject({ number: 'A012', toServiceId: 'C', by: 'L01', reason: '排队过长，二次分流' });
    // The board follows the hall: A012 now counts under 户籍证明.
    await expect.poll(() => lobby.locator('.svc[data-service=C] .count').textContent()).toContain('1');
    await screenshot(lobby, 'lobby-moved-zh');

    const { page: desk } = await openPage(browser, `${h.url}/counter`, SIZES.counter);
    await desk.locator('input[name=staffId]').fill('S04');
    await desk.locator('input[name=pin]').fill('100004');
    await desk.locator('button[type=submit]').click();
    await desk.locator('connection-badge[status=online]').waitFor();
    const first = desk.locator('[data-testid=next-numbers] li').first();
    await expect.poll(() => first.locator('.nnum').textContent()).toBe('A012');
    expect(await first.locator('[data-mark=moved]').textContent()).toContain('社保医保');
    await desk.locator('button[data-action=call-next]').click();
    await expect.poll(() => desk.locator('[data-testid=current-number]').textContent()).toBe('A012');
    await desk.context().close();
  });

  it('pins A011 to window 6: only that window may call it, and its queue counts it', async () => {
    await find('A011');
    await act('pin', 'r_pin_special', 'W6');
    const s01 = await h.login('S01');
    const w1 = (await h.api('GET', '/api/windows/W1/queue?limit=20', undefined, s01)).body as { next: { number: string }[] };
    expect(w1.next.map((n) => n.number)).not.toContain('A011');
    expect(w1.next.map((n) => n.number)).toContain('A010');
    const s06 = await h.login('S06');
    await h.api('POST', '/api/windows/W6/sign-in', { post: 'A' }, s06);
    const w6 = (await h.api('GET', '/api/windows/W6/queue?limit=20', undefined, s06)).body as { next: { number: string; pinnedWindowId: string | null }[] };
    expect(w6.next.find((n) => n.number === 'A011')?.pinnedWindowId).toBe('W6');
    await expect.poll(() => lobby.locator('ticket-panel .badge.pin').textContent()).toContain('指定 6 号窗口');
  });

  it('gives A010 the green channel and cancels A009 for a visitor who left, each with its reason; a called ticket cannot be changed', async () => {
    await find('A010');
    await act('priority', 'r_prio_elderly');
    const s01 = await h.login('S01');
    const w1 = (await h.api('GET', '/api/windows/W1/queue?limit=3', undefined, s01)).body as { next: { number: string; priority: boolean }[] };
    expect(w1.next[0]).toMatchObject({ number: 'A010', priority: true });

    await find('A009');
    await lobby.locator('[data-lobby-action=cancel]').click();
    // No reason chosen or typed: the confirm says what is missing and sends nothing.
    await lobby.locator('ticket-panel reason-picker [data-action=confirm]').click();
    await lobby.locator('reason-picker').getByText('请选择或填写原因').waitFor();
    await lobby.locator('reason-picker input[name=reason-more]').fill('电话说今天不来了');
    await lobby.locator('reason-picker [data-reason=r_cancel_left]').click();
    await lobby.locator('ticket-panel reason-picker [data-action=confirm]').click();
    await expect.poll(() => lobby.locator('[data-testid=lobby-ticket-status]').textContent()).toBe('已取消');
    const events = journal();
    expect(events.find((e) => e.type === 'TicketPrioritised')?.data).toMatchObject({ number: 'A010', by: 'L01', reason: '老年人' });
    expect(events.find((e) => e.type === 'TicketCancelled')?.data).toMatchObject({ number: 'A009', by: 'L01', reason: '群众已离开：电话说今天不来了' });

    // A012 is at window 4 now: nothing of the lobby's applies to it.
    await find('A012');
    expect(await lobby.locator('[data-lobby-action=move]').isDisabled()).toBe(true);
    expect(await lobby.locator('ticket-panel').getByText('此号不在等候中，不能调整').count()).toBe(1);
  });

  it('extends 不动产登记 past its 16:30 cut-off for today, and books a caller for 10:00', async () => {
    await lobby.locator('.svc[data-service=D] [data-open=extend]').click();
    const choice = lobby.locator('extend-panel [data-until]').first();
    const until = (await choice.getAttribute('data-until'))!;
    expect(until > '16:30').toBe(true);
    await choice.click();
    await lobby.locator('extend-panel reason-picker [data-reason=r_extend_queue]').click();
    await lobby.locator('extend-panel reason-picker [data-action=confirm]').click();
    await lobby.locator('extend-panel [data-testid=lobby-done]').waitFor();
    const d = ((await h.api('GET', '/api/services')).body as { id: string; extendedUntil: string | null }[]).find((s) => s.id === 'D');
    expect(d?.extendedUntil).toBe(until);
    await expect.poll(() => lobby.locator('.svc[data-service=D]').textContent()).toContain(`今日延时到 ${until}`);

    await lobby.locator('[data-open=book]').click();
    await lobby.locator('phone-booking [data-service=A]').click();
    await lobby.locator('phone-booking button[data-slot="10:00"]').click();
    await lobby.locator('phone-booking input[name=phone]').fill('0571-1234');
    await lobby.locator('phone-booking button.go').click();
    await lobby.locator('phone-booking').getByText('11 位中国大陆手机号码').waitFor();
    await lobby.locator('phone-booking input[name=phone]').fill('13655556666');
    await lobby.locator('phone-booking button.go').click();
    await lobby.locator('phone-booking [data-testid=phone-booked]').waitFor();
    const text = (await lobby.locator('phone-booking [data-testid=phone-booked]').textContent())!;
    const code = /\d{6}/.exec(text)?.[0];
    expect(code).toBeTruthy();
    const manager = await h.login('M01');
    const list = (await h.api('GET', '/api/appointments?date=2026-11-23', undefined, manager)).body as { phone: string; by?: string; start: string }[];
    expect(list).toContainEqual(expect.objectContaining({ phone: '13655556666', by: 'L01', start: '2026-11-23T10:00:00.000+08:00' }));
    await screenshot(lobby, 'lobby-phone-booking-zh');
  });

  it('turns 社保医保 over target once its oldest ticket has waited past 15 minutes', async () => {
    h.clock.set(Date.parse('2026-11-23T08:47:00+08:00'));
    // Any event (here a ticket for another service) or the half-minute refresh brings the board up to date.
    await h.api('POST', '/api/tickets', { serviceId: 'B' });
    const a = lobby.locator('.svc[data-service=A]');
    await expect.poll(() => a.getAttribute('data-alert'), { timeout: 10_000 }).toBe('over-target');
    expect(await a.locator('[data-testid=alert]').textContent()).toBe('超时');
    expect(await a.textContent()).toContain('最久 17 分钟');
    await screenshot(lobby, 'lobby-over-target-zh');
  });

  it('reads in English', async () => {
    await lobby.locator('lang-switch button').click();
    await find('A010');
    await expect.poll(() => lobby.locator('[data-lobby-action=move]').textContent()).toBe('Move');
    expect(await lobby.locator('.svc[data-service=A] .sub').textContent()).toContain('2 windows serving');
    await lobby.locator('[data-lobby-action=move]').click();
    await lobby.locator('ticket-panel').getByText('Queue too long, redirected').waitFor();
    await screenshot(lobby, 'lobby-en');
    await lobby.locator('lang-switch button').click();
  });
});
