import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigHall } from './bigHall.ts';
import { benchKiosk, call } from './http.ts';
import { spawnBenchHub } from './spawn.ts';

/** Appends of one journal-sized line, each followed by fdatasync: the disk's own durable-write rate. */
export function rawFdatasyncRate(dir: string, ms = 2000): number {
  const fd = openSync(join(dir, 'sync-probe.jsonl'), 'a');
  const line = Buffer.from(`${JSON.stringify({ seq: 1, type: 'TicketIssued', at: '2026-11-23T09:00:00.000+08:00', data: { ticketId: '20261123-0123456789', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-23' } })}\n`);
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    writeSync(fd, line);
    fdatasyncSync(fd);
    n++;
  }
  closeSync(fd);
  return (n / ms) * 1000;
}

/** Tickets answered 201 per second by a hub process, `clients` requests in flight at all times. */
export async function ticketThroughput(opts: { groupCommit: boolean; clients?: number; ms?: number }): Promise<{ perSec: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-bench-'));
  const cfg = join(dir, 'hall.json');
  writeFileSync(cfg, JSON.stringify(bigHall(10, 20)));
  const hub = await spawnBenchHub({ QUEUE_DATA_DIR: join(dir, 'data'), QUEUE_CONFIG: cfg, QUEUE_GROUP_COMMIT: opts.groupCommit ? '1' : '0', QUEUE_CLOCK_START: '2026-11-23T08:00:00+08:00' });
  try {
    const services = bigHall(10, 20).services.map((s) => s.id);
    const kiosk = await benchKiosk(hub.url);
    // Warm up the JIT and the connections.
    await Promise.all(Array.from({ length: 200 }, (_, i) => call(hub.url, 'POST', '/api/tickets', { serviceId: services[i % services.length] }, kiosk)));
    let ok = 0;
    let i = 0;
    const end = performance.now() + (opts.ms ?? 3000);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: opts.clients ?? 64 }, async () => {
        while (performance.now() < end) {
          const r = await call(hub.url, 'POST', '/api/tickets', { serviceId: services[i++ % services.length] }, kiosk);
          if (r.status === 201) ok++;
        }
      }),
    );
    const perSec = (ok / (performance.now() - t0)) * 1000;
    return { perSec, rssMb: hub.rssMb() };
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function withTempDir<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-bench-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
