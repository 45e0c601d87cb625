import { meanSec, nearestRank, pct, secs, Values } from './stats.ts';

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

/** Counts and values of one group (a service, a window, a staffer, an hour, the total). */
export class Tally {
  issued = 0;
  served = 0;
  noShow = 0;
  abandoned = 0;
  transferred = 0;
  withinTarget = 0;
  flagged = 0;
  readonly waits = new Values();
  readonly services = new Values();

  /** A served ticket: its wait and service in ms, and whether the wait met its service's target. */
  serve(waitMs: number, serviceMs: number | null, within: boolean): void {
    this.served += 1;
    this.waits.push(waitMs);
    if (serviceMs !== null) this.services.push(serviceMs);
    if (within) this.withinTarget += 1;
  }

  figures(): Figures {
    const w = this.waits.sorted();
    const s = this.services.sorted();
    return {
      issued: this.issued,
      served: this.served,
      noShow: this.noShow,
      abandoned: this.abandoned,
      transferred: this.transferred,
      waitAvgSec: meanSec(this.waits.sum, w.length),
      waitP50Sec: secs(nearestRank(w, 50)),
      waitP90Sec: secs(nearestRank(w, 90)),
      waitMaxSec: secs(w.length ? w[w.length - 1]! : null),
      serviceAvgSec: meanSec(this.services.sum, s.length),
      serviceP90Sec: secs(nearestRank(s, 90)),
      withinTargetPct: pct(this.withinTarget, this.served),
    };
  }
}

/** The order of a report's CSV columns: the contract's fields first, then the extensions. */
export const FIGURE_FIELDS: readonly (keyof Figures)[] = [
  'issued', 'served', 'noShow', 'abandoned', 'transferred', 'waitAvgSec', 'waitP50Sec', 'waitP90Sec', 'waitMaxSec',
  'serviceAvgSec', 'withinTargetPct', 'serviceP90Sec',
];
