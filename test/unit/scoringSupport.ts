import type { HallConfig } from '../../shared/config.ts';
import type { HallEvent, HallEventBody, PauseReason, Post } from '../../shared/events.ts';
import { activeRecords } from '../../shared/scoring/records.ts';
import { defaultRubric, type Rubric } from '../../shared/scoring/rubrics.ts';
import { scoreDay, type DayScore } from '../../shared/scoring/dailyScore.ts';
import { DEFAULT_SCHEDULE, type ScheduleSettings, type ScoringRecord } from '../../shared/scoring/types.ts';
import { endOfLocalDay, localTimeToMs, toIso } from '../../shared/time.ts';

/** A small hall: W1 (A S01, B S02), W2 (A S02, B S01), S03 has no post. 2026-11-23 is a Monday. */
export const hall: Pick<HallConfig, 'hall' | 'windows' | 'staff'> = {
  hall: { name: '测试中心', timezone: 'Asia/Shanghai', hours: [['08:00', '12:00'], ['14:30', '17:30']], priorityMaxConsecutive: 3, crowdAlertPerWindow: 10, notice: '' },
  windows: [
    { id: 'W1', number: 1, name: '一号', serviceIds: ['A'], postA: 'S01', postB: 'S02' },
    { id: 'W2', number: 2, name: '二号', serviceIds: ['A'], postA: 'S02', postB: 'S01' },
  ],
  staff: [
    { id: 'S01', name: '张敏', role: 'staff' },
    { id: 'S02', name: '李强', role: 'staff' },
    { id: 'S03', name: '王芳', role: 'staff' },
    { id: 'M01', name: '周主任', role: 'manager' },
  ],
};
export const TZ = 'Asia/Shanghai';
export const DATE = '2026-11-23';

/** Given: a day's events, written as what happened at which local time. */
export class Day {
  events: HallEvent[] = [];
  private n = 0;
  constructor(readonly date = DATE) {}
  private push(hhmm: string, body: HallEventBody) {
    this.events.push({ ...body, seq: this.events.length + 1, at: toIso(localTimeToMs(this.date, hhmm, TZ), TZ) } as HallEvent);
    return this;
  }
  signIn(hhmm: string, staffId: string, windowId: string, post: Post = 'A') {
    return this.push(hhmm, { type: 'StaffSignedIn', data: { windowId, staffId, windowNumber: Number(windowId.slice(1)), staffName: staffId, post, takeoverFrom: null } });
  }
  signOut(hhmm: string, staffId: string, windowId: string) {
    return this.push(hhmm, { type: 'StaffSignedOut', data: { windowId, staffId, reason: 'sign-out' } });
  }
  pause(hhmm: string, staffId: string, windowId: string, reason: PauseReason, note = '') {
    return this.push(hhmm, { type: 'WindowPaused', data: { windowId, staffId, reason, note, expectedBackAt: null } });
  }
  resume(hhmm: string, staffId: string, windowId: string) {
    return this.push(hhmm, { type: 'WindowResumed', data: { windowId, staffId } });
  }
  /** The cover mechanism: a newcomer signs in at a paused window held by `from`. */
  takeOver(hhmm: string, staffId: string, windowId: string, from: string, post: Post = 'B') {
    this.push(hhmm, { type: 'StaffSignedOut', data: { windowId, staffId: from, reason: 'taken-over' } });
    return this.push(hhmm, { type: 'StaffSignedIn', data: { windowId, staffId, windowNumber: Number(windowId.slice(1)), staffName: staffId, post, takeoverFrom: from } });
  }
  /** A ticket served at a window, optionally rated. */
  serve(hhmm: string, staffId: string, windowId: string, score?: number) {
    const id = `t${++this.n}`;
    const t = { ticketId: id, number: `A${String(this.n).padStart(3, '0')}`, serviceId: 'A' };
    this.push(hhmm, { type: 'TicketIssued', data: { ...t, priority: false, businessDay: this.date } });
    this.push(hhmm, { type: 'TicketCalled', data: { ...t, windowId, staffId, windowNumber: 1, post: 'A' } });
    this.push(hhmm, { type: 'ServiceFinished', data: { ...t, windowId, staffId, outcome: 'done' } });
    if (score !== undefined) this.push(hhmm, { type: 'TicketRated', data: { ticketId: id, number: t.number, score, windowId, staffId } });
    return this;
  }
  /** A full, punctual day at a window. */
  fullDay(staffId: string, windowId: string) {
    return this.signIn('07:58', staffId, windowId).signOut('12:01', staffId, windowId).signIn('14:28', staffId, windowId).signOut('17:31', staffId, windowId);
  }
}

let ids = 0;
export function record<K extends ScoringRecord['kind']>(kind: K, fields: Omit<Extract<ScoringRecord, { kind: K }>, 'kind' | 'id' | 'enteredBy' | 'enteredAt'>): ScoringRecord {
  return { kind, id: `r${++ids}`, enteredBy: 'M01', enteredAt: '2026-11-23T18:00:00.000+08:00', ...fields } as unknown as ScoringRecord;
}

export function score(day: Day, opts: { records?: ScoringRecord[]; rubric?: Rubric; schedule?: Partial<ScheduleSettings>; until?: number; asOf?: string } = {}): DayScore {
  return scoreDay({
    date: day.date, config: hall, events: day.events, schedule: { ...DEFAULT_SCHEDULE, ...opts.schedule },
    records: activeRecords(opts.records ?? []), rubric: opts.rubric ?? defaultRubric, until: opts.until ?? endOfLocalDay(day.date, TZ),
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
  });
}

export const staffOf = (d: DayScore, id: string) => d.staff.find((s) => s.staffId === id)!;
export const windowOf = (d: DayScore, id: string) => d.windows.find((w) => w.windowId === id)!;
export const item = (s: { items: { code: string }[] }, code: string) => s.items.find((i) => i.code === code) as (DayScore['staff'][number]['items'][number]) | undefined;
