import { describe, expect, it } from 'vitest';
import { dayOf, DayFold, liveRow } from '../../central/server/fold.ts';
import { waitingNowOf, withWaitingNow } from '../../central/server/waitingNow.ts';
import { hallConfigSchema, type HallConfig } from '../../shared/config.ts';
import type { HallEvent, HallEventBody } from '../../shared/events.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { specHallInput } from '../support/spec.ts';

const config = hallConfigSchema.parse(specHallInput) as unknown as HallConfig;
const meta = { config, schedule: DEFAULT_SCHEDULE };
let seq = 0;
const ev = (at: string, body: HallEventBody): HallEvent => ({ ...body, seq: ++seq, at }) as HallEvent;
const issue = (at: string, id: string, serviceId = 'A') => ev(at, { type: 'TicketIssued', data: { ticketId: id, number: id, serviceId, priority: false, businessDay: at.slice(0, 10) } });
const signIn = (at: string, windowId: string, staffId: string, post: 'A' | 'B' = 'A') =>
  ev(at, { type: 'StaffSignedIn', data: { windowId, staffId, windowNumber: 1, staffName: staffId, post, takeoverFrom: null } });
const call = (at: string, id: string, windowId = 'W1', staffId = 'S01') =>
  ev(at, { type: 'TicketCalled', data: { ticketId: id, number: id, serviceId: 'A', windowId, staffId, windowNumber: 1, post: 'A' } });

function fold(events: HallEvent[]) {
  const f = new DayFold('journal-1', '2026-11-23', {});
  for (const e of events) f.add(e);
  return f;
}

describe('the centre folds a hall day', () => {
  it('given a day close journaled after midnight, then it belongs to the day it closes', () => {
    expect(dayOf({ type: 'DayClosed', at: '2026-11-24T00:00:01.000+08:00', data: { businessDay: '2026-11-23' } })).toBe('2026-11-23');
    expect(dayOf({ type: 'TicketIssued', at: '2026-11-23T23:59:59.999+08:00', data: {} })).toBe('2026-11-23');
  });

  it('given tickets waiting and windows open, paused and closed in working hours, then the live row counts them and names the windows nobody serves at', () => {
    seq = 0;
    const f = fold([
      signIn('2026-11-23T08:00:00.000+08:00', 'W1', 'S01'),
      signIn('2026-11-23T08:01:00.000+08:00', 'W2', 'S03'),
      ev('2026-11-23T09:00:00.000+08:00', { type: 'WindowPaused', data: { windowId: 'W2', staffId: 'S03', reason: 'break', note: '', expectedBackAt: null } }),
      issue('2026-11-23T09:01:00.000+08:00', 't1'),
      issue('2026-11-23T09:02:00.000+08:00', 't2'),
      issue('2026-11-23T09:03:00.000+08:00', 't3'),
      call('2026-11-23T09:04:00.000+08:00', 't1'),
    ]);
    const row = liveRow(f, meta, { businessDay: '2026-11-23', now: '2026-11-23T09:05:00.000+08:00', journalId: 'journal-1' });
    expect(row).toMatchObject({ waiting: 2, windowsOpen: 1, windowsPaused: 1, uncoveredNow: ['W2', 'W3', 'W4'], oldestWaitingSince: '2026-11-23T09:02:00.000+08:00' });
  });

  it('given the lunch break, then no window counts as uncovered; given a later business day, then the row starts empty', () => {
    seq = 0;
    const f = fold([signIn('2026-11-23T08:00:00.000+08:00', 'W1', 'S01'), issue('2026-11-23T09:01:00.000+08:00', 't1')]);
    expect(liveRow(f, meta, { businessDay: '2026-11-23', now: '2026-11-23T13:00:00.000+08:00', journalId: 'j' }).uncoveredNow).toEqual([]);
    const next = liveRow(f, meta, { businessDay: '2026-11-24', now: '2026-11-24T09:00:00.000+08:00', journalId: 'j' });
    expect(next).toMatchObject({ waiting: 0, windowsOpen: 0, uncoveredNow: ['W1', 'W2', 'W3', 'W4'] });
  });

  it('given a day that ends without its close, then whoever was still in the hall is abandoned and written again', () => {
    seq = 0;
    const f = fold([signIn('2026-11-23T08:00:00.000+08:00', 'W1', 'S01'), issue('2026-11-23T09:01:00.000+08:00', 't1'), issue('2026-11-23T09:02:00.000+08:00', 't2'), call('2026-11-23T09:03:00.000+08:00', 't1')]);
    expect(f.take().tickets.map((t) => t.id).sort()).toEqual(['t1', 't2']);
    f.close();
    const { tickets, sessions } = f.take();
    expect(tickets.map((t) => [t.id, t.status]).sort()).toEqual([['t1', 'abandoned'], ['t2', 'abandoned']]);
    // The sign-in's session ends with the day.
    expect(sessions).toEqual([expect.objectContaining({ windowId: 'W1', staffId: 'S01', toMs: Date.parse('2026-11-23T09:03:00.000+08:00') })]);
  });

  it('given a sign-in taken over by another staffer, then the first session ends when the second begins', () => {
    seq = 0;
    const f = fold([signIn('2026-11-23T08:00:00.000+08:00', 'W1', 'S01'), signIn('2026-11-23T10:00:00.000+08:00', 'W1', 'S02', 'B')]);
    const s = [...f.sessions.values()];
    expect(s.map((x) => [x.staffId, x.post, x.toMs])).toEqual([['S01', 'A', Date.parse('2026-11-23T10:00:00.000+08:00')], ['S02', 'B', null]]);
  });

  it('given a flood voided in one event, then every voided ticket is written again as voided and none is left waiting', () => {
    seq = 0;
    const f = fold([issue('2026-11-23T09:01:00.000+08:00', 't1'), issue('2026-11-23T09:01:01.000+08:00', 't2'), issue('2026-11-23T09:01:02.000+08:00', 't3')]);
    f.take();
    f.add(ev('2026-11-23T09:05:00.000+08:00', { type: 'TicketsVoided', data: { ticketIds: ['t2', 't3'], numbers: ['t2', 't3'], reason: '连按占号', by: 'M01' } }));
    expect(f.take().tickets.map((t) => [t.id, t.status])).toEqual([['t2', 'voided'], ['t3', 'voided']]);
    f.close();
    // The close abandons only who was really waiting.
    expect(f.take().tickets.map((t) => [t.id, t.status])).toEqual([['t1', 'abandoned']]);
  });
});

