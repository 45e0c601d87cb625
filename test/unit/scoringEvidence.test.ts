import { describe, expect, it } from 'vitest';
import { activeRecords, complaintDeadline } from '../../shared/scoring/records.ts';
import { complaintDue, liableStaff } from '../../shared/scoring/schedule.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { localTimeToMs } from '../../shared/time.ts';
import { DATE, Day, TZ, hall, item, record, score, staffOf, windowOf } from './scoringSupport.ts';

const CJK_OR_PUNCT_ONLY = /^[^a-z]*$/; // Chinese evidence may name ids (W1, S01) but no English words
const englishWords = (zh: string) => zh.replace(/\b[A-Z]+\d+\b|\bc?[a-z]+-[0-9a-f]+\b|\br\d+\b/g, '');

describe('evidence reads in the manager\'s language', () => {
  it('a long meeting pause says 开会 in Chinese and "meeting" in English', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'meeting', '').resume('10:00', 'S01', 'W1').signOut('12:01', 'S01', 'W1');
    const ev = item(staffOf(score(day), 'S01'), 'leave-post')!.evidence[0]!;
    expect(ev.zh).toContain('开会');
    expect(englishWords(ev.zh)).toMatch(CJK_OR_PUNCT_ONLY);
    expect(ev.en).toContain('meeting');
  });

  it.each(['break', 'meeting', 'errand', 'leave', 'other'] as const)('no English in the Chinese evidence of a %s pause', (reason) => {
    const day = new Day().signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', reason, reason === 'other' ? '' : '三楼').resume('10:00', 'S01', 'W1');
    const d = score(day, { until: localTimeToMs(DATE, '11:00', TZ) });
    for (const it of [...staffOf(d, 'S01').items, ...windowOf(d, 'W1').items]) {
      for (const ev of it.evidence) expect(englishWords(ev.zh), ev.zh).toMatch(CJK_OR_PUNCT_ONLY);
    }
  });

  it('a manual entry names its item in each language, with the manager\'s note as written', () => {
    const d = score(new Day().fullDay('S01', 'W1'), { records: [record('score', { date: DATE, staffId: 'S01', windowId: null, item: 'appearance', count: 1, points: null, note: '未佩证' })] });
    const ev = item(staffOf(d, 'S01'), 'appearance')!.evidence[0]!;
    expect(ev.zh).toBe('未佩证、未摆桌牌、吃东西、串岗聊天、带小孩上班：未佩证（M01 录入）');
    expect(ev.en).toBe('No badge or desk sign, eating, chatting, children at work: 未佩证 (entered by M01)');
  });

  it('leave with cover names the cover by name and number', () => {
    const s = staffOf(score(new Day(), { records: [record('leave', { staffId: 'S01', from: DATE, to: DATE, spans: null, coverStaffId: 'S03', note: '' })] }), 'S01');
    expect(item(s, 'leave-covered')!.evidence[0]).toMatchObject({ zh: expect.stringContaining('王芳（S03）'), en: expect.stringContaining('王芳 (S03)') });
  });
});

describe('rosters by weekday and date range', () => {
  const sched = (from: string | null, to: string | null) => ({ ...DEFAULT_SCHEDULE, shifts: [{ staffId: 'S03', weekdays: [1, 3], from, to }] });
  it('a shift binds on its weekdays within its dates only', () => {
    expect(liableStaff(hall, sched('2026-11-23', '2026-11-30'), '2026-11-23').has('S03')).toBe(true); // Monday, first day
    expect(liableStaff(hall, sched('2026-11-23', '2026-11-30'), '2026-11-24').has('S03')).toBe(false); // Tuesday
    expect(liableStaff(hall, sched('2026-11-23', '2026-11-30'), '2026-11-30').has('S03')).toBe(true); // Monday, last day
    expect(liableStaff(hall, sched('2026-11-23', '2026-11-30'), '2026-12-02').has('S03')).toBe(false); // Wednesday, after
    expect(liableStaff(hall, sched(null, null), '2027-03-01').has('S03')).toBe(true); // open-ended
  });
  it('a rostered substitute who does not come is absent; before the roster starts, not', () => {
    const day = new Day().fullDay('S01', 'W1').fullDay('S02', 'W2');
    expect(item(staffOf(score(day, { schedule: { shifts: [{ staffId: 'S03', weekdays: [1], from: DATE, to: null }] } }), 'S03'), 'absent-uncovered')).toMatchObject({ count: 2 });
    expect(staffOf(score(day, { schedule: { shifts: [{ staffId: 'S03', weekdays: [1], from: '2026-11-24', to: null }] } }), 'S03').onDuty).toBe(false);
  });
});

