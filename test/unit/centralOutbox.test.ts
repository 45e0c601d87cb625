import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { FileJournal } from '../../server/journal.ts';
import { forwardable, JournalReader } from '../../server/outboxJournal.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const issued = (seq: number, day: string): HallEvent => ({
  seq, at: `${day}T09:00:00.000+08:00`, type: 'TicketIssued',
  data: { ticketId: `${day.replaceAll('-', '')}-${seq}`, number: `A${seq}`, serviceId: 'A', priority: false, businessDay: day },
});

/** A journal of three days on disk (4 + 3 events) and an open day with 2 more. */
async function journal() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const jdir = join(dir, 'journal');
  mkdirSync(jdir);
  writeFileSync(join(jdir, '2026-11-20.jsonl'), [1, 2, 3, 4].map((s) => JSON.stringify(issued(s, '2026-11-20'))).join('\n') + '\n');
  writeFileSync(join(jdir, '2026-11-21.jsonl'), [5, 6, 7].map((s) => JSON.stringify(issued(s, '2026-11-21'))).join('\n') + '\n');
  const j = await FileJournal.open(jdir);
  await j.rotate('2026-11-23');
  await j.append([issued(8, '2026-11-23'), { ...issued(9, '2026-11-23'), idem: { key: 'k', status: 200, body: {} } } as unknown as HallEvent]);
  return { j, reader: new JournalReader(j, jdir) };
}

describe('the outbox reads the journal', () => {
  it('given a backlog over closed days, when read in small batches, then every event comes once, in seq order, across days', async () => {
    const { j, reader } = await journal();
    const seen: number[] = [];
    for (let acked = 0; ;) {
      const batch = await reader.after(acked, 3);
      if (!batch.length) break;
      seen.push(...batch.map((e) => e.seq));
      acked = batch.at(-1)!.seq;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await j.close();
  });

  it('given the cursor in the middle of a closed day or at the end, then it resumes right after it, or sends nothing', async () => {
    const { j, reader } = await journal();
    expect((await reader.after(2, 100)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await reader.after(4, 100)).map((e) => e.seq)).toEqual([5, 6, 7]);
    expect((await reader.after(7, 100)).map((e) => e.seq)).toEqual([8, 9]);
    expect(await reader.after(9, 100)).toEqual([]);
    await j.close();
  });

  it('then an event goes without its stored Idempotency-Key answer and without the hash of the ticket key', async () => {
    const { j, reader } = await journal();
    const [, last] = await reader.after(7, 100);
    expect(last).not.toHaveProperty('idem');
    const withKey = { ...issued(1, '2026-11-23'), data: { ...issued(1, '2026-11-23').data, keyHash: 'secret-hash' } } as HallEvent;
    expect(forwardable(withKey).data).not.toHaveProperty('keyHash');
    expect(forwardable(withKey).data).toMatchObject({ ticketId: '20261123-1', serviceId: 'A' });
    await j.close();
  });
});
