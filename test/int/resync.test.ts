import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A display as the pages run it: apply events in seq order, resync by hall:sync on (re)connect and on a gap. */
class FakeDisplay {
  seen: HallEvent[] = [];
  lastSeq = 0;
  snapshots = 0;
  constructor(readonly socket: Socket) {
    socket.on('hall:event', (e: HallEvent) => {
      if (e.seq <= this.lastSeq) return;
      if (e.seq !== this.lastSeq + 1) return void this.sync();
      this.apply([e]);
    });
    socket.on('connect', () => void this.sync());
  }
  apply(events: HallEvent[]) {
    for (const e of events) {
      if (e.seq !== this.lastSeq + 1) continue;
      this.seen.push(e);
      this.lastSeq = e.seq;
    }
  }
  async sync() {
    const answer = (await this.socket.emitWithAck('hall:sync', { lastSeq: this.lastSeq })) as { seq: number; events?: HallEvent[]; snapshot?: unknown };
    if (answer.events) this.apply(answer.events);
    else {
      this.snapshots++;
      this.lastSeq = answer.seq;
    }
  }
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a display that misses events', () => {
  let h: TestHub;
  beforeEach(async () => {
    h = await startHub();
  });
  afterEach(async () => {
    await h.close();
  });

  it('catches up by hall:sync and sees every event once, in order', async () => {
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    const display = new FakeDisplay(h.socket());
    await until(() => display.socket.connected && display.lastSeq === 1);

    for (let i = 0; i < 5; i++) await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    await until(() => display.lastSeq === 7);

    display.socket.disconnect();
    for (let i = 0; i < 3; i++) {
      await h.api('POST', '/api/windows/W1/finish', {}, token);
      await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    }
    await h.api('POST', '/api/tickets', { serviceId: 'E' });
    const missedUpTo = h.running.hub.journal.lastSeq;
    expect(missedUpTo).toBeGreaterThan(7);

    display.socket.connect();
    await until(() => display.lastSeq === missedUpTo);
    expect(display.seen.map((e) => e.seq)).toEqual(Array.from({ length: missedUpTo }, (_, i) => i + 1));
    expect(display.seen.filter((e) => e.type === 'TicketCalled').map((e) => e.data.number)).toEqual(['A001', 'A002', 'A003', 'A004']);
    expect(display.snapshots).toBe(0);
  });

  it('gets a snapshot when the events it lacks are no longer at hand', async () => {
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    const s = h.socket();
    await new Promise<void>((r) => s.on('connect', () => r()));
    const future = await s.emitWithAck('hall:sync', { lastSeq: 999 });
    expect(future.snapshot.services.find((x: { id: string }) => x.id === 'A').waiting).toBe(1);
    expect(future.seq).toBe(1);
    // Too many missed events: a bounded snapshot instead of the whole day.
    const hub = h.running.hub;
    for (let i = 0; i < 2100; i++) await hub.execute((at) => ({ type: 'IssueTicket', at, ticketId: '', serviceId: ['A', 'B', 'C'][i % 3]!, priority: false }), { newTicket: true });
    const behind = await s.emitWithAck('hall:sync', { lastSeq: 1 });
    expect(behind.events).toBeUndefined();
    expect(behind.seq).toBe(2101);
    expect(behind.snapshot.tickets).toHaveLength(2101);
    expect(behind.snapshot.services.find((x: { id: string }) => x.id === 'B').waiting).toBe(700);
    const near = await s.emitWithAck('hall:sync', { lastSeq: 2000 });
    expect(near.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 101 }, (_, i) => 2001 + i));
    const bad = await s.emitWithAck('hall:sync', { lastSeq: 'x' });
    expect(bad.error.code).toBe('BAD_REQUEST');
    expect((await h.api('GET', '/api/health')).status).toBe(200);
  });
});
