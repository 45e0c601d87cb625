import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import { dayOf } from '../../central/server/fold.ts';
import { copyField, dayEvents, journalOfDay } from '../../central/server/ingestEvents.ts';
import type { HallEvent } from '../../shared/events.ts';
import { call, keyOf, startPostgres, testNetwork, type TestPostgres } from './centralHarness.ts';
import { syntheticDay } from './centralSynthetic.ts';

/**
 * Ingest in bulk: events go in by COPY (text format, so every field is escaped by the centre) and
 * a day's events are read back through journal_days' seq ranges instead of a second index.
 */
let pgServer: TestPostgres;
let central: RunningCentral;
let base: string;
let db: pg.Pool;

const send = (hallId: string, body: unknown) => call(base, 'POST', `/api/central/halls/${hallId}/events`, body, keyOf(hallId));
const stored = async (hallId: string, journalId: string) =>
  (await db.query<{ seq: string; type: string; at: string; data: unknown }>(
    'select seq, type, at, data from events where hall_id = $1 and journal_id = $2 order by seq', [hallId, journalId])).rows
    .map((r) => ({ seq: Number(r.seq), type: r.type, at: r.at, data: r.data }));

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  central = await createCentral({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'central-')), network: testNetwork, log: () => {} });
  base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  db = new pg.Pool({ connectionString: url, max: 2 });
  db.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await central?.close();
  await pgServer?.stop();
});

describe('COPY text fields', () => {
  it('given a backslash, tab, newline or carriage return, when escaped for COPY, then each is written as its escape and nothing else changes', () => {
    expect(copyField('plain 文本 "q"')).toBe('plain 文本 "q"');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });
});

describe('ingest in bulk: given a hall sending its journal', () => {
  it('when events carry tabs, newlines, backslashes, quotes, NUL escapes and Chinese, then each reads back exactly as sent', async () => {
    const j = 'journal-bulk-text';
    const at = '2026-11-23T09:00:00.000+08:00';
    const reason = '材料不全\t请补"身份证"\n下次带 C:\\path\\原件\r\n\u0000末';
    const events = [
      { seq: 1, at, type: 'TicketIssued', data: { ticketId: '20261123-t1', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-23' } },
      { seq: 2, at, type: 'TicketTransferred', data: { ticketId: '20261123-t1', number: 'A001', serviceId: 'A', windowId: 'W1', staffId: 'S01', toServiceId: 'B', reason } },
      // A type the centre does not know is stored as sent too (a newer hub's event).
      { seq: 3, at, type: 'Odd\\Type\twith\nbreaks', data: { note: '\\\\' } },
    ];
    const r = await send('H01', { journalId: j, events });
    expect(r.status).toBe(200);
    expect(r.body.ackedSeq).toBe(3);
    expect(await stored('H01', j)).toEqual(events);
    expect(await dayEvents(db, 'H01', j, '2026-11-23')).toEqual(events);
  });

  it('when batches cross midnight and one is sent twice, then each day reads back its own events in order and journal_days holds its seq range', async () => {
    const j = 'journal-bulk-days';
    const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
    const all = days.flatMap((d, i) => syntheticDay(d, 120, 40 + i, { gapMs: 60_000 })).map((e, k) => ({ ...e, seq: k + 1 }));
    // Batches of 230 fall across each midnight; the second batch is repeated (a lost answer).
    const batches: HallEvent[][] = [];
    for (let k = 0; k < all.length; k += 230) batches.push(all.slice(k, k + 230));
    for (const [i, b] of batches.entries()) {
      expect((await send('H02', { journalId: j, events: b })).status).toBe(200);
      if (i === 1) expect((await send('H02', { journalId: j, events: b })).body).toMatchObject({ stored: 0, ackedSeq: b.at(-1)!.seq });
    }
    for (const d of days) {
      const mine = all.filter((e) => dayOf(e) === d);
      expect((await dayEvents(db, 'H02', j, d)).map((e) => e.seq)).toEqual(mine.map((e) => e.seq));
      const range = (await db.query('select first_seq::int as f, last_seq::int as l from journal_days where hall_id = $1 and journal_id = $2 and day = $3', ['H02', j, d])).rows[0];
      expect(range).toEqual({ f: mine[0]!.seq, l: mine.at(-1)!.seq });
    }
    expect(await dayEvents(db, 'H02', j, '2026-11-26')).toEqual([]);
    expect((await db.query('select count(*)::int as n from events where hall_id = $1 and journal_id = $2', ['H02', j])).rows[0].n).toBe(all.length);
    // The day's tickets were folded from the same events: every ticket of the first day is a row.
    const tickets = (await db.query("select count(*)::int as n from tickets where hall_id = 'H02' and journal_id = $1 and day = '2026-11-23'", [j])).rows[0].n;
    expect(tickets).toBe(120);
  });

  it('when a hall moves to a new journal that also holds a day, then that day is read from the newer journal', async () => {
    const at = '2026-11-20T09:00:00.000+08:00';
    const one = (id: string) => ({ seq: 1, at, type: 'TicketIssued', data: { ticketId: id, number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-20' } });
    expect((await send('H03', { journalId: 'journal-bulk-old', events: [one('20261120-o1')] })).status).toBe(200);
    expect(await journalOfDay(db, 'H03', '2026-11-20')).toBe('journal-bulk-old');
    expect((await send('H03', { journalId: 'journal-bulk-new', events: [one('20261120-n1')] })).status).toBe(200);
    expect(await journalOfDay(db, 'H03', '2026-11-20')).toBe('journal-bulk-new');
    expect(await journalOfDay(db, 'H03', '2026-11-19')).toBeNull();
  });

  it('when one event of a batch is malformed, then 400 names that event and its field, and nothing of the batch is stored', async () => {
    const j = 'journal-bulk-malformed';
    const at = '2026-11-23T09:00:00.000+08:00';
    const good = (seq: number) => ({ seq, at, type: 'TicketIssued', data: { ticketId: `20261123-m${seq}`, number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-23' } });
    const cases: [unknown, string][] = [
      [{ ...good(2), seq: 0 }, 'events.1.seq'],
      [{ ...good(2), seq: 2.5 }, 'events.1.seq'],
      [{ ...good(2), type: '' }, 'events.1.type'],
      [{ ...good(2), type: 'x'.repeat(41) }, 'events.1.type'],
      [{ ...good(2), at: '2026-11-23 09:00:00' }, 'events.1.at'],
      [{ ...good(2), data: ['not', 'an', 'object'] }, 'events.1.data'],
      [{ ...good(2), data: null }, 'events.1.data'],
      ['not an event', 'events.1'],
    ];
    for (const [bad, where] of cases) {
      const r = await call(base, 'POST', '/api/central/halls/H01/events', { journalId: j, events: [good(1), bad, good(3)] }, keyOf('H01'));
      expect(r.status, where).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.message, where).toContain(`${where} `);
    }
    expect(await stored('H01', j)).toEqual([]);
    expect((await send('H01', { journalId: j, events: [good(1), good(2), good(3)] })).body.ackedSeq).toBe(3);
  });

  it('when a day close names no date, then 400 and nothing of the batch is stored', async () => {
    const j = 'journal-bulk-badclose';
    const at = '2026-11-24T00:00:01.000+08:00';
    const r = await send('H01', { journalId: j, events: [{ seq: 1, at, type: 'DayClosed', data: { businessDay: 'yesterday', abandonedTicketIds: [] } }] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(await stored('H01', j)).toEqual([]);
  });
});
