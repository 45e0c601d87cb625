import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

const at = (iso: string) => Date.parse(iso);

describe('business days', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('closes the day at the hall\'s midnight: waiting tickets abandoned, staff signed out, numbers restart', async () => {
    h = await startHub({ start: '2026-11-23T16:00:00+08:00' });
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    const a1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    const a2 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    await h.api('POST', '/api/windows/W1/call-next', undefined, token);
    await h.api('POST', '/api/windows/W1/finish', {}, token);

    // 16:30 UTC is 00:30 in Shanghai: the next business day.
    h.clock.set(at('2026-11-24T00:30:00+08:00'));
    await h.running.hub.tick();
    expect(h.running.hub.journal.day).toBe('2026-11-24');
    const closed = h.running.hub.journal.readDay('2026-11-23').at(-1)!;
    expect(closed.type).toBe('DayClosed');
    expect(closed.data).toMatchObject({ businessDay: '2026-11-23', abandonedTicketIds: [a2.id] });

    expect((await h.api('GET', `/api/tickets/${a2.id}`)).body.status).toBe('abandoned');
    expect((await h.api('GET', '/api/windows')).body.every((w: { state: string }) => w.state === 'closed')).toBe(true);
    const b1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    expect(b1.number).toBe('A001');
    expect(b1.businessDay).toBe('2026-11-24');
    // Yesterday's tickets stay readable from their day's journal.
    const old = (await h.api('GET', `/api/tickets/${a1.id}`)).body;
    expect(old).toMatchObject({ number: 'A001', status: 'done', businessDay: '2026-11-23' });
    expect((await h.api('GET', '/api/health')).body.businessDay).toBe('2026-11-24');
  });

  it('a ticket in service at the close stays with its staffer, who finishes it after midnight; its day reports it served', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T23:40:00+08:00' });
    const s01 = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s01);
    const a1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    const a2 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    await h.api('POST', '/api/windows/W1/call-next', undefined, s01);
    h.clock.set(at('2026-11-23T23:59:00+08:00'));
    expect((await h.api('POST', '/api/windows/W1/start', undefined, s01)).status).toBe(200);

    h.clock.set(at('2026-11-24T00:01:00+08:00'));
    await h.running.hub.tick();
    const closed = h.running.hub.journal.readDay('2026-11-23').findLast((e) => e.type === 'DayClosed')!;
    expect(closed.data).toEqual({ businessDay: '2026-11-23', abandonedTicketIds: [a2.id], heldTicketIds: [a1.id] });
    expect((await h.api('GET', `/api/tickets/${a1.id}`)).body.status).toBe('serving');
    expect((await h.api('GET', `/api/tickets/${a2.id}`)).body.status).toBe('abandoned');

    // A restart in between brings the ticket and the staffer's window back from the closed day's file.
    await h.close({ keepData: true });
    h = await startHub({ dataDir, start: '2026-11-24T00:05:00+08:00' });
    const n1 = (await h.api('POST', '/api/tickets', { serviceId: 'A' })).body;
    expect(n1.number).toBe('A001');
    // The closed day's report asked while its ticket is still in hand: not served yet.
    const m01 = await h.login('M01');
    const before = (await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, m01)).body;
    expect(before.total).toMatchObject({ issued: 2, served: 0 });
    h.clock.set(at('2026-11-24T00:10:00+08:00'));
    const fin = await h.api('POST', '/api/windows/W1/finish', { outcome: 'one-time-notice' }, s01);
    expect(fin.status).toBe(200);
    const done = (await h.api('GET', `/api/tickets/${a1.id}`)).body;
    expect(done).toMatchObject({ status: 'done', outcome: 'one-time-notice', businessDay: '2026-11-23', startedAt: '2026-11-23T23:59:00.000+08:00', finishedAt: '2026-11-24T00:10:00.000+08:00' });
    // The finished ticket leaves the open day's state with its next new ticket, and is still read from its own day.
    await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect((await h.api('GET', `/api/tickets/${a1.id}`)).body).toMatchObject({ status: 'done', outcome: 'one-time-notice' });

    const day = (await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-23', undefined, m01)).body;
    expect(day.total).toMatchObject({ issued: 2, served: 1, abandoned: 1 });
    const next = (await h.api('GET', '/api/reports/waits?from=2026-11-24&to=2026-11-24', undefined, m01)).body;
    expect(next.total).toMatchObject({ issued: 2, served: 0, abandoned: 0 });
    const both = (await h.api('GET', '/api/reports/waits?from=2026-11-23&to=2026-11-24', undefined, m01)).body;
    expect(both.total).toMatchObject({ issued: 4, served: 1, abandoned: 1 });
  });

  it('a hub that was down over midnight closes the old day when it starts', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T10:00:00+08:00' });
    await h.api('POST', '/api/tickets', { serviceId: 'C' });
    await h.close({ keepData: true });
    h = await startHub({ dataDir, start: '2026-11-25T08:00:00+08:00' });
    expect(h.running.hub.journal.readDay('2026-11-23').at(-1)!.type).toBe('DayClosed');
    expect((await h.api('POST', '/api/tickets', { serviceId: 'C' })).body.number).toBe('C001');
  });

  it('never lets its clock run behind the last recorded event', async () => {
    const dataDir = tempDir();
    h = await startHub({ dataDir, start: '2026-11-23T10:00:00+08:00' });
    await h.api('POST', '/api/tickets', { serviceId: 'C' });
    await h.close({ keepData: true });
    h = await startHub({ dataDir, start: '2026-11-23T09:00:00+08:00' });
    const t = (await h.api('POST', '/api/tickets', { serviceId: 'C' })).body;
    expect(t.number).toBe('C002');
    expect(t.issuedAt).toBe('2026-11-23T10:00:00.000+08:00');
  });
});

describe('the journal on disk', () => {
  it('cuts a torn last line at start and keeps everything before it', async () => {
    const dataDir = tempDir();
    let h2 = await startHub({ dataDir });
    for (let i = 0; i < 3; i++) await h2.api('POST', '/api/tickets', { serviceId: 'A' });
    await h2.close({ keepData: true });
    const file = join(dataDir, 'journal', '2026-11-23.jsonl');
    appendFileSync(file, '{"seq":4,"type":"TicketIss');
    h2 = await startHub({ dataDir });
    expect(h2.running.hub.journal.lastSeq).toBe(3);
    expect((await h2.api('POST', '/api/tickets', { serviceId: 'A' })).body.number).toBe('A004');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
    await h2.close();
  });

  it('refuses to start on a damaged line in the middle, naming the file and line', async () => {
    const dataDir = tempDir();
    const h2 = await startHub({ dataDir });
    for (let i = 0; i < 3; i++) await h2.api('POST', '/api/tickets', { serviceId: 'A' });
    await h2.close({ keepData: true });
    const file = join(dataDir, 'journal', '2026-11-23.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 20) + '#garbage#';
    writeFileSync(file, lines.join('\n'));
    await expect(createHub({ dataDir, clock: manualClock(at('2026-11-23T09:00:00+08:00')), log: () => {} })).rejects.toThrow(/2026-11-23\.jsonl:2: damaged journal line/);
  });

  it('lets only one hub own a data dir', async () => {
    const dataDir = tempDir();
    const h2 = await startHub({ dataDir });
    await expect(createHub({ dataDir: dataDir, clock: manualClock(0), log: () => {} })).rejects.toThrow(/in use by another hub/);
    await h2.close();
  });
});
