import type { NextFunction, Request, Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../shared/errors.ts';
import { reportPacer } from '../../server/http/reportPacer.ts';

/**
 * Heavy reports are paced per staffer: a burst at once, then one per refill; past the pace they
 * wait their turn rather than being refused, and only a queue past its bound is refused.
 */
describe('the report pacer', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };
  const ask = (pacer: ReturnType<typeof reportPacer>, staffId: string, gone = false) => {
    const asked = { answered: false };
    const req = { staff: { staffId }, socket: { destroyed: gone }, headers: {} } as unknown as Request;
    const res = { writableEnded: false } as unknown as Response;
    pacer(req, res, (() => (asked.answered = true)) as NextFunction);
    return { ...asked, get answered() { return asked.answered; }, leave: () => ((req.socket as { destroyed: boolean }).destroyed = true) };
  };

  it('answers a burst at once, then one per refill, in the order asked; refuses only past the waiting bound', () => {
    const pacer = reportPacer({ burst: 2, refillMs: 100, maxWaiting: 2 }, () => clock);
    const [a, b, c, d] = [ask(pacer, 'M01'), ask(pacer, 'M01'), ask(pacer, 'M01'), ask(pacer, 'M01')];
    expect([a.answered, b.answered, c.answered, d.answered]).toEqual([true, true, false, false]);
    let refused: unknown;
    try {
      ask(pacer, 'M01');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('TOO_MANY_REPORTS');
    // Another staffer has a pace of their own.
    expect(ask(pacer, 'M02').answered).toBe(true);
    advance(99);
    expect(c.answered).toBe(false);
    advance(1);
    expect([c.answered, d.answered]).toEqual([true, false]);
    advance(100);
    expect(d.answered).toBe(true);
    // Quiet for a while: the burst is back.
    advance(1_000);
    expect([ask(pacer, 'M01').answered, ask(pacer, 'M01').answered, ask(pacer, 'M01').answered]).toEqual([true, true, false]);
  });

  it('does not compute a report whose asker left while it waited: its turn goes to the next', () => {
    const pacer = reportPacer({ burst: 1, refillMs: 100, maxWaiting: 4 }, () => clock);
    expect(ask(pacer, 'M01').answered).toBe(true);
    const left = ask(pacer, 'M01');
    const next = ask(pacer, 'M01');
    left.leave();
    advance(100);
    expect([left.answered, next.answered]).toEqual([false, true]);
  });
});
