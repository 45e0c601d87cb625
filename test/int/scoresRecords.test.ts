import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

describe('manual scoring records', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('are on disk when answered, survive a restart, and a void keeps the voided record', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    const m = await h.login('M01');
    const leave = await h.api('POST', '/api/admin/scoring/leave', { staffId: 'S01', from: '2026-11-23', to: '2026-11-24', coverStaffId: 'S02', note: '病假' }, m);
    expect(leave.status).toBe(201);
    expect(leave.body).toMatchObject({ kind: 'leave', enteredBy: 'M01', enteredAt: '2026-11-23T09:00:00.000+08:00' });
    // Answered means durable: the line is in the file already.
    expect(readFileSync(join(dataDir, 'scoring-records.jsonl'), 'utf8')).toContain(leave.body.id);
    const v = await h.api('POST', `/api/admin/scoring/records/${leave.body.id}/void`, { reason: '录错人' }, m);
    expect(v.status).toBe(201);
    expect((await h.api('POST', `/api/admin/scoring/records/${leave.body.id}/void`, { reason: '再次' }, m)).status).toBe(409);
    await h.close({ keepData: true });

    h = await startHub({ dataDir, start: '2026-11-23T09:05:00+08:00' });
    const m2 = await h.login('M01');
    const records = await h.api('GET', '/api/admin/scoring/records', undefined, m2);
    expect(records.body.leave).toEqual([]);
    expect(records.body.voided).toEqual([{ ref: leave.body.id, by: 'M01', at: '2026-11-23T09:00:00.000+08:00', reason: '录错人' }]);
    const lines = readFileSync(join(dataDir, 'scoring-records.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
  });

  it('complaints with personal data are for managers only', async () => {
    h = await startHub({ start: '2026-11-23T09:00:00+08:00' });
    const m = await h.login('M01');
    const c = await h.api('POST', '/api/admin/scoring/complaints', { date: '2026-11-23', staffId: 'S01', surname: '李', phone: '13700001111', content: '推诿', channel: 'written', complexity: 'complex' }, m);
    expect(c.status).toBe(201);
    // Complex complaints are due within 5 working days: Mon 23rd → Mon 30th.
    expect(c.body.dueDate).toBe('2026-11-30');
    expect((await h.api('GET', '/api/admin/scoring/records', undefined, await h.login('S01'))).status).toBe(403);
    expect((await h.api('GET', '/api/admin/scoring/records')).status).toBe(401);
  });
});
