import { describe, expect, it } from 'vitest';
import { dayFacts } from '../../shared/reports/dayFacts.ts';
import { toColumns } from '../../shared/reports/dayColumns.ts';
import { nearestRank } from '../../shared/reports/stats.ts';
import { ticketTimes } from '../../shared/reports/ticketTimes.ts';
import { waitsReport, type ReportOptions } from '../../shared/reports/waitsReport.ts';
import { decodeDay, encodeDay } from '../../server/reports/compactFile.ts';
import { Day, reportHall } from './reportsDay.ts';

const config = reportHall();
const serves = { W1: ['A', 'B'], W2: ['B'] };
const report = (days: Day[], opts: ReportOptions = {}) =>
  waitsReport(days[0]!.day, days.at(-1)!.day, days.map((d) => toColumns(d.day, ticketTimes(d.events), dayFacts(d.events, serves))), config, opts);

/**
 * One day in which every kind of ticket happens once. Waits and services in seconds:
 *   t1 A001  issued 08:00, called 08:05 (recalled 08:06), started 08:07, finished 08:15 → wait 300, service 480
 *   t2 A002  issued 08:01, called 08:15 at W1, started 08:16, transferred to B 08:20;
 *            called again 08:30 at W2, started 08:31, finished 08:41:30      → wait 840 (first call), service 630, served in B
 *   t3 B001  issued 08:02, called 08:10 at W2, no-show 08:12
 *   t6 A004  issued 09:00, called 09:00:30, started 09:01, finished 11:30   → wait 30, service 8,940 (forgot to finish: flagged)
 *   t4 A003  priority, issued 11:50 before lunch, called 14:40 after it, started 14:41, finished 14:50 → wait 10,200, service 540
 *   t5 B002  issued 17:00, still waiting at the day's close → abandoned
 */
function fullDay(): Day {
  return new Day()
    .signIn('07:55', 'W1').signIn('07:56', 'W2')
    .issue('08:00', 't1', 'A001', 'A').issue('08:01', 't2', 'A002', 'A').issue('08:02', 't3', 'B001', 'B')
    .call('08:05', 't1', 'W1').recall('08:06', 't1', 'W1').start('08:07', 't1', 'W1')
    .call('08:10', 't3', 'W2').noShow('08:12', 't3', 'W2')
    .finish('08:15', 't1', 'W1').rate('08:16', 't1', 'W1', 5)
    .call('08:15', 't2', 'W1').start('08:16', 't2', 'W1').transfer('08:20', 't2', 'W1', 'B')
    .call('08:30', 't2', 'W2').start('08:31', 't2', 'W2').finish('08:41:30', 't2', 'W2')
    .issue('09:00', 't6', 'A004', 'A').call('09:00:30', 't6', 'W1').start('09:01', 't6', 'W1').finish('11:30', 't6', 'W1')
    .issue('11:50', 't4', 'A003', 'A', true)
    .call('14:40', 't4', 'W1').start('14:41', 't4', 'W1').finish('14:50', 't4', 'W1')
    .issue('17:00', 't5', 'B002', 'B')
    .close('23:59', ['t5']);
}

describe('per-ticket times', () => {
  it('keep the first call through recalls, a requeue and a transfer, and the last start before the finish', () => {
    const d = new Day()
      .issue('08:00', 't1', 'A001', 'A').call('08:05', 't1', 'W1').recall('08:07', 't1', 'W1')
      .requeue('08:08', 't1', 'W1').call('08:09', 't1', 'W1').start('08:10', 't1', 'W1')
      .transfer('08:12', 't1', 'W1', 'B').call('08:20', 't1', 'W2').start('08:21', 't1', 'W2').finish('08:30', 't1', 'W2');
    const [t] = ticketTimes(d.events);
    expect(t).toMatchObject({
      calledMs: d.ms('08:05'), startedMs: d.ms('08:21'), finishedMs: d.ms('08:30'), status: 'done', recalls: 1,
      issuedServiceId: 'A', serviceId: 'B', transferredFrom: ['A'], windowId: 'W2', staffId: 'S02', issuedHour: 8,
    });
  });

  it('mark a ticket still in the hall abandoned when a past day has no close in its journal', () => {
    const d = new Day().issue('16:00', 't1', 'A001', 'A').issue('16:01', 't2', 'A002', 'A').call('16:05', 't1', 'W1');
    expect(ticketTimes(d.events).map((t) => t.status)).toEqual(['called', 'waiting']);
    expect(ticketTimes(d.events, { closed: true }).map((t) => t.status)).toEqual(['abandoned', 'abandoned']);
  });
});

