import { describe, expect, it } from 'vitest';
import { defaultRubric, virtuesRubric } from '../../shared/scoring/rubrics.ts';
import { localTimeToMs } from '../../shared/time.ts';
import { DATE, Day, TZ, item, record, score, staffOf, windowOf } from './scoringSupport.ts';

describe('attendance against the hall hours (08:00–12:00, 14:30–17:30, grace 5 min)', () => {
  it('a punctual day at the own window costs nothing', () => {
    const d = score(new Day().fullDay('S01', 'W1').fullDay('S02', 'W2'));
    const s = staffOf(d, 'S01');
    expect(s.items.filter((i) => i.code !== 'satisfaction' && i.points !== 0)).toEqual([]);
    expect(s.parts).toEqual({ discipline: 30, quality: 20, business: 40, evaluation: 10, bonus: 0 });
    expect(s.score).toBe(100);
  });

  it('A signs in 7 minutes late: late −1, and the evidence names the sign-in', () => {
    const day = new Day().signIn('08:07', 'S01', 'W1').signOut('12:01', 'S01', 'W1').signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    const s = staffOf(score(day), 'S01');
    expect(item(s, 'late')).toMatchObject({ count: 1, points: -1 });
    expect(item(s, 'late')!.evidence[0]).toMatchObject({ at: '2026-11-23T08:07:00.000+08:00', minutes: 7, windowId: 'W1' });
    expect(item(s, 'late')!.evidence[0]!.zh).toContain('08:07');
    expect(s.parts.discipline).toBe(29);
    expect(s.score).toBe(99);
  });

  it('within the grace is not late; signing out 20 minutes early is early-leave', () => {
    const day = new Day().signIn('08:05', 'S01', 'W1').signOut('11:40', 'S01', 'W1').signIn('14:30', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    const s = staffOf(score(day), 'S01');
    expect(item(s, 'late')).toBeUndefined();
    expect(item(s, 'early-leave')).toMatchObject({ count: 1, points: -1 });
    expect(item(s, 'early-leave')!.evidence[0]).toMatchObject({ minutes: 20 });
  });

  it('signing out within the grace before the span ends is not early-leave; six minutes before is', () => {
    const within = new Day().signIn('07:58', 'S01', 'W1').signOut('11:56', 'S01', 'W1').signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    expect(item(staffOf(score(within), 'S01'), 'early-leave')).toBeUndefined();
    const before = new Day().signIn('07:58', 'S01', 'W1').signOut('11:54', 'S01', 'W1').signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    expect(item(staffOf(score(before), 'S01'), 'early-leave')!.evidence[0]).toMatchObject({ minutes: 6 });
  });

  it('no sign-in all afternoon without leave: one absence charged once, not also late or early', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').signOut('12:01', 'S01', 'W1').fullDay('S02', 'W2');
    const s = staffOf(score(day), 'S01');
    expect(item(s, 'absent-uncovered')).toMatchObject({ count: 1, points: -2 });
    expect(item(s, 'late')).toBeUndefined();
    expect(item(s, 'early-leave')).toBeUndefined();
    expect(windowOf(score(day), 'W1').uncoveredMinutes).toBe(180);
  });

  it('staff without an A post or a shift are not liable; a roster makes them so', () => {
    const day = new Day().fullDay('S01', 'W1').fullDay('S02', 'W2');
    expect(staffOf(score(day), 'S03')).toMatchObject({ onDuty: false, items: [expect.objectContaining({ code: 'satisfaction' })] });
    const rostered = staffOf(score(day, { schedule: { shifts: [{ staffId: 'S03', weekdays: [1] }] } }), 'S03');
    expect(item(rostered, 'absent-uncovered')).toMatchObject({ count: 2, points: -4 });
  });

  it('nobody is liable on a holiday, and an adjusted Saturday is a working day', () => {
    expect(staffOf(score(new Day(), { schedule: { holidays: [DATE] } }), 'S01').items.filter((i) => i.code !== 'satisfaction' && i.points)).toEqual([]);
    const saturday = new Day('2026-11-28');
    expect(item(staffOf(score(saturday), 'S01'), 'absent-uncovered')).toBeUndefined();
    expect(item(staffOf(score(saturday, { schedule: { extraWorkdays: ['2026-11-28'] } }), 'S01'), 'absent-uncovered')).toMatchObject({ count: 2 });
  });

  it('today is judged only up to now: a span not yet started is not absence', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1');
    const s = staffOf(score(day, { until: localTimeToMs(DATE, '10:00', TZ) }), 'S01');
    expect(s.items.filter((i) => i.code !== 'satisfaction' && i.points)).toEqual([]);
  });
});

