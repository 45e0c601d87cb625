import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../shared/errors.ts';
import { clientAddress } from '../limits.ts';

/**
 * How fast one staffer's heavy reports are answered: `burst` at once, then one more every
 * `refillMs`; past that they wait their turn, and past `maxWaiting` waiting the next is refused.
 */
export interface ReportPace {
  burst: number;
  refillMs: number;
  maxWaiting: number;
}

/**
 * A manager's screen opens a report page with two or three reports at once and refreshes it every
 * few seconds: eight at once and four a second more is far beyond it. A script with a manager's
 * token asking again as soon as each answer comes got about 50 wait reports and 50 roll-ups a
 * second, and their sending, checking and answering took a sixth of the hub's thread.
 */
export const DEFAULT_REPORT_PACE: ReportPace = { burst: 8, refillMs: 250, maxWaiting: 16 };

const tooMany = new DomainError('throttled', 'TOO_MANY_REPORTS', '报表请求过多，请稍后再试', 'Too many reports asked at once; try again shortly');

interface Bucket {
  tokens: number;
  at: number;
  waiting: (() => void)[];
  timer: NodeJS.Timeout | null;
}

/**
 * Paces the heaviest reports per staffer (by the token's staff id; per address without one): a
 * report past the pace is not refused but answered when its turn comes, so a screen that asks
 * again at once simply gets its answers more slowly, and a script asking back to back cannot hold
 * the hub's thread on reports while tickets and calls wait. One that is no longer listening when
 * its turn comes is not computed.
 */
export function reportPacer(pace: ReportPace = DEFAULT_REPORT_PACE, now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket) => {
    const t = now();
    const earned = Math.floor((t - b.at) / pace.refillMs);
    if (earned > 0) {
      b.tokens = Math.min(pace.burst, b.tokens + earned);
      b.at = b.tokens === pace.burst ? t : b.at + earned * pace.refillMs;
    }
  };
  const drain = (key: string, b: Bucket) => {
    b.timer = null;
    refill(b);
    while (b.tokens >= 1 && b.waiting.length) {
      b.tokens -= 1;
      b.waiting.shift()!();
    }
    if (b.waiting.length) b.timer = setTimeout(() => drain(key, b), Math.max(1, b.at + pace.refillMs - now()));
    else if (b.tokens >= pace.burst) buckets.delete(key);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.staff?.staffId ?? `@${clientAddress(req)}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { tokens: pace.burst, at: now(), waiting: [], timer: null }));
    refill(b);
    if (!b.waiting.length && b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    if (b.waiting.length >= pace.maxWaiting) throw tooMany;
    b.waiting.push(() => {
      // Gone while waiting (the page closed, the client gave up): nothing to compute.
      if (req.socket?.destroyed || res.writableEnded) {
        b.tokens += 1;
        return;
      }
      next();
    });
    if (!b.timer) b.timer = setTimeout(() => drain(key, b), Math.max(1, b.at + pace.refillMs - now()));
  };
}
