import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, keyOf, killAll, spawnCentral, spawnHall, startPostgres, testNetwork, until, type CentralProcess, type TestPostgres } from './centralHarness.ts';

/** Two centre processes on one PostgreSQL serve one network, live. */
let pgServer: TestPostgres;
let a: CentralProcess;
let b: CentralProcess;
let hub: CentralProcess;
const work = mkdtempSync(join(tmpdir(), 'central-live-'));
const sockets: Socket[] = [];

interface Row { hallId: string; waiting: number; ackedSeq: number; online: boolean }

beforeAll(async () => {
  pgServer = await startPostgres();
  const url = await pgServer.database();
  writeFileSync(join(work, 'network.json'), JSON.stringify(testNetwork));
  // Both at once: migrations and the network import take turns, neither fails.
  const both = await Promise.all([0, 1].map((i) => spawnCentral({ CENTRAL_DATABASE_URL: url, CENTRAL_CONFIG: join(work, 'network.json'), CENTRAL_DATA_DIR: join(work, `c${i}`) })));
  a = both[0]!;
  b = both[1]!;
  hub = await spawnHall({
    QUEUE_DATA_DIR: join(work, 'hall'), QUEUE_CLOCK_START: '2026-11-23T09:00:00+08:00',
    QUEUE_CENTRAL_URL: a.url, QUEUE_HALL_ID: 'H01', QUEUE_HALL_KEY: keyOf('H01'),
  });
}, 180_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  killAll();
  await pgServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function watch(base: string, userId: string, pin: string) {
  const token = (await call(base, 'POST', '/api/central/auth/login', { userId, pin })).body.token as string;
  const s = ioClient(`${base}/central`, { transports: ['websocket'], auth: { token }, forceNew: true });
  sockets.push(s);
  const rows: Row[] = [];
  s.on('central:hall', (r: Row) => rows.push(r));
  const first = await new Promise<Row[]>((resolve, reject) => {
    s.once('central:halls', resolve);
    s.once('connect_error', reject);
  });
  return { rows, first };
}

describe('two centre processes on one database', () => {
  it('when a hall forwards to one process, then a manager connected to the other sees its row change live, and a viewer only their halls', async () => {
    const admin = await watch(b.url, 'A1', '111111');
    const viewer = await watch(b.url, 'V1', '222222');
    expect(admin.first.map((r) => r.hallId)).toEqual(['H01', 'H02', 'H03']);
    expect(viewer.first.map((r) => r.hallId)).toEqual(['H01']);

    const manager = (await call(hub.url, 'POST', '/api/auth/login', { staffId: 'M01', pin: '900001' })).body.token as string;
    const device = await call(hub.url, 'POST', '/api/devices', { kind: 'kiosk', name: '取号机' }, manager);
    const kiosk = device.status === 201 ? ((await call(hub.url, 'POST', '/api/devices/pair', { pairingCode: device.body.pairingCode })).body.deviceToken as string) : undefined;
    for (let i = 0; i < 3; i++) expect((await call(hub.url, 'POST', '/api/tickets', { serviceId: 'A' }, kiosk)).status).toBe(201);
    const seq = (await call(hub.url, 'GET', '/api/health')).body.seq as number;

    await until('the row of H01 at the other process', () => admin.rows.some((r) => r.hallId === 'H01' && r.waiting === 3 && r.ackedSeq === seq && r.online));
    await until('the viewer to see it too', () => viewer.rows.some((r) => r.hallId === 'H01' && r.waiting === 3));

    // Another hall's batch, straight to process A: the admin on B sees it, the viewer of H01 never does.
    const batch = { journalId: 'journal-live-h02', events: [{ seq: 1, type: 'TicketIssued', at: '2026-11-23T09:05:00.000+08:00', data: { ticketId: '20261123-h2', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-23' } }] };
    expect((await call(a.url, 'POST', '/api/central/halls/H02/events', batch, keyOf('H02'))).status).toBe(200);
    await until('H02 at the admin', () => admin.rows.some((r) => r.hallId === 'H02' && r.waiting === 1));
    await new Promise((r) => setTimeout(r, 500));
    expect(viewer.rows.every((r) => r.hallId === 'H01')).toBe(true);

    // Both processes answer the same list.
    const token = (await call(a.url, 'POST', '/api/central/auth/login', { userId: 'A1', pin: '111111' })).body.token as string;
    const fromA = (await call(a.url, 'GET', '/api/central/halls', undefined, token)).body as Row[];
    const fromB = (await call(b.url, 'GET', '/api/central/halls', undefined, token)).body as Row[];
    expect(fromA.map((r) => [r.hallId, r.waiting, r.ackedSeq])).toEqual(fromB.map((r) => [r.hallId, r.waiting, r.ackedSeq]));
  }, 120_000);
});