describe('complaint deadlines (RULES §7)', () => {
  it('ordinary: the next working day (Friday → Monday); complex: 5 working days', () => {
    expect(complaintDue(DEFAULT_SCHEDULE, '2026-11-23', 'ordinary')).toBe('2026-11-24');
    expect(complaintDue(DEFAULT_SCHEDULE, '2026-11-27', 'ordinary')).toBe('2026-11-30');
    expect(complaintDue(DEFAULT_SCHEDULE, '2026-11-23', 'complex')).toBe('2026-11-30');
  });

  const complaint = record('complaint', { date: DATE, staffId: 'S01', windowId: 'W1', surname: '欧阳', phone: '13800000000', content: '等太久', channel: 'oral', complexity: 'ordinary', dueDate: '2026-11-24', verified: false });
  const base = () => new Day().fullDay('S01', 'W1').fullDay('S02', 'W2');

  it('open past its due date: overdue, by how many days', () => {
    const [c] = activeRecords([complaint]).complaints;
    expect(complaintDeadline(c!, '2026-11-24')).toEqual({ overdue: false, closedLate: false, daysOver: 0 });
    expect(complaintDeadline(c!, '2026-11-27')).toEqual({ overdue: true, closedLate: false, daysOver: 3 });
  });

  it('an overdue complaint stands out on the day\'s card of the staffer and window named, at no cost and without the complainant', () => {
    const d = score(base(), { records: [complaint], asOf: '2026-11-26' });
    const s = item(staffOf(d, 'S01'), 'complaint-overdue');
    expect(s).toMatchObject({ count: 1, points: 0 });
    expect(s!.evidence[0]!.zh).toBe(`投诉 ${complaint.id}（一般，应于 2026-11-24 前答复）逾期未办结，已超 2 天`);
    expect(item(windowOf(d, 'W1'), 'complaint-overdue')).toMatchObject({ count: 1 });
    expect(staffOf(d, 'S01').score).toBe(100);
    expect(JSON.stringify(d)).not.toContain('13800000000');
    expect(JSON.stringify(d)).not.toContain('欧阳');
  });

  it('answered in time: nothing on the card; answered late: the card says so', () => {
    const closedAt = (enteredAt: string) => ({ ...record('follow-up', { ref: complaint.id, note: '已答复', verified: null, closed: true }), enteredAt });
    const inTime = closedAt('2026-11-24T10:00:00.000+08:00');
    expect(item(staffOf(score(base(), { records: [complaint, inTime], asOf: '2026-11-27' }), 'S01'), 'complaint-overdue')).toBeUndefined();
    const late = closedAt('2026-11-26T10:00:00.000+08:00');
    const ev = item(staffOf(score(base(), { records: [complaint, late], asOf: '2026-11-27' }), 'S01'), 'complaint-overdue')!.evidence[0]!;
    expect(ev.zh).toContain('于 2026-11-26 办结，超期 2 天');
    expect(ev.en).toContain('2 day(s) late');
  });
});

describe('uncovered now (the live board)', () => {
  const at = (hhmm: string) => localTimeToMs(DATE, hhmm, TZ);
  it('a window paused with nobody covering is uncovered since the pause; a staffed one is not', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').signIn('07:59', 'S02', 'W2').pause('09:00', 'S02', 'W2', 'other');
    const d = score(day, { until: at('10:30') });
    expect(windowOf(d, 'W1').uncoveredSince).toBeNull();
    expect(windowOf(d, 'W2').uncoveredSince).toBe('2026-11-23T09:00:00.000+08:00');
  });
  it('a window nobody signed in to all morning is uncovered since the hours began', () => {
    const d = score(new Day().signIn('07:58', 'S01', 'W1'), { until: at('09:15') });
    expect(windowOf(d, 'W2').uncoveredSince).toBe('2026-11-23T08:00:00.000+08:00');
  });
  it('a pause that began before the afternoon opens counts from the opening; the lunch break is not uncovered', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').signOut('12:01', 'S01', 'W1').signIn('07:58', 'S02', 'W2').signOut('12:01', 'S02', 'W2').signIn('14:25', 'S02', 'W2');
    expect(windowOf(score(day, { until: at('13:00') }), 'W1').uncoveredSince).toBeNull();
    expect(windowOf(score(day, { until: at('14:40') }), 'W1').uncoveredSince).toBe('2026-11-23T14:30:00.000+08:00');
    expect(windowOf(score(day, { until: at('14:40') }), 'W2').uncoveredSince).toBeNull();
  });
  it('a closed day has nothing uncovered "now"', () => {
    const d = score(new Day().signIn('07:58', 'S01', 'W1'));
    expect(d.windows.map((w) => w.uncoveredSince)).toEqual([null, null]);
  });
});

describe('uncovered now, at the very instant of a change', () => {
  it('a cover signing in at the paused window at this minute clears it at once', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').pause('09:00', 'S01', 'W1', 'other').takeOver('10:30', 'S02', 'W1', 'S01');
    expect(windowOf(score(day, { until: localTimeToMs(DATE, '10:30', TZ) }), 'W1').uncoveredSince).toBeNull();
  });
  it('a pause begun at this minute is uncovered from this minute', () => {
    const day = new Day().signIn('07:58', 'S01', 'W1').pause('10:30', 'S01', 'W1', 'break');
    expect(windowOf(score(day, { until: localTimeToMs(DATE, '10:30', TZ) }), 'W1').uncoveredSince).toBe('2026-11-23T10:30:00.000+08:00');
  });
});
