import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentral, type RunningCentral } from '../../central/server/app.ts';
import type { HallEvent } from '../../shared/events.ts';
import { call, keyOf, startPostgres, testNetwork, type TestPostgres } from './centralHarness.ts';
import { syntheticDay } from './centralSynthetic.ts';

let pgServer: TestPostgres;
let central: RunningCentral;
let base: string;
let db: pg.Pool;
let token: string;

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  central = await createCentral({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'central-')), network: testNetwork, log: () => {} });
  base = `http://127.0.0.1:${await central.listen(0, '127.0.0.1')}`;
  db = new pg.Pool({ connectionString: url, max: 2 });
  token = (await call(base, 'POST', '/api/central/auth/login', { userId: 'A1', pin: '111111' })).body.token as string;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await central?.close();
  await pgServer?.stop();
});

const numbered = (events: HallEvent[], from: number) => events.map((e, i) => ({ ...e, seq: from + i }));
const send = async (hallId: string, events: HallEvent[]) => {
  const r = await call(base, 'POST', `/api/central/halls/${hallId}/events`, { journalId: `cache-${hallId}`, events }, keyOf(hallId));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};
const issuedIn = async (query: string) => {
  const r = await call(base, 'GET', `/api/central/reports/waits?from=2026-10-01&to=2026-10-31${query}`, undefined, token);
  expect(r.status).toBe(200);
  return { total: r.body.total.issued as number, halls: Object.fromEntries(r.body.halls.map((h: { hallId: string; issued: number }) => [h.hallId, h.issued])) };
};

describe('cross-hall wait report cache: given a report asked once', () => {
  it('then the same question over unchanged halls answers from the cache, and a batch ingested into a shown hall makes it again', async () => {
    const first = numbered(syntheticDay('2026-10-05', 40, 21), 1);
    await send('H01', first);
    await send('H02', numbered(syntheticDay('2026-10-05', 30, 22), 1));
    const before = await issuedIn('');
    expect(before.halls).toMatchObject({ H01: 40, H02: 30 });
    expect(before.total).toBe(70);

    // A row removed behind the centre's back (no batch, no acked seq moved): the cached report still stands.
    await db.query(`delete from tickets where ctid = (select ctid from tickets where hall_id = 'H01' limit 1)`);
    expect(await issuedIn('')).toEqual(before);
    expect((await issuedIn('&hallId=H01')).total).toBe(39); // another question is made afresh

    // A batch into H02 changes the all-halls question but not the question about H01 alone.
    await send('H02', numbered(syntheticDay('2026-10-06', 10, 23), syntheticDay('2026-10-05', 30, 22).length + 1));
    const after = await issuedIn('');
    expect(after.halls).toMatchObject({ H01: 39, H02: 40 });
    expect(after.total).toBe(79);
    await db.query(`delete from tickets where ctid = (select ctid from tickets where hall_id = 'H01' limit 1)`);
    expect((await issuedIn('&hallId=H01')).total).toBe(39);

    // A batch into H01 itself: made again, with what PostgreSQL holds now.
    await send('H01', numbered(syntheticDay('2026-10-06', 5, 24), first.length + 1));
    expect((await issuedIn('&hallId=H01')).total).toBe(38 + 5);
  });
});
