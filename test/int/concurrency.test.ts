import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

describe('concurrent requests against one hub', () => {
  let h: TestHub;
  beforeEach(async () => {
    h = await startHub();
  });
  afterEach(async () => {
    await h.close();
  });

  it('gives 200 tickets issued at once 200 distinct numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => h.api('POST', '/api/tickets', { serviceId: i % 2 ? 'A' : 'C' })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const numbers = answers.map((a) => a.body.number as string);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.filter((n) => n.startsWith('A')).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(200);
  });

  it('never hands the same ticket to two windows calling at the same instant', async () => {
    // W1 serves A,E; W2 A,C; W6 E,A,B,C: all three can take A tickets.
    const staff: [string, string][] = [['S01', 'W1'], ['S02', 'W2'], ['S06', 'W6']];
    const tokens = await Promise.all(staff.map(([s]) => h.login(s)));
    await Promise.all(staff.map(([, w], i) => h.api('POST', `/api/windows/${w}/sign-in`, { post: 'A' }, tokens[i])));
    for (let i = 0; i < 30; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });

    const seen = new Map<string, string>();
    for (let round = 0; round < 10; round++) {
      const calls = await Promise.all(staff.map(([, w], i) => h.api('POST', `/api/windows/${w}/call-next`, undefined, tokens[i])));
      calls.forEach((c, i) => {
        expect(c.status).toBe(200);
        const id = c.body.ticket.id as string;
        expect(seen.has(id), `${id} called at ${seen.get(id)} and ${staff[i]![1]}`).toBe(false);
        seen.set(id, staff[i]![1]);
      });
      await Promise.all(staff.map(([, w], i) => h.api('POST', `/api/windows/${w}/finish`, {}, tokens[i])));
    }
    expect(seen.size).toBe(30);
    const empty = await h.api('POST', '/api/windows/W1/call-next', undefined, tokens[0]);
    expect(empty.status).toBe(404);
    expect(empty.body.error.code).toBe('QUEUE_EMPTY');
  });

  it('answers a repeated Idempotency-Key with the stored answer and acts once', async () => {
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    const key = { 'Idempotency-Key': 'tap-1' };
    const first = await h.api('POST', '/api/windows/W1/call-next', undefined, token, key);
    await h.api('POST', '/api/windows/W1/no-show', undefined, token);
    const repeat = await h.api('POST', '/api/windows/W1/call-next', undefined, token, key);
    expect(repeat).toEqual(first);
    // Without the key the next call gets the next ticket: the repeat called nobody.
    const next = await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    expect(next.body.ticket.number).toBe('A002');
    // An error answer is kept as well.
    const k2 = { 'Idempotency-Key': 'tap-2' };
    const busy = await h.api('POST', '/api/windows/W1/call-next', undefined, token, k2);
    expect(busy.status).toBe(409);
    await h.api('POST', '/api/windows/W1/finish', {}, token);
    expect(await h.api('POST', '/api/windows/W1/call-next', undefined, token, k2)).toEqual(busy);
  });
});

describe('Idempotency-Key across a restart', () => {
  /** Two A tickets, S01 at W1; `before` acts with the key, then the hub restarts and the key is retried. */
  async function retriedAfterRestart(before: (h: TestHub, token: string, key: Record<string, string>) => Promise<unknown>) {
    const dataDir = tempDir();
    let h = await startHub({ dataDir });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    const key = { 'Idempotency-Key': 'tap' };
    const first = await before(h, token, key);
    await h.api('POST', '/api/windows/W1/finish', {}, token);
    await h.close({ keepData: true });
    h = await startHub({ dataDir });
    const retry = await h.api('POST', '/api/windows/W1/call-next', undefined, token, key);
    const waitingA = (await h.api('GET', '/api/services')).body.find((s: { id: string }) => s.id === 'A').waiting;
    await h.close();
    return { first, retry, waitingA };
  }

  it('still answers a retry with the first answer after the hub restarted', async () => {
    const r = await retriedAfterRestart((h, token, key) => h.api('POST', '/api/windows/W1/call-next', undefined, token, key));
    expect(r.retry).toEqual(r.first);
    expect(r.waitingA).toBe(1);
  });

  it('answers a retry with the stored refusal even after the hub restarted, and acts not', async () => {
    const r = await retriedAfterRestart(async (h, token, key) => {
      await h.api('POST', '/api/windows/W1/call-next', undefined, token);
      const refused = await h.api('POST', '/api/windows/W1/call-next', undefined, token, key);
      expect(refused.status).toBe(409);
      return refused;
    });
    expect(r.retry).toEqual(r.first);
    expect(r.waitingA).toBe(1);
  });
});
