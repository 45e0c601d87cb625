import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

describe('manual scoring records after a torn write', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a record answered after a crash left half a line is still there after the next restart', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    let m = await h.login('M01');
    const first = await h.api('POST', '/api/admin/scoring/entries', { date: '2026-11-23', staffId: 'S01', item: 'praise' }, m);
    expect(first.status).toBe(201);
    await h.close({ keepData: true });
    // Given a power cut in the middle of writing a record (never answered)
    appendFileSync(join(dataDir, 'scoring-records.jsonl'), '{"kind":"score","id":"entry-torn","da');

    // When the hub starts again and a manager enters a record
    h = await startHub({ dataDir, start: '2026-11-23T09:10:00+08:00' });
    m = await h.login('M01');
    const second = await h.api('POST', '/api/admin/scoring/entries', { date: '2026-11-23', staffId: 'S02', item: 'praise' }, m);
    expect(second.status).toBe(201);
    await h.close({ keepData: true });

    // Then after another restart both answered records are there, and every line of the file is whole
    h = await startHub({ dataDir, start: '2026-11-23T09:20:00+08:00' });
    m = await h.login('M01');
    const records = await h.api('GET', '/api/admin/scoring/records', undefined, m);
    expect(records.body.entries.map((e: { id: string }) => e.id).sort()).toEqual([first.body.id, second.body.id].sort());
    for (const line of readFileSync(join(dataDir, 'scoring-records.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
