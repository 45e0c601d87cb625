import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, type OutboxOptions } from '../../server/outbox.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A stand-in centre that acknowledges every batch and keeps what came: the seqs of each request
 * that carried events, in the order the requests arrived.
 */
async function standInCentre() {
  const batches: number[][] = [];
  let acked = 0;
  let metaHash: string | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'PUT') {
        metaHash = createHash('sha256').update(text).digest('hex');
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      const seqs = (JSON.parse(text) as { events: { seq: number }[] }).events.map((e) => e.seq);
      if (seqs.length) batches.push(seqs);
      acked = Math.max(acked, ...seqs);
      res.end(JSON.stringify({ ackedSeq: acked, metaHash }));
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    connections: () => connections,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches,
    received: () => batches.flat(),
    /** The last seq received (0 before any). */
    last: () => batches.at(-1)?.at(-1) ?? 0,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const open: { close: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setUp() {
  const centre = await standInCentre();
  const hub = await startHub();
  open.push(hub, centre);
  const outbox = (opts: Partial<OutboxOptions>) => {
    const o = new Outbox({ url: centre.url, hallId: 'H01', key: 'k'.repeat(24), hub: hub.running.hub, dataDir: hub.dataDir, heartbeatMs: 600_000, ...opts });
    open.push(o);
    o.start();
    return o;
  };
  return { centre, hub, outbox };
}

/** Tickets one after another, each answered before the next is asked for. */
async function issue(hub: TestHub, n: number) {
  for (let i = 0; i < n; i++) expect((await hub.api('POST', '/api/tickets', { serviceId: 'A' })).status).toBe(201);
}

describe('the outbox gathers events before forwarding them', () => {
  it('given events journaled one after another, when forwarded, then the centre gets each once, in seq order, in far fewer requests than events', async () => {
    const { centre, hub, outbox } = await setUp();
    const journal = hub.running.hub.journal;
    const o = outbox({ gatherMs: 3_000 });
    await expect.poll(() => o.ackedSeq).toBe(journal.lastSeq);
    const before = journal.lastSeq;
    const requestsBefore = centre.batches.length;

    const n = 30;
    await issue(hub, n);
    expect(journal.lastSeq).toBeGreaterThanOrEqual(before + n);
    await expect.poll(() => o.ackedSeq, { timeout: 30_000 }).toBe(journal.lastSeq);

    const after = centre.batches.slice(requestsBefore);
    expect(after.flat()).toEqual(Array.from({ length: journal.lastSeq - before }, (_, i) => before + 1 + i));
    expect(centre.received()).toEqual(Array.from({ length: journal.lastSeq }, (_, i) => i + 1));
    // Sent at once, a request would go for every event or two.
    expect(after.length).toBeLessThanOrEqual(n / 5);
  });

  it('given events gathering, when the outbox closes, then it returns without waiting out the gathering time, sends none of them, and the next start sends them once', async () => {
    const { centre, hub, outbox } = await setUp();
    const journal = hub.running.hub.journal;
    const first = outbox({ gatherMs: 60_000 });
    await expect.poll(() => first.ackedSeq).toBe(journal.lastSeq);
    const before = journal.lastSeq;

    await issue(hub, 3);
    await sleep(200);
    // Still gathering: nothing of the three has gone.
    expect(centre.last()).toBe(before);

    const closing = await Promise.race([first.close().then(() => 'closed'), sleep(20_000).then(() => 'waiting out the gathering time')]);
    expect(closing).toBe('closed');
    expect(first.ackedSeq).toBe(before);
    expect(centre.last()).toBe(before);

    const next = outbox({ gatherMs: 0 });
    await expect.poll(() => next.ackedSeq).toBe(journal.lastSeq);
    expect(centre.received()).toEqual(Array.from({ length: journal.lastSeq }, (_, i) => i + 1));
  });

  it('given a backlog of several full batches, when the outbox starts, then they go back to back without a gathering time between them', async () => {
    const { centre, hub, outbox } = await setUp();
    const journal = hub.running.hub.journal;
    await issue(hub, 12);
    const o = outbox({ gatherMs: 60_000, batchSize: 5 });
    // A gathering time between full batches would hold this poll for a minute.
    await expect.poll(() => o.ackedSeq).toBe(journal.lastSeq);
    expect(centre.received()).toEqual(Array.from({ length: journal.lastSeq }, (_, i) => i + 1));
    expect(centre.batches.every((b) => b.length <= 5)).toBe(true);
    // The batches ride one kept-alive connection, not a new one each.
    expect(centre.batches.length).toBeGreaterThanOrEqual(3);
    expect(centre.connections()).toBe(1);
  });

  it('given a backlog of three days, each day a batch shorter than a full one, when the outbox starts, then the days go back to back, not one a heartbeat', async () => {
    const { centre, hub, outbox } = await setUp();
    const journal = hub.running.hub.journal;
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      hub.clock.set(Date.parse(`${day}T09:00:00+08:00`));
      await issue(hub, 4);
      // Past midnight: the day closes, and the next day's events go to a journal file of their own.
      hub.clock.set(Date.parse(`${day}T23:59:59+08:00`) + 2_000);
      await hub.running.hub.tick();
    }
    await issue(hub, 2);
    // The heartbeat is ten minutes: waiting for it after each day's batch would hold this poll.
    const o = outbox({ gatherMs: 0 });
    await expect.poll(() => o.ackedSeq, { timeout: 20_000 }).toBe(journal.lastSeq);
    expect(centre.received()).toEqual(Array.from({ length: journal.lastSeq }, (_, i) => i + 1));
    expect(centre.batches.length).toBeGreaterThanOrEqual(3);
  });
});
