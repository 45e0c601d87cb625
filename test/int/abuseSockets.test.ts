import { connect, type Socket as NetSocket } from 'node:net';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { startHub, type TestHub } from '../support/hub.ts';
import { rawSocketIo } from '../support/rawSocket.ts';

/** Tickets from this test's own address are not what is under test here. */
const hall = { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 100_000 } };

async function issue(h: TestHub, n: number) {
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => h.api('POST', '/api/tickets', { serviceId: 'ABCE'[(i + j) % 4] })));
    for (const r of batch) expect(r.status).toBe(201);
  }
}

const connected = (s: Socket) => new Promise<void>((r) => (s.connected ? r() : s.once('connect', () => r())));
const sync = (s: Socket, lastSeq: number) => s.timeout(5000).emitWithAck('hall:sync', { lastSeq }) as Promise<any>;

describe('sockets that abuse the hub', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a socket that stops reading but answers pings is dropped once its queue passes the bound; others go on and a reconnect resyncs', async () => {
    h = await startHub({ config: hall, hubOptions: { socketLimits: { maxQueuedBytes: 256 * 1024, syncBurst: 10_000 } } });
    await issue(h, 800);
    const display = h.socket();
    await connected(display);
    const seen: number[] = [];
    display.on('hall:event', (e: { seq: number }) => seen.push(e.seq));

    const stalled = await rawSocketIo(h.url);
    stalled.stall();
    const stopPongs = stalled.keepAlive(500);
    let gone = false;
    void stalled.closed.then(() => (gone = true));
    // Each answer is the day's 800 events (~200 KB); the client asks and never reads.
    for (let i = 0; i < 200 && !gone; i++) {
      stalled.send(`42${i}["hall:sync",{"lastSeq":0}]`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.race([stalled.closed, new Promise((_, rej) => setTimeout(() => rej(new Error('the stalled socket was never dropped')), 10_000))]);
    stopPongs();
    expect(gone).toBe(true);

    // Everyone else is served as before: the display gets the next event, a sync still answers.
    await issue(h, 1);
    await expect.poll(() => seen.at(-1)).toBe(801);
    const again = h.socket();
    await connected(again);
    const answer = await sync(again, 700);
    expect(answer.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 101 }, (_, i) => 701 + i));
  }, 120_000);

  it('a socket repeating hall:sync is told to wait while other screens are answered and tickets issued', async () => {
    h = await startHub({ config: hall });
    await issue(h, 200);
    const spammer = h.socket();
    const screen = h.socket();
    await Promise.all([connected(spammer), connected(screen)]);

    // Far more than anyone resyncs: a page syncs on connect and on a gap.
    const spam = Promise.all(Array.from({ length: 60 }, () => sync(spammer, 999_999)));
    const [answers, other, ticket] = await Promise.all([spam, sync(screen, 999_999), h.api('POST', '/api/tickets', { serviceId: 'A' })]);

    const served = answers.filter((a) => a.snapshot);
    const refused = answers.filter((a) => a.error);
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(5);
    expect(refused.length).toBe(60 - served.length);
    expect(refused[0].error.code).toBe('TOO_MANY_REQUESTS');
    expect(refused[0].error.retryAfterMs).toBeGreaterThan(0);
    // The other screen was not limited by the spammer's bucket.
    expect(other.snapshot.tickets.length).toBeGreaterThanOrEqual(200);
    expect(ticket.status).toBe(201);

    // A repeated snapshot is not stale: the next event shows in the next one.
    const after = await sync(screen, 999_999);
    expect(after.seq).toBe(201);
    expect(after.snapshot.tickets.some((t: { id: string }) => t.id === ticket.body.id)).toBe(true);

    // Once the bucket refills, the spammer is answered again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await sync(spammer, 999_999)).snapshot).toBeDefined();
  }, 90_000);

  it('a socket that asks again at every refusal is answered once it may sync again, not as often as it asks', async () => {
    h = await startHub({ config: hall });
    await issue(h, 50);
    const spammer = h.socket();
    await connected(spammer);
    let snapshots = 0;
    let refusals = 0;
    const end = Date.now() + 2500;
    while (Date.now() < end) {
      const a = await sync(spammer, 999_999);
      if (a.snapshot) snapshots++;
      else if (a.error?.code === 'TOO_MANY_REQUESTS') refusals++;
    }
    // The burst of 5, then about one a second: each refusal came only when a sync was due again.
    expect(snapshots).toBeGreaterThanOrEqual(5);
    expect(snapshots + refusals).toBeLessThan(20);
    expect(spammer.connected).toBe(true);
  });

  it('a socket that floods messages without waiting for answers is dropped; a screen beside it is not', async () => {
    h = await startHub({ config: hall, hubOptions: { socketLimits: { maxMessages: 200 } } });
    await issue(h, 20);
    const screen = h.socket();
    await connected(screen);
    const flooder = await rawSocketIo(h.url);
    for (let i = 0; i < 500; i++) flooder.send(`42${i}["hall:sync",{"lastSeq":0}]`);
    await Promise.race([flooder.closed, new Promise((_, rej) => setTimeout(() => rej(new Error('the flooding socket was never dropped')), 10_000))]);
    flooder.destroy();
    expect(screen.connected).toBe(true);
    expect((await sync(screen, 0)).events).toHaveLength(20);
  });

  it('one address cannot hold more than its share of connections; the hub answers everyone else', async () => {
    h = await startHub({ config: hall, hubOptions: { socketLimits: { maxPerAddress: 20 } } });
    const url = new URL(h.url);
    const held: NetSocket[] = [];
    const closedEarly: boolean[] = [];
    for (let i = 0; i < 30; i++) {
      const s = connect(Number(url.port), url.hostname);
      const idx = i;
      closedEarly[idx] = false;
      s.on('close', () => (closedEarly[idx] = true));
      s.on('error', () => {});
      held.push(s);
    }
    await expect.poll(() => closedEarly.filter(Boolean).length).toBe(10);
    // The first twenty are the ones kept.
    expect(closedEarly.slice(0, 20).every((c) => !c)).toBe(true);
    for (const s of held) s.destroy();
    await expect.poll(async () => (await h!.api('GET', '/api/health')).status).toBe(200);
  });
});
