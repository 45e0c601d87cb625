/** The answer of GET /api/reports/waits, as the page uses it. */
export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  abandoned: number;
  transferred: number;
  waitAvgSec: number | null;
  waitP50Sec: number | null;
  waitP90Sec: number | null;
  waitMaxSec: number | null;
  serviceAvgSec: number | null;
  serviceP90Sec: number | null;
  withinTargetPct: number | null;
  flagged?: number;
}

export type ServiceRow = Figures & { serviceId: string; name: string; maxWaiting: number };
export type WindowRow = Figures & { windowId: string; number: number | null; name: string; openMin: number; pausedMin: number; idleWhileQueuedMin: number };
export type StaffRow = Figures & { staffId: string; name: string; idleWhileQueuedMin: number };
export type HourRow = Figures & { hour: number };

export interface FlaggedTicket {
  id: string;
  number: string;
  day: string;
  serviceId: string;
  windowId: string | null;
  staffId: string | null;
  startedAt: string | null;
  finishedAt: string;
  waitSec: number;
  serviceSec: number | null;
  reasons: string[];
}

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
