import { describe, expect, it } from 'vitest';
import { Day, item, score, staffOf, windowOf } from './scoringSupport.ts';

/**
 * The AB-post rule (RULES §1; seed 004:387 "A away for any reason, B covers", 004:332 charges
 * "离岗后无人替岗"): a staffer who states why they leave (a pause with a reason, 去向留言) and is
 * covered for the whole absence by the B post or a substitute is not charged `leave-post`, however
 * long; only the window's uncovered minutes beyond the grace (5 min), or leaving without a reason,
 * are. Given a morning's events, when the day is scored, then these items and evidence.
 */
const afternoon = (d: Day) => d.signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');

describe('A leaves for a 45-minute meeting', () => {
  it('with B covering: no charge however long; the window shows B\'s cover as the evidence', () => {
    const given = afternoon(new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'meeting', '县政务办开会')
      .takeOver('09:02', 'S02', 'W1', 'S01')
      .signOut('09:45', 'S02', 'W1').signIn('09:45', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    const d = score(given);
    expect(item(staffOf(d, 'S01'), 'leave-post')).toBeUndefined();
    expect(item(staffOf(d, 'S01'), 'early-leave')).toBeUndefined();
    const w1 = windowOf(d, 'W1');
    expect(w1).toMatchObject({ uncoveredMinutes: 2, coverMinutes: 43 });
    expect(item(w1, 'window-uncovered')).toBeUndefined();
    // What the manager reads for W1's morning: A, paused 2 min for the meeting, B covering 43 min.
    expect(w1.intervals.slice(0, 3)).toMatchObject([
      { kind: 'A', staffId: 'S01', minutes: 60 },
      { kind: 'paused', staffId: 'S01', minutes: 2, reason: 'meeting', note: '县政务办开会' },
      { kind: 'B', staffId: 'S02', minutes: 43, from: '2026-11-23T09:02:00.000+08:00', to: '2026-11-23T09:45:00.000+08:00' },
    ]);
    expect(staffOf(d, 'S02').coverMinutes).toBe(43);
  });

  it('with nobody covering: charged leave-post, the window\'s 45 empty minutes as the evidence', () => {
    const given = afternoon(new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'meeting', '县政务办开会').resume('09:45', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    const d = score(given);
    const charge = item(staffOf(d, 'S01'), 'leave-post');
    expect(charge).toMatchObject({ count: 1, points: -1 });
    expect(charge!.evidence[0]).toMatchObject({
      from: '2026-11-23T09:00:00.000+08:00', to: '2026-11-23T09:45:00.000+08:00', minutes: 45, windowId: 'W1',
      zh: '09:00–09:45 离开 W1（开会：县政务办开会）45 分钟，其中 45 分钟无人顶岗、窗口空岗',
      en: 'Away from W1 09:00–09:45 (meeting: 县政务办开会) for 45 min, 45 min of it with nobody covering',
    });
    expect(windowOf(d, 'W1')).toMatchObject({ uncoveredMinutes: 45, coverMinutes: 0 });
    expect(item(windowOf(d, 'W1'), 'window-uncovered')).toMatchObject({ count: 1 });
  });
});

describe('one covered absence, however it is recorded', () => {
  it('pause with a reason, sign out, a substitute signs in, A signs back in: no charge, no early leave', () => {
    const given = afternoon(new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'errand', '去档案室调档').signOut('09:01', 'S01', 'W1')
      .signIn('09:03', 'S03', 'W1', 'A').signOut('10:30', 'S03', 'W1').signIn('10:30', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    const d = score(given);
    const a = staffOf(d, 'S01');
    expect(item(a, 'leave-post')).toBeUndefined();
    expect(item(a, 'early-leave')).toBeUndefined();
    // The substitute (neither W1's A nor its B post) is cover, credited to the window and to them.
    const w1 = windowOf(d, 'W1');
    expect(w1).toMatchObject({ uncoveredMinutes: 3, coverMinutes: 87 });
    expect(w1.intervals.find((i) => i.staffId === 'S03')).toMatchObject({ kind: 'substitute', minutes: 87 });
    expect(staffOf(d, 'S03').coverMinutes).toBe(87);
  });

  it('the same absence with the cover arriving 20 minutes late: charged for the 20 uncovered minutes only', () => {
    const given = afternoon(new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'errand', '去档案室调档').signOut('09:01', 'S01', 'W1')
      .signIn('09:20', 'S03', 'W1', 'A').signOut('10:30', 'S03', 'W1').signIn('10:30', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    const charges = staffOf(score(given), 'S01').items.filter((i) => i.code === 'leave-post');
    expect(charges).toHaveLength(1);
    expect(charges[0]!.count).toBe(1);
    expect(charges[0]!.evidence[0]).toMatchObject({ minutes: 20, from: '2026-11-23T09:00:00.000+08:00', to: '2026-11-23T10:30:00.000+08:00' });
    expect(charges[0]!.evidence[0]!.zh).toBe('09:00–10:30 离开 W1（外出办事：去档案室调档）90 分钟，其中 20 分钟无人顶岗、窗口空岗');
  });

  it('leaving without a stated reason is charged even with B covering', () => {
    const given = afternoon(new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'other').takeOver('09:01', 'S02', 'W1', 'S01')
      .signOut('09:45', 'S02', 'W1').signIn('09:45', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    const charge = item(staffOf(score(given), 'S01'), 'leave-post');
    expect(charge).toMatchObject({ count: 1 });
    expect(charge!.evidence[0]!.zh).toBe('09:00–09:45 W1 暂停（未说明原因）45 分钟，其中 1 分钟无人顶岗、窗口空岗');
  });

  it('a short stated pause within the grace, nobody covering: no charge', () => {
    const given = afternoon(new Day().signIn('07:58', 'S01', 'W1').pause('10:00', 'S01', 'W1', 'break', '喝水').resume('10:04', 'S01', 'W1').signOut('12:01', 'S01', 'W1'));
    expect(item(staffOf(score(given), 'S01'), 'leave-post')).toBeUndefined();
  });
});
