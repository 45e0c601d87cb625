import type { Tally } from './figures.ts';
import { rankOf } from './stats.ts';

/**
 * Large arrays reused by every report rather than allocated per question: a year's arrays are
 * tens of megabytes outside the JavaScript heap, freed only when a collection happens to run, so
 * a few questions in a row would pile up dead copies. Reports run synchronously, one at a time,
 * and every slot is written before it is read, so one set serves them all. The order an
 * `ascendingOrder` returns is valid until the next call.
 */
const scratch = { int32: [] as Int32Array[], uint16: [] as Uint16Array[] };

function reuse<T extends Int32Array | Uint16Array>(slots: T[], slot: number, n: number, type: { new (n: number): T }): T {
  let a = slots[slot];
  if (!a || a.length < n) {
    a = new type(n);
    slots[slot] = a;
  }
  return a.subarray(0, n) as T;
}

/** A served ticket not counted in a dimension (no window, no staffer). */
export const NO_GROUP = 0xffff;
/** A served ticket without a service time (finished without a start after its transfer). */
const NO_SERVICE = -2147483648;

/**
 * The served tickets of a period, once each: wait, service time and the group they count under
 * in every dimension (service, window, staffer, hour). Exact percentiles per group come from one
 * sort of all waits and one of all service times: walking the sorted order, the k-th value met
 * of a group is that group's k-th smallest. Kept once instead of once per group, a busy year's
 * values take 10 MB instead of 60, and two sorts replace hundreds.
 */
export class ServedTickets {
  length = 0;
  private readonly wait: Int32Array;
  private readonly service: Int32Array;
  private readonly groups: Uint16Array[];

  constructor(capacity: number, dimensions: number) {
    this.wait = reuse(scratch.int32, 0, capacity, Int32Array);
    this.service = reuse(scratch.int32, 1, capacity, Int32Array);
    this.groups = Array.from({ length: dimensions }, (_, d) => reuse(scratch.uint16, d, capacity, Uint16Array));
  }

  /** `groups` holds one tally index per dimension, or NO_GROUP. */
  push(waitMs: number, serviceMs: number | null, groups: ArrayLike<number>): void {
    const i = this.length++;
    this.wait[i] = waitMs;
    this.service[i] = serviceMs ?? NO_SERVICE;
    for (let d = 0; d < this.groups.length; d++) this.groups[d]![i] = groups[d]!;
  }

  /**
   * Writes P50/P90/max of waits and P90 of service times into the tallies: `dimensions[d]` are
   * the tallies indexed by `groups[d]`; `total` counts every ticket.
   */
  rank(dimensions: readonly (readonly Tally[])[], total: Tally): void {
    const sets = [...dimensions.map((tallies, d) => ({ tallies, group: this.groups[d]! as Uint16Array | null })), { tallies: [total], group: null }];
    // One sort at a time, its order dropped before the next: the period's largest transient arrays.
    let order = ascendingOrder(this.wait, this.length, false);
    for (const { tallies, group } of sets) {
      const seen = new Int32Array(tallies.length);
      const w50 = tallies.map((t) => rankOf(t.waitCount, 50));
      const w90 = tallies.map((t) => rankOf(t.waitCount, 90));
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        const g = group ? group[i]! : 0;
        if (g === NO_GROUP) continue;
        const t = tallies[g]!;
        const n = ++seen[g]!;
        const v = this.wait[i]!;
        if (n === w50[g]) t.waitP50Ms = v;
        if (n === w90[g]) t.waitP90Ms = v;
        if (n === t.waitCount) t.waitMaxMs = v;
      }
    }
    order = ascendingOrder(this.service, this.length, true);
    for (const { tallies, group } of sets) {
      const seen = new Int32Array(tallies.length);
      const s90 = tallies.map((t) => rankOf(t.serviceCount, 90));
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        const g = group ? group[i]! : 0;
        if (g === NO_GROUP) continue;
        if (++seen[g]! === s90[g]) tallies[g]!.serviceP90Ms = this.service[i]!;
      }
    }
  }
}

/**
 * Indexes of `values[0..n)` in ascending order of value, leaving out NO_SERVICE when `skipNone`:
 * an LSD radix sort of the indexes (three passes of 11 bits over the sign-flipped 32-bit value),
 * reading each value through its index so that only two index arrays are allocated.
 */
export function ascendingOrder(values: Int32Array, n: number, skipNone: boolean): Int32Array {
  let m = 0;
  for (let i = 0; i < n; i++) if (!skipNone || values[i] !== NO_SERVICE) m++;
  let idx = reuse(scratch.int32, 2, m, Int32Array);
  for (let i = 0, j = 0; i < n; i++) if (!skipNone || values[i] !== NO_SERVICE) idx[j++] = i;
  let next = reuse(scratch.int32, 3, m, Int32Array);
  const count = new Int32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[((values[idx[i]!]! ^ 0x80000000) >>> shift) & 2047]! += 1;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const at = idx[i]!;
      next[count[((values[at]! ^ 0x80000000) >>> shift) & 2047]!++] = at;
    }
    [idx, next] = [next, idx];
  }
  return idx;
}
