import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../shared/errors.ts';
import { clientAddress, tokenBucket } from '../limits.ts';

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

/**
 * Paces the heaviest reports per staffer (by the token's staff id; per address without one): a
 * report past the pace is not refused but answered when its turn comes, so a screen that asks
 * again at once simply gets its answers more slowly, and a script asking back to back cannot hold
 * the hub's thread on reports while tickets and calls wait. One that is no longer listening when
 * its turn comes is not computed.
 */
export function reportPacer(pace: ReportPace = DEFAULT_REPORT_PACE, now: () => number = () => performance.now()) {
  const paces = new Map<string, { bucket: ReturnType<typeof tokenBucket>; waiting: { gone: () => boolean; go: () => void }[]; timer: NodeJS.Timeout | null }>();
  const drain = (p: NonNullable<ReturnType<typeof paces.get>>) => {
    p.timer = null;
    while (p.waiting.length) {
      // Gone while waiting (the page closed, the client gave up): nothing to compute, no turn used.
      if (p.waiting[0]!.gone()) p.waiting.shift();
      else if (p.bucket.take()) p.waiting.shift()!.go();
      else {
        p.timer = setTimeout(() => drain(p), Math.max(1, p.bucket.waitMs()));
        return;
      }
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.staff?.staffId ?? `@${clientAddress(req)}`;
    let p = paces.get(key);
    if (!p) paces.set(key, (p = { bucket: tokenBucket(pace.burst, pace.refillMs, now), waiting: [], timer: null }));
    if (!p.waiting.length && p.bucket.take()) return next();
    if (p.waiting.length >= pace.maxWaiting) throw tooMany;
    p.waiting.push({ gone: () => Boolean(req.socket?.destroyed) || res.writableEnded, go: () => next() });
    p.timer ??= setTimeout(() => drain(p), Math.max(1, p.bucket.waitMs()));
  };
}