describe('AB-post cover', () => {
  it('A pauses for a meeting and B covers: no deduction, cover minutes for B and the window', () => {
    const day = new Day()
      .signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'meeting', '三楼会议室').takeOver('09:02', 'S02', 'W1', 'S01')
      .signOut('11:58', 'S02', 'W1').signIn('11:58', 'S01', 'W1').signOut('12:01', 'S01', 'W1')
      .signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1');
    const d = score(day);
    const a = staffOf(d, 'S01');
    expect(a.items.filter((i) => i.code !== 'satisfaction' && i.points !== 0)).toEqual([]);
    expect(staffOf(d, 'S02').coverMinutes).toBe(176);
    const w1 = windowOf(d, 'W1');
    expect(w1).toMatchObject({ coverMinutes: 176, pauseMinutes: 2, uncoveredMinutes: 2 });
    expect(w1.intervals.map((i) => [i.kind, i.staffId, i.minutes])).toEqual([
      ['A', 'S01', 60], ['paused', 'S01', 2], ['B', 'S02', 176], ['A', 'S01', 2], ['A', 'S01', 180],
    ]);
    expect(item(w1, 'window-uncovered')).toBeUndefined();
  });

  it('A walks away with nobody covering while tickets wait: uncovered minutes and leave-post', () => {
    const day = new Day()
      .signIn('07:58', 'S01', 'W1').serve('08:10', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'other').resume('09:40', 'S01', 'W1')
      .signOut('12:01', 'S01', 'W1').signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    const d = score(day);
    const a = staffOf(d, 'S01');
    expect(item(a, 'leave-post')).toMatchObject({ count: 1, points: -1 });
    expect(item(a, 'leave-post')!.evidence[0]).toMatchObject({ from: '2026-11-23T09:00:00.000+08:00', to: '2026-11-23T09:40:00.000+08:00', minutes: 40 });
    const w1 = windowOf(d, 'W1');
    expect(w1).toMatchObject({ uncoveredMinutes: 40, pauseMinutes: 40, coverMinutes: 0, served: 1 });
    expect(item(w1, 'window-uncovered')).toMatchObject({ count: 1, points: -1 });
    expect(item(w1, 'leave-post')).toMatchObject({ count: 1 });
  });

  it('signing out mid-morning and coming back with the own window empty is leaving the post', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').signOut('09:00', 'S01', 'W1').signIn('09:20', 'S01', 'W1').signOut('12:01', 'S01', 'W1')
      .signIn('14:28', 'S01', 'W1').signOut('17:31', 'S01', 'W1').fullDay('S02', 'W2');
    const a = staffOf(score(day), 'S01');
    expect(item(a, 'leave-post')).toMatchObject({ count: 1, points: -1 });
    expect(item(a, 'leave-post')!.evidence[0]).toMatchObject({ minutes: 20 });
  });

  it('a stated break is judged by the window\'s uncovered minutes, not by its length (see scoringAbsence)', () => {
    const short = new Day().signIn('07:58', 'S01', 'W1').pause('10:00', 'S01', 'W1', 'break', '喝水').resume('10:05', 'S01', 'W1').signOut('12:01', 'S01', 'W1');
    expect(item(staffOf(score(short), 'S01'), 'leave-post')).toBeUndefined();
    const uncovered = new Day().signIn('07:58', 'S01', 'W1').pause('10:00', 'S01', 'W1', 'break', '喝水').resume('10:10', 'S01', 'W1').signOut('12:01', 'S01', 'W1');
    expect(item(staffOf(score(uncovered), 'S01'), 'leave-post')).toMatchObject({ count: 1 });
    // The pause limit no longer excuses an uncovered window: a staffer who is away must be covered.
    expect(item(staffOf(score(uncovered, { schedule: { pauseLimitMin: 60 } }), 'S01'), 'leave-post')).toMatchObject({ count: 1 });
    const covered = new Day().signIn('07:58', 'S01', 'W1').pause('10:00', 'S01', 'W1', 'break', '喝水').takeOver('10:01', 'S02', 'W1', 'S01')
      .signOut('11:00', 'S02', 'W1').signIn('11:00', 'S01', 'W1').signOut('12:01', 'S01', 'W1');
    expect(item(staffOf(score(covered), 'S01'), 'leave-post')).toBeUndefined();
  });
});

