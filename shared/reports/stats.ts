/**
 * Exact figures over a period's tickets. Values are whole milliseconds kept in growable Int32
 * arrays (a wait longer than 24 days cannot happen within a business day), sorted once when the
 * figures are read: exact, and a typed sort of 750,000 values takes tens of milliseconds.
 */
export class Values {
  private buf = new Int32Array(64);
  length = 0;
  sum = 0;

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
    this.sum += v;
  }

  sorted(): Int32Array {
    return this.buf.slice(0, this.length).sort();
  }
}

/**
 * Nearest-rank percentile of ascending values: the smallest value with at least p% of the values
 * at or below it, i.e. the value at rank ⌈p·N/100⌉. Null over an empty set.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[rank - 1] ?? null;
}

export const secs = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

/** Mean in seconds, to the millisecond (the journal's resolution). */
export function meanSec(sumMs: number, n: number): number | null {
  return n === 0 ? null : Math.round(sumMs / n) / 1000;
}

/** A share as a percentage from 0 to 100, to two decimals; null over an empty set. */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 10000) / whole) / 100;
}
