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
    return radixSort(this.buf.subarray(0, this.length));
  }
}

/**
 * Ascending copy of int32 values. Waits and service times are never negative, and an LSD radix
 * sort of them (three passes of 11 bits) is several times faster than the engine's typed-array
 * sort on the millions of values of a busy year; anything negative falls back to that sort.
 */
export function radixSort(values: Int32Array): Int32Array {
  const n = values.length;
  let src = Int32Array.from(values);
  if (n < 256) return src.sort();
  for (let i = 0; i < n; i++) if (src[i]! < 0) return src.sort();
  let dst = new Int32Array(n);
  const count = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 2047]! += 1;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[count[(v >>> shift) & 2047]!++] = v;
    }
    [src, dst] = [dst, src];
  }
  return src;
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