describe('the wait report of one day', () => {
  it('counts issued under the issuing service, transferred out of A, served, no-show and abandoned where they ended', () => {
    const r = report([fullDay()]);
    const [a, b] = r.services;
    // A: t1, t2, t4, t6 issued; t2 left A by transfer; t1, t4, t6 served in A.
    expect(a).toMatchObject({ serviceId: 'A', issued: 4, transferred: 1, served: 3, noShow: 0, abandoned: 0 });
    // B: t3, t5 issued; t2 served here; t3 no-show; t5 abandoned.
    expect(b).toMatchObject({ serviceId: 'B', issued: 2, transferred: 0, served: 1, noShow: 1, abandoned: 1 });
    expect(r.total).toMatchObject({ issued: 6, transferred: 1, served: 4, noShow: 1, abandoned: 1 });
  });

  it('gives exact waits: a wait across lunch is its full length, a priority ticket counts like any other', () => {
    const r = report([fullDay()]);
    const [a, b] = r.services;
    // A waits sorted: 30, 300, 10200. Mean 10530/3 = 3510. P50 = rank ⌈1.5⌉ = 2 → 300; P90 = rank ⌈2.7⌉ = 3 → 10200.
    expect(a).toMatchObject({ waitAvgSec: 3510, waitP50Sec: 300, waitP90Sec: 10200, waitMaxSec: 10200 });
    // A services: 480, 540, 8940 → mean 3320, P90 rank 3 → 8940. Within 15 min: 300 and 30 → 2 of 3.
    expect(a).toMatchObject({ serviceAvgSec: 3320, serviceP90Sec: 8940, withinTargetPct: 66.67 });
    // B: t2 alone, wait 840 from its first call in A, within B's 20 min; service 630 from the last start.
    expect(b).toMatchObject({ waitAvgSec: 840, waitP50Sec: 840, waitP90Sec: 840, waitMaxSec: 840, serviceAvgSec: 630, withinTargetPct: 100 });
    // Total waits 30, 300, 840, 10200: mean 2842.5, P50 rank 2 → 300, P90 rank ⌈3.6⌉ = 4 → 10200.
    // Services 480, 540, 630, 8940: mean 2647.5. Within each one's own target: 30, 300, 840 → 75 %.
    expect(r.total).toMatchObject({ waitAvgSec: 2842.5, waitP50Sec: 300, waitP90Sec: 10200, waitMaxSec: 10200, serviceAvgSec: 2647.5, withinTargetPct: 75 });
  });

  it('flags the service nobody finished before lunch, and leaves it out on request', () => {
    const all = report([fullDay()]);
    expect(all.flaggedCount).toBe(1);
    expect(all.flagged[0]).toMatchObject({ id: 't6', number: 'A004', serviceSec: 8940, reasons: ['service-over-target', 'service-over-max'] });
    const r = report([fullDay()], { excludeFlagged: true });
    // A without t6: waits 300, 10200 → mean 5250, P50 rank 1 → 300, P90 rank 2 → 10200; services 480, 540 → 510.
    expect(r.services[0]).toMatchObject({ served: 2, waitAvgSec: 5250, waitP50Sec: 300, waitP90Sec: 10200, serviceAvgSec: 510, withinTargetPct: 50, flagged: 1 });
    expect(r.excludedFlagged).toBe(true);
  });

  it('splits by window, staffer and hour of issue', () => {
    const r = report([fullDay()]);
    // W1 served t1, t6, t4 (t2 left W1 by transfer); W2 served t2 and had t3's no-show.
    expect(r.windows.map((w) => [w.windowId, w.served, w.noShow])).toEqual([['W1', 3, 0], ['W2', 1, 1]]);
    expect(r.staff.map((s) => [s.staffId, s.served])).toEqual([['S01', 3], ['S02', 1]]);
    // Issued at 8: t1, t2, t3 (t3 no-show); 9: t6; 11: t4; 17: t5 (abandoned).
    expect(r.hours.map((h) => [h.hour, h.issued, h.served, h.noShow, h.abandoned])).toEqual([[8, 3, 2, 1, 0], [9, 1, 1, 0, 0], [11, 1, 1, 0, 0], [17, 1, 0, 0, 1]]);
    // 2026-11-23 is a Monday (1): six arrivals in that row.
    expect(r.heatmap.arrivals[1]![8]).toBe(3);
    expect(r.heatmap.days).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('gives null for every figure over an empty set and zero counts', () => {
    const r = report([new Day().signIn('08:00', 'W1')]);
    for (const row of [...r.services, r.total]) {
      expect(row).toMatchObject({ issued: 0, served: 0, noShow: 0, abandoned: 0, transferred: 0 });
      expect([row.waitAvgSec, row.waitP50Sec, row.waitP90Sec, row.waitMaxSec, row.serviceAvgSec, row.serviceP90Sec, row.withinTargetPct]).toEqual([null, null, null, null, null, null, null]);
    }
  });

  it('merges days exactly: percentiles over all tickets of the period, not an average of days', () => {
    // Day 1: A waits 60, 120, 180. Day 2: A wait 3600. Together sorted: 60, 120, 180, 3600 → P50 rank 2 → 120, P90 rank 4 → 3600.
    const d1 = new Day('2026-11-23', 0);
    const d2 = new Day('2026-11-24', 100);
    ['t1', 't2', 't3'].forEach((id, i) => d1.issue('08:00', id, `A00${i + 1}`, 'A'));
    d1.call('08:01', 't1', 'W1').finish('08:02', 't1', 'W1').call('08:02', 't2', 'W1').finish('08:03', 't2', 'W1').call('08:03', 't3', 'W1').finish('08:04', 't3', 'W1');
    d2.issue('08:00', 'u1', 'A001', 'A').call('09:00', 'u1', 'W1').finish('09:05', 'u1', 'W1');
    const r = report([d1, d2]);
    expect(r.services[0]).toMatchObject({ issued: 4, served: 4, waitP50Sec: 120, waitP90Sec: 3600, waitAvgSec: 990, waitMaxSec: 3600 });
    expect(r.days).toBe(2);
  });
});

describe('nearest-rank percentiles', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it('take the value at rank ⌈p·N/100⌉', () => {
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank(ten, 91)).toBe(10);
    expect(nearestRank(ten, 100)).toBe(10);
    expect(nearestRank(ten, 0)).toBe(1);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe('queue and window facts', () => {
  /**
   * W1 open 08:00–09:00, paused 08:25–08:35. Idle while A waits: 08:00–08:03 (A001 waits),
   * 08:20–08:25 (A002 waits), 08:35–08:40 (after the pause until A002 is called), 08:45–08:50
   * (A003 waits after A002 is done) = 18 min. Open 60 − 10 paused = 50 min. Most waiting at once: 2.
   */
  it('measure idle-while-queued, open and paused minutes and the longest queue', () => {
    const d = new Day()
      .signIn('08:00', 'W1').issue('08:00', 't1', 'A001', 'A').call('08:03', 't1', 'W1').finish('08:10', 't1', 'W1')
      .issue('08:20', 't2', 'A002', 'A').issue('08:21', 't3', 'A003', 'A').pause('08:25', 'W1').resume('08:35', 'W1')
      .call('08:40', 't2', 'W1').finish('08:45', 't2', 'W1').call('08:50', 't3', 'W1').finish('08:55', 't3', 'W1')
      .signOut('09:00', 'W1');
    const r = report([d]);
    expect(r.windows.find((w) => w.windowId === 'W1')).toMatchObject({ openMin: 50, pausedMin: 10, idleWhileQueuedMin: 18 });
    expect(r.staff.find((s) => s.staffId === 'S01')).toMatchObject({ idleWhileQueuedMin: 18 });
    expect(r.services[0]).toMatchObject({ maxWaiting: 2 });
    // W2 serves only B: never idle while A waits.
    expect(r.windows.find((w) => w.windowId === 'W2')?.idleWhileQueuedMin ?? 0).toBe(0);
  });
});

describe('compact day files', () => {
  it('give the same report as the events they were made from', () => {
    const d = fullDay();
    const cols = toColumns(d.day, ticketTimes(d.events), dayFacts(d.events, serves));
    const back = decodeDay(encodeDay(cols, 1234));
    expect(back?.journalSize).toBe(1234);
    const direct = waitsReport(d.day, d.day, [cols], config);
    const viaFile = waitsReport(d.day, d.day, [back!.day], config);
    expect(viaFile).toEqual(direct);
    expect(decodeDay(Buffer.from('not a day file'))).toBeNull();
  });
});
