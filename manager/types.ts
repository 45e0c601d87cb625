import type { Evidence } from '../shared/scoring/types.ts';

export type { Evidence };

/** What the manager app reads from the scores API (see server/http/scoresRoutes.ts). */
export interface Item {
  code: string;
  count: number;
  points: number;
  evidence: Evidence[];
}
export interface StaffScore {
  staffId: string;
  name: string;
  onDuty: boolean;
  score: number;
  parts: Record<string, number>;
  items: Item[];
  served: number;
  ratings: number;
  satisfactionPct: number | null;
  coverMinutes: number;
  disqualified: boolean;
}
export interface Interval {
  from: string;
  to: string;
  minutes: number;
  kind: 'A' | 'B' | 'substitute' | 'paused' | 'empty';
  staffId: string | null;
  reason?: string;
  note?: string;
}
export interface WindowScore {
  windowId: string;
  served: number;
  uncoveredMinutes: number;
  coverMinutes: number;
  pauseMinutes: number;
  satisfactionPct: number | null;
  ratings: number;
  score: number;
  parts: Record<string, number>;
  items: Item[];
  intervals: Interval[];
  /** Set while the window should be serving and nobody is (today only). */
  uncoveredSince?: string | null;
}
export interface DayScores {
  date: string;
  rubricId: string;
  workingDay: boolean;
  staff: StaffScore[];
  windows: WindowScore[];
}
export interface Text {
  zh: string;
  en: string;
}
export interface Rubric {
  id: string;
  label: Text;
  parts: { id: string; label: Text; base: number; max: number }[];
  items: { code: string; label: Text; part: string; points: number; source: 'derived' | 'manual'; category?: string; range?: [number, number] }[];
}
/** A roster line: on duty on these weekdays (0 = Sunday), within the dates when given. */
export interface Shift {
  staffId: string;
  weekdays: number[];
  from?: string | null;
  to?: string | null;
}
export interface ScoringAdmin {
  schedule: { workWeekdays: number[]; holidays: string[]; extraWorkdays: string[]; graceMin: number; pauseLimitMin: number; shifts: Shift[] };
  rubricId: string;
  rubrics: Rubric[];
  history: { what: string; value: string; by: string; at: string }[];
  hours: [string, string][];
  today: string;
  staff: { id: string; name: string; role: string; postA: string[] }[];
}
