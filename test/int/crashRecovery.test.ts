import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/hub.ts';
import { pairKiosk, spawnHub } from '../support/process.ts';

/** The hall's paired kiosk: bound by the services' limits only. */
let kiosk = '';
const post = (url: string, body: unknown) =>
  fetch(`${url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}` }, body: JSON.stringify(body) });

describe('a hub killed with SIGKILL in the middle of a burst', () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every ticket it answered 201 and never repeats a number after restart', async () => {
    const env = { QUEUE_DATA_DIR: dataDir, QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00' };
    const first = await spawnHub(env);
    kiosk = await pairKiosk(first.url);
    const answered: { id: string; number: string }[] = [];
    let stop = false;
    // Eight clients issue tickets as fast as they can until the hub dies under them.
    const clients = Array.from({ length: 8 }, async (_, c) => {
      while (!stop) {
        try {
          const r = await post(first.url, { serviceId: c % 2 ? 'A' : 'B' });
          if (r.status === 201) answered.push((await r.json()) as { id: string; number: string });
        } catch {
          return; // connection refused or reset: the hub is gone
        }
      }
    });
    while (answered.length < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await first.exited;

    const second = await spawnHub(env);
    try {
      expect(second.output()).not.toMatch(/in use by another hub/);
      for (const t of answered) {
        const r = await fetch(`${second.url}/api/tickets/${t.id}`);
        expect(r.status, `ticket ${t.number} answered 201 before the crash`).toBe(200);
        expect(((await r.json()) as { number: string }).number).toBe(t.number);
      }
      const before = new Set(answered.map((t) => t.number));
      const after = await Promise.all(Array.from({ length: 20 }, (_, i) => post(second.url, { serviceId: i % 2 ? 'A' : 'B' })));
      const numbers = await Promise.all(after.map(async (r) => ((await r.json()) as { number: string }).number));
      for (const n of numbers) expect(before.has(n), `${n} issued twice`).toBe(false);
      expect(new Set(numbers).size).toBe(20);
      const health = (await (await fetch(`${second.url}/api/health`)).json()) as { seq: number };
      expect(health.seq).toBeGreaterThanOrEqual(answered.length + 20);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });
});
