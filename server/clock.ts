/**
 * The hub's clock. Training halls, demos and tests start it at a chosen instant and run it faster
 * than real time; it never runs behind the last recorded event, so a restart cannot make time
 * (and the queue order) go backwards.
 */
export interface Clock {
  now(): number;
  /** Never answer earlier than this instant again (the last journaled event). */
  notBefore(ms: number): void;
  readonly speed: number;
}

export function createClock(opts: { start?: number; speed?: number; real?: () => number } = {}): Clock {
  const real = opts.real ?? Date.now;
  const speed = opts.speed ?? 1;
  const realStart = real();
  let origin = opts.start ?? realStart;
  let floor = -Infinity;
  return {
    speed,
    now() {
      const t = Math.floor(origin + (real() - realStart) * speed);
      if (t < floor) return floor;
      floor = t;
      return t;
    },
    notBefore(ms: number) {
      const t = origin + (real() - realStart) * speed;
      if (t < ms) origin += ms - t;
      floor = Math.max(floor, ms);
    },
  };
}

/** A clock tests move by hand. */
export type ManualClock = Clock & { set(ms: number): void; advance(ms: number): void };

export function manualClock(start: number): ManualClock {
  let t = start;
  return {
    speed: 1,
    now: () => t,
    notBefore(ms) {
      if (t < ms) t = ms;
    },
    set(ms) {
      t = ms;
    },
    advance(ms) {
      t += ms;
    },
  };
}
