/** Seeded randomness for the simulator (mulberry32): the same seed gives the same hall days. */
export type Rnd = () => number;

export function prng(seed: number): Rnd {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [lo, hi). */
export const between = (rnd: Rnd, lo: number, hi: number): number => lo + (hi - lo) * rnd();

/** A standard normal draw (Box–Muller). */
export function normal(rnd: Rnd): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Lognormal with the given median: service times are skewed, a few take much longer. */
export const lognormal = (rnd: Rnd, median: number, sigma: number): number => median * Math.exp(sigma * normal(rnd));

/** One key by weight. */
export function weighted<T>(rnd: Rnd, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items.at(-1)![0];
}
