import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hallConfigSchema } from '../../shared/config.ts';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { busyDay, writeDay } from '../../test/support/busyDay.ts';
import { io, type Socket } from 'socket.io-client';
import { bigHall } from './bigHall.ts';
import { spawnBare, spawnBenchHub } from './spawn.ts';

export interface ReplayResult {
  events: number;
  tickets: number;
  inProcessMs: number;
  processStartMs: number;
  bareNodeMs: number;
  parseOnlyMs: number;
  /** Hub RSS with this day loaded and 320 screens connected, each having fetched the whole day by hall:sync. */
  rssMb: number;
}

/**
 * Start-up on a day of about `targetEvents` events: in-process (journal open + replay), and as a
 * whole process to its ready line, beside a bare `node --import tsx` start and a plain
 * JSON.parse of the same lines (the floor any replay pays).
 */
export async function replayStartup(targetEvents: number): Promise<ReplayResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-bench-'));
  try {
    const input = bigHall(100, 20);
    const parsed = hallConfigSchema.parse(input);
    const config = { ...parsed, staff: parsed.staff.map(({ pin: _p, ...s }) => s) };
    const tickets = Math.round(targetEvents / 5.4);
    const events = busyDay(tickets, '2026-11-23', 11, config);
    const cfgFile = join(dir, 'hall.json');
    writeFileSync(cfgFile, JSON.stringify(input));
    const dataDir = join(dir, 'data');
    // First start imports the config (PIN hashing); the measured starts only replay.
    await (await createHub({ dataDir, config: input, clock: manualClock(Date.parse('2026-11-23T18:00:00+08:00')), log: () => {} })).close();
    writeDay(dataDir, '2026-11-23', events);

    const lines = events.map((e) => JSON.stringify(e)).join('\n');
    const p0 = performance.now();
    for (const l of lines.split('\n')) JSON.parse(l);
    const parseOnlyMs = performance.now() - p0;

    const t0 = performance.now();
    const running = await createHub({ dataDir, clock: manualClock(Date.parse('2026-11-23T18:00:00+08:00')), log: () => {} });
    const inProcessMs = performance.now() - t0;
    const ticketCount = running.hub.state.tickets.size;
    await running.close();

    const proc = await spawnBenchHub({ QUEUE_DATA_DIR: dataDir, QUEUE_CLOCK_START: '2026-11-23T18:00:00+08:00' });
    // Memory with the day loaded and a hall's screens attached (20 displays, 300 phones), each synced.
    const sockets = await Promise.all(Array.from({ length: 320 }, () => new Promise<Socket>((r) => {
      const so = io(proc.url, { transports: ['websocket'], forceNew: true });
      so.once('connect', () => void so.emitWithAck('hall:sync', { lastSeq: 0 }).then(() => r(so)));
    })));
    await new Promise((r) => setTimeout(r, 500));
    const rssMb = proc.rssMb();
    for (const so of sockets) so.close();
    await proc.stop();
    return { events: events.length, tickets: ticketCount, inProcessMs, processStartMs: proc.startMs, bareNodeMs: await spawnBare(), parseOnlyMs, rssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
