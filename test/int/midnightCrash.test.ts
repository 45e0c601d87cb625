import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

const at = (iso: string) => Date.parse(iso);
const hall = async () => (await import('../../server/demoHall.ts')).demoHall;

/**
 * A day closed at midnight never reopens: whatever the newest day file holds after a crash (nothing
 * yet, a torn first line, or nothing at all) and however far behind the clock starts, no ticket is
 * numbered in the closed day again.
 */
describe('a crash at midnight', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Day 23 with A001–A002, closed at 00:00:05 on the 24th; returns the data dir. */
  async function closedDay(): Promise<string> {
    const dataDir = tempDir();
    const config = { ...(await hall()), hall: { ...(await hall()).hall, publicTicketsPerHour: 1000 } };
    h = await startHub({ dataDir, config, start: '2026-11-23T10:00:00+08:00' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    h.clock.set(at('2026-11-24T00:00:05+08:00'));
    await h.running.hub.tick();
    expect(h.running.hub.journal.readDay('2026-11-23').at(-1)!.type).toBe('DayClosed');
    await h.close({ keepData: true });
    h = undefined;
    return dataDir;
  }

  const journal = (dataDir: string, day: string) => join(dataDir, 'journal', `${day}.jsonl`);

  async function restartBehindAndIssue(dataDir: string) {
    // The PC's clock came back after a power cut set to the morning of the closed day.
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    const r = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(r.status).toBe(201);
    expect(r.body.businessDay > '2026-11-23').toBe(true);
    expect(r.body.number).toBe('A001');
    // Nothing was written into the closed day after its close.
    expect(h.running.hub.journal.readDay('2026-11-23').at(-1)!.type).toBe('DayClosed');
    const seqs = [...readFileSync(journal(dataDir, '2026-11-23'), 'utf8').trim().split('\n'), ...readFileSync(journal(dataDir, r.body.businessDay), 'utf8').trim().split('\n')].map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    return r.body;
  }

  it('killed after creating the new day\'s file, before its first line', async () => {
    const dataDir = await closedDay();
    writeFileSync(journal(dataDir, '2026-11-24'), '');
    await restartBehindAndIssue(dataDir);
  });

  it('killed while writing the new day\'s first line (a torn line)', async () => {
    const dataDir = await closedDay();
    writeFileSync(journal(dataDir, '2026-11-24'), '{"seq":4,"type":"TicketIss');
    await restartBehindAndIssue(dataDir);
  });

  it('the closed day\'s file moved away: the floor file still holds the day and the numbering', async () => {
    const dataDir = await closedDay();
    renameSync(journal(dataDir, '2026-11-23'), join(dataDir, 'moved-away.jsonl'));
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    const r = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(r.status).toBe(201);
    expect(r.body.businessDay).toBe('2026-11-24');
    // The seq goes on after the closed day's last one (3), never from 1 again.
    expect(h.running.hub.journal.lastSeq).toBe(4);
    rmSync(join(dataDir, 'moved-away.jsonl'));
  });

  it('a restart with the clock behind on an intact journal goes on from the close', async () => {
    const dataDir = await closedDay();
    await restartBehindAndIssue(dataDir);
  });
});