describe('leave (请假)', () => {
  const away = new Day().fullDay('S02', 'W2');
  it('leave with a named cover: no deduction, the evidence names the cover', () => {
    const s = staffOf(score(away, { records: [record('leave', { staffId: 'S01', from: DATE, to: DATE, spans: null, coverStaffId: 'S03', note: '病假' })] }), 'S01');
    expect(item(s, 'absent-uncovered')).toBeUndefined();
    expect(item(s, 'leave-covered')).toMatchObject({ count: 1, points: 0 });
    expect(item(s, 'leave-covered')!.evidence[0]!.zh).toContain('S03');
    expect(s.parts.discipline).toBe(30);
  });

  it('leave without a cover: −2 for the day, not also absence', () => {
    const s = staffOf(score(away, { records: [record('leave', { staffId: 'S01', from: '2026-11-22', to: '2026-11-24', spans: null, coverStaffId: null, note: '' })] }), 'S01');
    expect(item(s, 'leave-uncovered')).toMatchObject({ count: 1, points: -2 });
    expect(item(s, 'absent-uncovered')).toBeUndefined();
  });

  it('half a day of leave leaves the other half liable', () => {
    const day = new Day().signIn('14:29', 'S01', 'W1').signOut('17:31', 'S01', 'W1');
    const s = staffOf(score(day, { records: [record('leave', { staffId: 'S01', from: DATE, to: DATE, spans: [0], coverStaffId: 'S02', note: '' })] }), 'S01');
    expect(s.items.filter((i) => i.code !== 'satisfaction' && i.points !== 0)).toEqual([]);
  });

  it('a voided leave no longer excuses', () => {
    const leave = record('leave', { staffId: 'S01', from: DATE, to: DATE, spans: null, coverStaffId: 'S03', note: '' });
    const s = staffOf(score(away, { records: [leave, record('void', { ref: leave.id, reason: '录错日期' })] }), 'S01');
    expect(item(s, 'absent-uncovered')).toMatchObject({ count: 2, points: -4 });
  });
});

describe('visitor evaluation', () => {
  it('9 of 10 ratings satisfied gives 9 evaluation points', () => {
    const day = new Day().fullDay('S01', 'W1');
    for (let i = 0; i < 10; i++) day.serve('09:00', 'S01', 'W1', i === 0 ? 3 : i % 2 ? 4 : 5);
    const d = score(day);
    expect(staffOf(d, 'S01')).toMatchObject({ ratings: 10, satisfied: 9, satisfactionPct: 90, served: 10 });
    expect(item(staffOf(d, 'S01'), 'satisfaction')).toMatchObject({ code: 'satisfaction', count: 10, points: 9 });
    expect(staffOf(d, 'S01').parts.evaluation).toBe(9);
    expect(windowOf(d, 'W1').satisfactionPct).toBe(90);
  });

  it.each([[[5, 5, 5], 10], [[5, 4, 4, 4, 4, 2, 5, 5, 5, 5], 9], [[5, 5, 5, 5, 1], 7], [[5, 2, 1], 5]])('ratings %j give %i points', (scores, points) => {
    const day = new Day().fullDay('S01', 'W1');
    for (const sc of scores) day.serve('09:00', 'S01', 'W1', sc);
    expect(staffOf(score(day), 'S01').parts.evaluation).toBe(points);
  });

  it('no ratings: full points, and the evidence says so', () => {
    const s = staffOf(score(new Day().fullDay('S01', 'W1')), 'S01');
    expect(item(s, 'satisfaction')).toMatchObject({ count: 0, points: 10 });
    expect(item(s, 'satisfaction')!.evidence[0]!.zh).toContain('无评价');
  });

  it('ratings count for whoever gave the service and for the window, separately', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'meeting', '会').takeOver('09:01', 'S02', 'W1', 'S01').serve('09:30', 'S02', 'W1', 2);
    const d = score(day);
    expect(staffOf(d, 'S02')).toMatchObject({ ratings: 1, satisfactionPct: 0 });
    expect(staffOf(d, 'S01')).toMatchObject({ ratings: 0, satisfactionPct: null });
    expect(windowOf(d, 'W1')).toMatchObject({ ratings: 1, satisfactionPct: 0 });
  });
});

