import type { Figures as RowFigures } from '../../shared/reports/figures.ts';
import type { FlaggedTicket } from '../../shared/reports/suspect.ts';

export type { FlaggedTicket };

/** The answer of GET /api/reports/waits, as the page uses it: the core's rows, as JSON. */
export type Figures = RowFigures & {
  flagged?: number;
  /** Only for a period holding the open day: visitors still waiting now, and the longest wait among them. */
  waitingNow?: number;
  longestWaitingMin?: number | null;
};

export type ServiceRow = Figures & { serviceId: string; name: string; maxWaiting: number };
export type WindowRow = Figures & { windowId: string; number: number | null; name: string; openMin: number; pausedMin: number; idleWhileQueuedMin: number };
export type StaffRow = Figures & { staffId: string; name: string; idleWhileQueuedMin: number };
export type HourRow = Figures & { hour: number };

export interface WaitsAnswer {
  from: string;
  to: string;
  days: number;
  services: ServiceRow[];
  total: Figures & { maxWaiting: number };
  windows: WindowRow[];
  staff: StaffRow[];
  hours: HourRow[];
  heatmap: { arrivals: number[][]; days: number[] };
  flagged: FlaggedTicket[];
  flaggedCount: number;
  excludedFlagged: boolean;
  previous?: { from: string; to: string; days: number; services: ServiceRow[]; total: Figures };
}
