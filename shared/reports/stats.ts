/** Small helpers for exact figures; the sorting itself is in ranks.ts. */

/** The rank ⌈p·N/100⌉ (at least 1) of the nearest-rank percentile p over N values; 0 when N is 0. */
export function rankOf(n: number, p: number): number {
  return n === 0 ? 0 : Math.max(1, Math.ceil((p * n) / 100));
}

/**
 * Nearest-rank percentile of ascending values: the smallest value with at least p% of the values
 * at or below it, i.e. the value at rank ⌈p·N/100⌉. Null over an empty set.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[rankOf(n, p) - 1] ?? null;
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
