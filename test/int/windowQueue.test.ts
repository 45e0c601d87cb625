import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

interface QueueAnswer {
  windowId: string;
  waiting: number;
  next: { id: string; number: string; serviceId: string; priority: boolean }[];
}

/** GET /api/windows/:id/queue: what a counter sees coming, in the order its calls will take them. */
describe('the queue a window would serve next', () => {
  let h: TestHub;
  let token: string;

  beforeAll(async () => {
    h = await startHub({ start: '2026-11-23T09:00:00+08:00' });
    // Window 1 serves A before E; A has a green channel.
    for (const [serviceId, priority] of [['E', false], ['A', false], ['B', false], ['A', true], ['A', false]] as const) {
      await h.api('POST', '/api/tickets', { serviceId, priority });
      h.clock.advance(60_000);
    }
    token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is for signed-in staff only and names unknown windows as such', async () => {
    expect((await h.api('GET', '/api/windows/W1/queue')).status).toBe(401);
    const unknown = await h.api('GET', '/api/windows/W99/queue', undefined, token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_WINDOW');
  });

  it('lists the window\u2019s own services only, green channel first, then by preference and time', async () => {
    const q = (await h.api('GET', '/api/windows/W1/queue', undefined, token)).body as QueueAnswer;
    expect(q.waiting).toBe(4);
    expect(q.next.map((t) => t.number)).toEqual(['A002', 'A001', 'A003', 'E001']);
    expect(q.next[0]?.priority).toBe(true);
  });

  it('is the order the calls then take, and shrinks as they do', async () => {
    const shown = ((await h.api('GET', '/api/windows/W1/queue?limit=2', undefined, token)).body as QueueAnswer).next.map((t) => t.number);
    expect(shown).toHaveLength(2);
    const calledNumbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      calledNumbers.push((await h.api('POST', '/api/windows/W1/call-next', undefined, token)).body.ticket.number);
      await h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, token);
    }
    expect(calledNumbers).toEqual(shown);
    const after = (await h.api('GET', '/api/windows/W1/queue', undefined, token)).body as QueueAnswer;
    expect(after.waiting).toBe(2);
    expect(after.next.map((t) => t.number)).toEqual(['A003', 'E001']);
  });
});
