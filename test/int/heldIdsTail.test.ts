import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldIdsOf } from '../../server/reports/heldOverDays.ts';

/**
 * A closed day's held tickets are read from its journal's tail once and then remembered by the
 * file's size and time (every wait report asks for each of its days); a file that changed is read
 * again, and only a real DayClosed line counts.
 */
describe('tickets held at a close, read from the journal tail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'held-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const line = (seq: number, type: string, data: object) => `${JSON.stringify({ seq, type, at: '2026-11-23T23:59:00.000+08:00', data })}\n`;

  it('finds the last close, ignores the words in other lines, and follows a file that changed', () => {
    const file = join(dir, '2026-11-23.jsonl');
    writeFileSync(file, line(1, 'TicketIssued', { ticketId: 't1', note: '"DayClosed"' }) + line(2, 'DayClosed', { businessDay: '2026-11-23', abandonedTicketIds: [], heldTicketIds: ['t1'] }));
    expect([...heldIdsOf(file)]).toEqual(['t1']);
    expect([...heldIdsOf(file)]).toEqual(['t1']);
    appendFileSync(file, line(3, 'DayClosed', { businessDay: '2026-11-23', abandonedTicketIds: [], heldTicketIds: ['t1', 't2'] }));
    expect([...heldIdsOf(file)]).toEqual(['t1', 't2']);
    appendFileSync(file, line(4, 'AppointmentsMissed', { text: 'DayClosed' }));
    expect([...heldIdsOf(file)]).toEqual(['t1', 't2']);
  });

  it('holds nothing for a day without a close or without a file', () => {
    const file = join(dir, '2026-11-24.jsonl');
    writeFileSync(file, line(1, 'TicketIssued', { ticketId: 't9' }));
    expect(heldIdsOf(file).size).toBe(0);
    expect(heldIdsOf(join(dir, 'none.jsonl')).size).toBe(0);
  });
});