describe('a ticket of the closed day put back in the queue after midnight', () => {
  const requeue = (at: string, id: string) => ev(at, { type: 'TicketRequeued', data: { ticketId: id, number: 'E001', serviceId: 'E', windowId: 'W3', staffId: 'S03' } } as HallEventBody);
  const hall = { businessDay: '2026-11-24', now: '2026-11-24T00:10:00.000+08:00', journalId: 'journal-1' };

  it('given its staffer signs out after the close, then the new day\'s live row counts it, from its issue time once read, and the day is not open', () => {
    seq = 0;
    const f = new DayFold('journal-1', '2026-11-24', {});
    f.add(requeue('2026-11-24T00:03:00.000+08:00', '20261123-aaaa'));
    expect(liveRow(f, null, hall)).toMatchObject({ waiting: 1, oldestWaitingSince: null, dayOpen: false });
    f.carried.set('20261123-aaaa', Date.parse('2026-11-23T09:00:00.000+08:00'));
    expect(liveRow(f, null, hall)).toMatchObject({ waiting: 1, oldestWaitingSince: '2026-11-23T09:00:00.000+08:00', dayOpen: false });
  });

  it('given the new day\'s first ticket, then it is let go, as the hub lets the closed day\'s tickets go, and the day is open', () => {
    seq = 0;
    const f = new DayFold('journal-1', '2026-11-24', {});
    f.add(requeue('2026-11-24T00:03:00.000+08:00', '20261123-aaaa'));
    f.add(issue('2026-11-24T08:30:00.000+08:00', '20261124-bbbb'));
    expect(liveRow(f, null, hall)).toMatchObject({ waiting: 1, oldestWaitingSince: '2026-11-24T08:30:00.000+08:00', dayOpen: true });
  });

  it('given it is called again, then it no longer waits; a ticket of the same day put back waits as its own row says', () => {
    seq = 0;
    const f = new DayFold('journal-1', '2026-11-24', {});
    f.add(requeue('2026-11-24T00:03:00.000+08:00', '20261123-aaaa'));
    f.add(call('2026-11-24T00:04:00.000+08:00', '20261123-aaaa'));
    expect(f.carried.size).toBe(0);
    f.add(issue('2026-11-24T08:30:00.000+08:00', '20261124-bbbb'));
    f.add(call('2026-11-24T08:31:00.000+08:00', '20261124-bbbb'));
    f.add(requeue('2026-11-24T08:32:00.000+08:00', '20261124-bbbb'));
    expect(f.carried.size).toBe(0);
    expect(liveRow(f, null, hall)).toMatchObject({ waiting: 1, dayOpen: true });
  });
});

describe('the live queue in the centre\'s wait rows', () => {
  const row = { businessDay: '2026-11-24', hallNow: '2026-11-24T10:00:59.999+08:00', waiting: 2, oldestWaitingSince: '2026-11-24T09:15:00.000+08:00', dayOpen: true };

  it('given a period holding the hall\'s business day, then who waits and the whole minutes of the longest wait at the hall\'s clock', () => {
    expect(waitingNowOf(row, '2026-11-01', '2026-11-24')).toEqual({ waitingNow: 2, longestWaitingMin: 45 });
    expect(waitingNowOf({ ...row, waiting: 0, oldestWaitingSince: null }, '2026-11-24', '2026-11-24')).toEqual({ waitingNow: 0, longestWaitingMin: null });
  });

  it('given the hall between a close and its next day\'s first ticket, then no live figures, as at the hub', () => {
    expect(waitingNowOf({ ...row, dayOpen: false }, '2026-11-24', '2026-11-24')).toBeNull();
  });

  it('given a period without the hall\'s business day, then no live figures, and the total only over the halls that have them', () => {
    expect(waitingNowOf(row, '2026-11-01', '2026-11-23')).toBeNull();
    const halls = [{ hallId: 'H01', ...row }, { hallId: 'H02', ...row, waiting: 1, oldestWaitingSince: '2026-11-24T09:50:00.000+08:00' }, { hallId: 'H03', ...row, businessDay: '2026-11-25' }];
    const out = withWaitingNow({ halls: halls.map((h) => ({ hallId: h.hallId })), total: { issued: 9 } }, halls, '2026-11-24', '2026-11-24');
    expect(out.halls).toEqual([
      { hallId: 'H01', waitingNow: 2, longestWaitingMin: 45 },
      { hallId: 'H02', waitingNow: 1, longestWaitingMin: 10 },
      { hallId: 'H03' },
    ]);
    expect(out.total).toEqual({ issued: 9, waitingNow: 3, longestWaitingMin: 45 });
  });
});
