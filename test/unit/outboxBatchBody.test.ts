import { describe, expect, it } from 'vitest';
import { batchBody, OUTBOX_BATCH, OUTBOX_MAX_CHARS } from '../../server/outbox.ts';

const head = { journalId: 'journal-1', now: '2026-11-23T09:00:00.000+08:00', businessDay: '2026-11-23' };
const event = (seq: number, reason = '') => ({
  seq, at: '2026-11-23T09:00:00.000+08:00', type: 'TicketTransferred',
  data: { ticketId: `20261123-${seq}`, number: `A${seq}`, serviceId: 'A', toServiceId: 'B', reason },
});
/** The centre's limit on a batch's body (express.json limit '8mb'). */
const CENTRE_BYTES = 8 * 1024 * 1024;

describe('the outbox serialises a batch', () => {
  it('given a full batch of ordinary events, when serialised, then all go in one body that parses back to the same batch', async () => {
    const all = Array.from({ length: OUTBOX_BATCH }, (_, i) => event(i + 1));
    const { body, events } = await batchBody(head, all);
    expect(events).toHaveLength(OUTBOX_BATCH);
    expect(JSON.parse(body)).toEqual({ ...head, events: all });
  });

  it('given events with long Chinese texts, when serialised, then the body is cut under the centre\'s 8 MB and the rest follows in order', async () => {
    const long = '材料不全，请补交身份证原件。'.repeat(700); // 9,800 characters, 3 bytes each in UTF-8
    const all = Array.from({ length: 600 }, (_, i) => event(i + 1, long));
    const sent: number[] = [];
    let rest = all;
    let bodies = 0;
    while (rest.length) {
      const { body, events } = await batchBody(head, rest);
      bodies++;
      expect(body.length).toBeLessThanOrEqual(OUTBOX_MAX_CHARS);
      expect(Buffer.byteLength(body)).toBeLessThan(CENTRE_BYTES);
      expect(JSON.parse(body)).toEqual({ ...head, events });
      sent.push(...events.map((e) => (e as { seq: number }).seq));
      rest = rest.slice(events.length);
    }
    expect(bodies).toBeGreaterThan(1);
    expect(sent).toEqual(all.map((e) => e.seq));
  });

  it('given one event longer than the budget, then it still goes, alone', async () => {
    const huge = event(1, 'x'.repeat(OUTBOX_MAX_CHARS));
    const { body, events } = await batchBody(head, [huge, event(2)]);
    expect(events).toEqual([huge]);
    expect(JSON.parse(body).events).toEqual([huge]);
  });

  it('given no events (a heartbeat), then the body carries the head and an empty list', async () => {
    const { body, events } = await batchBody(head, []);
    expect(events).toEqual([]);
    expect(JSON.parse(body)).toEqual({ ...head, events: [] });
  });
});
