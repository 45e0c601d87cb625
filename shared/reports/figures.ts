import { meanSec, pct, secs } from './stats.ts';

/** The contract's figures of one row of `/api/reports/waits`, plus the service time P90. */
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
}

/**
 * Counts and sums of one group (a service, a window, a staffer, an hour, the total). Its
 * percentiles are written by `ServedTickets.rank` once the period is folded.
 */
export class Tally {
  issued = 0;
  served = 0;
  noShow = 0;
  abandoned = 0;
  transferred = 0;
  withinTarget = 0;
  flagged = 0;
  waitCount = 0;
  waitSumMs = 0;
  serviceCount = 0;
  serviceSumMs = 0;
  waitP50Ms: number | null = null;
  waitP90Ms: number | null = null;
  waitMaxMs: number | null = null;
  serviceP90Ms: number | null = null;

  /** A served ticket: its wait and service in ms, and whether the wait met its service's target. */
  serve(waitMs: number, serviceMs: number | null, within: boolean): void {
    this.served += 1;
    this.waitCount += 1;
    this.waitSumMs += waitMs;
    if (serviceMs !== null) {
      this.serviceCount += 1;
      this.serviceSumMs += serviceMs;
    }
    if (within) this.withinTarget += 1;
  }

  figures(): Figures {
    return {
      issued: this.issued,
      served: this.served,
      noShow: this.noShow,
      abandoned: this.abandoned,
      transferred: this.transferred,
      waitAvgSec: meanSec(this.waitSumMs, this.waitCount),
      waitP50Sec: secs(this.waitP50Ms),
      waitP90Sec: secs(this.waitP90Ms),
      waitMaxSec: secs(this.waitMaxMs),
      serviceAvgSec: meanSec(this.serviceSumMs, this.serviceCount),
      serviceP90Sec: secs(this.serviceP90Ms),
      withinTargetPct: pct(this.withinTarget, this.served),
    };
  }
}

/** The order of a report's CSV columns: the contract's fields first, then the extensions. */
export const FIGURE_FIELDS: readonly (keyof Figures)[] = [
  'issued', 'served', 'noShow', 'abandoned', 'transferred', 'waitAvgSec', 'waitP50Sec', 'waitP90Sec', 'waitMaxSec',
  'serviceAvgSec', 'withinTargetPct', 'serviceP90Sec',
];
