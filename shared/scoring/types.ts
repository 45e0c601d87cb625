/** What scoring works from, besides the day's events: the schedule, leave and manual entries. */

export interface Text {
  zh: string;
  en: string;
}

/**
 * A roster for staff beyond the A posts: they are on duty on these weekdays (0 = Sunday), within
 * `from`–`to` when given (a substitute rostered for a month, a seconded colleague for a week).
 */
export interface Shift {
  staffId: string;
  weekdays: number[];
  /** First date the shift applies (inclusive); null or absent = since always. */
  from?: string | null;
  /** Last date the shift applies (inclusive); null or absent = until changed. */
  to?: string | null;
}

export interface ScheduleSettings {
  /** Weekdays the hall works, 0 = Sunday … 6 = Saturday. */
  workWeekdays: number[];
  /** Dates the hall is closed although the weekday works (public holidays). */
  holidays: string[];
  /** Dates the hall works although the weekday does not (调休 adjusted working days). */
  extraWorkdays: string[];
  /** Minutes after a span starts before a sign-in is late, and before it ends before a sign-out is early. */
  graceMin: number;
  /** A pause with a stated reason may last this long without cover before it counts as leaving the post. */
  pauseLimitMin: number;
  shifts: Shift[];
}

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  workWeekdays: [1, 2, 3, 4, 5],
  holidays: [],
  extraWorkdays: [],
  graceMin: 5,
  pauseLimitMin: 30,
  shifts: [],
};

/** `pad`: a rating of 1 or 2 at the window's evaluation pad, with what went wrong. */
export type ComplaintChannel = 'oral' | 'phone' | 'written' | 'pad';
export type ComplaintKind = 'ordinary' | 'complex';

interface Entered {
  id: string;
  /** Manager's staff number. */
  enteredBy: string;
  enteredAt: string;
}

/**
 * Manual records, kept in an append-only log: nothing is deleted. A correction is a new record:
 * `void` cancels an earlier one, `follow-up` adds to a complaint (and may verify or close it).
 */
export type ScoringRecord =
  | (Entered & {
      kind: 'leave';
      staffId: string;
      from: string;
      to: string;
      /** Indices into the hall's hours (half days); null = the whole day. */
      spans: number[] | null;
      coverStaffId: string | null;
      note: string;
    })
  | (Entered & {
      kind: 'score';
      date: string;
      staffId: string | null;
      windowId: string | null;
      item: string;
      count: number;
      /** Points per count for items whose points vary (honours +2…+5); the rubric's otherwise. */
      points: number | null;
      note: string;
    })
  | (Entered & {
      kind: 'complaint';
      date: string;
      staffId: string | null;
      windowId: string | null;
      surname: string;
      phone: string;
      content: string;
      channel: ComplaintChannel;
      complexity: ComplaintKind;
      dueDate: string;
      verified: boolean;
      /** The ticket a pad's bad rating was about. */
      ticketId?: string;
    })
  | (Entered & { kind: 'follow-up'; ref: string; note: string; verified: boolean | null; closed: boolean })
  | (Entered & { kind: 'void'; ref: string; reason: string });

export type LeaveRecord = Extract<ScoringRecord, { kind: 'leave' }>;
export type ScoreEntry = Extract<ScoringRecord, { kind: 'score' }>;
export type ComplaintRecord = Extract<ScoringRecord, { kind: 'complaint' }>;

/** A complaint as it stands after its follow-ups. */
export interface ComplaintState extends ComplaintRecord {
  followUps: { at: string; by: string; note: string }[];
  closedAt: string | null;
}

/** One finding behind an item: which sign-in, which interval, which entry. */
export interface Evidence {
  at?: string;
  from?: string;
  to?: string;
  minutes?: number;
  windowId?: string;
  ref?: string;
  zh: string;
  en: string;
}

export interface ItemResult {
  code: string;
  count: number;
  points: number;
  evidence: Evidence[];
}
