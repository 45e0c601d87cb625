import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import type { OpenFile } from '../../server/journal.ts';
import { startHub, tempDir } from '../support/hub.ts';
import { runHubToExit } from '../support/runToExit.ts';

const hall = { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 1000 } };

/** A 1 MB tmpfs (this machine lets root mount one, as CI does), or null. */
function smallDisk() {
  const mnt = tempDir('hallhub-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { stdio: 'ignore' });
  } catch {
    rmSync(mnt, { recursive: true, force: true });
    return null;
  }
  return {
    dir: join(mnt, 'data'),
    fill() {
      try {
        for (let i = 0; i < 4096; i++) writeFileSync(join(mnt, 'filler.bin'), Buffer.alloc(4096), { flag: 'a' });
      } catch {
        /* full */
      }
    },
    cleanup() {
      execFileSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    },
  };
}

/** Journal files whose writes fail with ENOSPC while `full` is set. */
function failingFiles() {
  const state = { full: false };
  const openFile: OpenFile = async (path, flags) => {
    const fh = await open(path, flags);
    const write = fh.write.bind(fh) as (...a: unknown[]) => Promise<unknown>;
    (fh as unknown as { write: unknown }).write = (...a: unknown[]) =>
      state.full ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) : write(...a);
    return fh;
  };
  return { openFile, state };
}

describe('starting with the disk full', () => {
  it('a day close pending and no space: the hub starts, serves reads, refuses writes with STORAGE_FAILED, and closes the day once space returns', async () => {
    const dataDir = tempDir();
    let h = await startHub({ dataDir, config: hall, start: '2026-11-23T10:00:00+08:00' });
    const a1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    await h.close({ keepData: true });

    const disk = failingFiles();
    disk.state.full = true;
    // The next morning: yesterday's close is the first thing to write, and it cannot be.
    h = await startHub({ dataDir, start: '2026-11-24T08:00:00+08:00', openJournalFile: disk.openFile });
    try {
      expect((await h.api('GET', '/api/health')).status).toBe(200);
      expect((await h.api('GET', `/api/tickets/${a1.id}`)).body.number).toBe('A001');
      const refused = await h.api('POST', '/api/tickets', { serviceId: 'A' }, undefined, { 'accept-language': 'en' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('STORAGE_FAILED');

      disk.state.full = false;
      const b1 = await h.api('POST', '/api/tickets', { serviceId: 'A' });
      expect(b1.status).toBe(201);
      expect(b1.body).toMatchObject({ number: 'A001', businessDay: '2026-11-24' });
      const closed = h.running.hub.journal.readDay('2026-11-23').at(-1)!;
      expect(closed).toMatchObject({ type: 'DayClosed', data: { abandonedTicketIds: [a1.id] } });
    } finally {
      await h.close();
    }
  });

  it('no room even for the lock: one clear line saying what to do, exit non-zero, no stack trace', async () => {
    const disk = smallDisk();
    // Without a mountable tmpfs (not root) there is no real full disk to start on; CI runs as root.
    expect(disk !== null || process.getuid?.() !== 0).toBe(true);
    if (!disk) return;
    try {
      mkdirSync(disk.dir, { recursive: true });
      const h = await startHub({ dataDir: disk.dir, config: hall, start: '2026-11-23T10:00:00+08:00' });
      await h.api('POST', '/api/tickets', { serviceId: 'A' });
      await h.close({ keepData: true });
      disk.fill();
      const r = await runHubToExit({ QUEUE_DATA_DIR: disk.dir, QUEUE_CLOCK_START: '2026-11-24T08:00:00+08:00' });
      expect(r.code).not.toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^hall hub: the disk holding the data dir .* is full \(ENOSPC\): free some space/);
      expect(r.out).not.toMatch(/\n\s+at /);
    } finally {
      disk.cleanup();
    }
  }, 120_000);
});
