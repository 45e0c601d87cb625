import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import type { OpenFile } from '../../server/journal.ts';
import type { HallEvent } from '../../shared/events.ts';
import { recorder, until } from '../support/contract.ts';
import { requestFrom } from '../support/fromAddress.ts';
import { DEMO_PINS, startHub, tempDir, type TestHub } from '../support/hub.ts';

/**
 * Breaks of the adversarial run, replayed as the attacker did them: only the v1 API a phone or a
 * PC on the hall's network had (no device token, no ticket key), from its own client address, and
 * checked by the harm the run saw. So each of these also runs against the code before the fixes
 * (scripts/try-old-code.sh) and fails there on the harm itself.
 */

/** A JSON request sent from a given loopback address (127.0.0.x), as another machine in the hall. */
function from(h: TestHub, address: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return requestFrom(h.url, address, method, path, body === undefined ? '' : JSON.stringify(body));
}

/** The whole lines of the journal's day files (all of them, or the one of `day`). */
function journaled(dataDir: string, day?: string): HallEvent[] {
  const dir = join(dataDir, 'journal');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl') && (!day || f === `${day}.jsonl`)).sort().flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.startsWith('{') && l.endsWith('}')).map((l) => JSON.parse(l) as HallEvent));
}

describe('the breaks as the adversarial run told them', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a phone rating every service 1 from what a tokenless socket shows is refused, and the staffer\'s satisfaction is untouched', async () => {
    h = await startHub();
    const phone = await recorder(h);
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const issued: string[] = [];
    for (let i = 0; i < 10; i++) {
      issued.push((await h.api('POST', '/api/tickets', { serviceId: 'A' })).body.id);
      await h.api('POST', '/api/windows/W1/call-next', {}, s01);
      await h.api('POST', '/api/windows/W1/finish', {}, s01);
    }
    await until(() => phone.events.filter((e) => e.type === 'ServiceFinished').length === 10);
    const seen = phone.events.filter((e) => e.type === 'ServiceFinished').map((e) => (e.data as { ticketId: string }).ticketId);
    expect(seen).toEqual(issued);
    // The phone rates each finished service 1 with nothing but the ticket id it saw.
    const answers = [];
    for (const id of seen) answers.push((await from(h, '127.0.0.9', 'POST', `/api/tickets/${id}/rating`, { score: 1 })).status);
    expect(answers).toEqual(Array(10).fill(403));
    const manager = await h.login('M01');
    const scores = (await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, manager)).body;
    expect(scores.staff.find((s: { staffId: string }) => s.staffId === 'S01')).toMatchObject({ ratings: 0, satisfactionPct: null });
  });

  it('one client taking tickets without a token cannot use up a service\'s numbers: the next visitor still gets one', async () => {
    const config = { ...demoHall, services: demoHall.services.map((s) => (s.id === 'A' ? { ...s, dailyCap: 40 } : s)) };
    h = await startHub({ config });
    let taken = 0;
    for (let i = 0; i < 41; i++) {
      if ((await from(h, '127.0.0.2', 'POST', '/api/tickets', { serviceId: 'A' })).status === 201) taken++;
      else break;
    }
    const visitor = await from(h, '127.0.0.3', 'POST', '/api/tickets', { serviceId: 'A' });
    expect(visitor.status, JSON.stringify(visitor.body)).toBe(201);
    expect(taken).toBeLessThanOrEqual(3);
  });

  it('a crash at midnight before the new day\'s first line, restarted with the clock behind, never gives a closed day\'s number again', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T10:00:00+08:00' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    h.clock.set(Date.parse('2026-11-24T00:00:05+08:00'));
    await h.running.hub.tick();
    await h.close({ keepData: true });
    // Killed after creating the new day's file, before its first line; the PC's clock came back set
    // to the morning of the closed day.
    writeFileSync(join(dataDir, 'journal', '2026-11-24.jsonl'), '');
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    const r = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(r.status).toBe(201);
    const given = journaled(dataDir).filter((e) => e.type === 'TicketIssued').map((e) => { const d = e.data as { businessDay: string; number: string }; return `${d.businessDay} ${d.number}`; });
    expect(given.filter((g, i) => given.indexOf(g) !== i), 'numbers given twice').toEqual([]);
    expect(journaled(dataDir, '2026-11-23').at(-1)!.type, 'the closed day\'s last event').toBe('DayClosed');
  });

  it('a stranger\'s wrong PINs for a public staff number do not lock the staffer out of their own counter', async () => {
    h = await startHub();
    for (let i = 0; i < 6; i++) await from(h, '127.0.0.7', 'POST', '/api/auth/login', { staffId: 'S01', pin: `00000${i}` });
    const counter = await from(h, '127.0.0.1', 'POST', '/api/auth/login', { staffId: 'S01', pin: DEMO_PINS.S01 });
    expect(counter.status, JSON.stringify(counter.body)).toBe(200);
  });

  it('one address guessing PINs across staff numbers is stopped after 20 wrong ones', async () => {
    h = await startHub();
    const answers: number[] = [];
    for (const staffId of ['S01', 'S02', 'S03', 'S04', 'S05', 'S06']) {
      for (let i = 0; i < 4; i++) answers.push((await from(h, '127.0.0.8', 'POST', '/api/auth/login', { staffId, pin: `99999${i}` })).status);
    }
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(answers.slice(20)).toEqual([429, 429, 429, 429]);
  });

  it('a transfer\'s free-text reason never reaches a tokenless socket, live or on resync', async () => {
    h = await startHub();
    const phone = await recorder(h);
    const s01 = await h.login('S01');
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    await h.api('POST', '/api/windows/W1/call-next', {}, s01);
    expect((await h.api('POST', '/api/windows/W1/transfer', { serviceId: 'B', reason: '客户欧阳 13912345678' }, s01)).status).toBe(200);
    await until(() => phone.events.some((e) => e.type === 'TicketTransferred'));
    const sync = await phone.socket.timeout(3000).emitWithAck('hall:sync', { lastSeq: 0 });
    for (const [what, seen] of [['live', phone.events], ['resync', sync]] as const) {
      expect(JSON.stringify(seen), what).not.toContain('13912345678');
      expect(JSON.stringify(seen), what).not.toContain('欧阳');
    }
  });

  it('with the process out of file handles (held sockets), a new day\'s first ticket and a staffer\'s sign-in are still journaled', async () => {
    // Every open of a journal file fails as it does when sockets hold all the process's handles.
    const exhausted: OpenFile = async () => {
      throw Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
    };
    h = await startHub({ openJournalFile: exhausted });
    const s01 = await h.login('S01');
    const signIn = await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    const ticket = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(journaled(h.dataDir).map((e) => e.type)).toEqual(expect.arrayContaining(['StaffSignedIn', 'TicketIssued']));
  });
});