describe('manual entries and the rubric', () => {
  const base = () => new Day().fullDay('S01', 'W1').fullDay('S02', 'W2');

  it('a verified complaint costs −5 and disqualifies; unverified costs nothing', () => {
    const c = record('complaint', { date: DATE, staffId: 'S01', windowId: 'W1', surname: '王', phone: '13800000000', content: '态度生硬', channel: 'phone', complexity: 'ordinary', dueDate: '2026-11-24', verified: false });
    expect(item(staffOf(score(base(), { records: [c] }), 'S01'), 'complaint')).toBeUndefined();
    const verified = [c, record('follow-up', { ref: c.id, note: '调查属实', verified: true, closed: true })];
    const d = score(base(), { records: verified });
    expect(item(staffOf(d, 'S01'), 'complaint')).toMatchObject({ count: 1, points: -5 });
    expect(staffOf(d, 'S01')).toMatchObject({ disqualified: true, score: 95 });
    expect(item(windowOf(d, 'W1'), 'complaint')).toMatchObject({ count: 1 });
    expect(JSON.stringify(d)).not.toContain('13800000000');
  });

  it('parts floor at 0 and cap at their maximum', () => {
    const many = record('score', { date: DATE, staffId: 'S01', windowId: null, item: 'attitude', count: 5, points: null, note: '' });
    const praise = record('score', { date: DATE, staffId: 'S02', windowId: null, item: 'praise', count: 2, points: null, note: '锦旗' });
    const honour = record('score', { date: DATE, staffId: 'S02', windowId: null, item: 'honour', count: 3, points: 9, note: '省级' });
    const d = score(base(), { records: [many, praise, honour] });
    expect(item(staffOf(d, 'S01'), 'attitude')).toMatchObject({ count: 5, points: -25 });
    expect(staffOf(d, 'S01').parts.quality).toBe(0);
    expect(staffOf(d, 'S01').score).toBe(80);
    expect(item(staffOf(d, 'S02'), 'praise')).toMatchObject({ points: 10 });
    expect(staffOf(d, 'S02').parts.quality).toBe(20);
    // Honours are 2…5 each: 3 × 5 = 15, capped by the bonus part at 10.
    expect(item(staffOf(d, 'S02'), 'honour')).toMatchObject({ points: 15 });
    expect(staffOf(d, 'S02').parts.bonus).toBe(10);
    expect(staffOf(d, 'S02').score).toBe(110);
  });

  it('a rubric change re-scores the same day', () => {
    const day = new Day().signIn('08:07', 'S01', 'W1').signOut('12:01', 'S01', 'W1').fullDay('S02', 'W2');
    for (const sc of [5, 5, 5, 5, 5, 5, 5, 5, 5, 3]) day.serve('09:00', 'S01', 'W1', sc);
    const standard = staffOf(score(day, { rubric: defaultRubric }), 'S01');
    const virtues = staffOf(score(day, { rubric: virtuesRubric }), 'S01');
    expect(standard.parts).toEqual({ discipline: 30 - 1 - 2, quality: 20, business: 40, evaluation: 9, bonus: 0 });
    expect(virtues.parts).toEqual({ de: 20, neng: 20, qin: 20 - 2 - 5, ji: 20 - 1, lian: 20, bonus: 0 });
    expect(virtues.score).toBe(92);
    expect(standard.score).toBe(96);
  });
});
