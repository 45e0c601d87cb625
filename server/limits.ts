import type { Request } from 'express';

/**
 * Per-client bounds at the edge: wrong PINs and pairing codes per address, tickets per address.
 * Everything here is in memory on purpose: a restart forgets it, which costs an attacker a restart
 * of the hub they cannot cause, and keeps the hot paths free of disk writes.
 */

/** The client's address as the hub's socket sees it. Proxies are not trusted: a hall hub sits on the LAN. */
export function clientAddress(req: Pick<Request, 'socket'>): string {
  return plainAddress(req.socket.remoteAddress ?? 'unknown');
}

/** An IPv4 client on a dual-stack socket (`::ffff:192.168.1.20`) as the IPv4 address it is. */
export function plainAddress(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/**
 * A token bucket: `burst` takes at once, refilled by one every `refillMs`. `take` is true when one
 * was there to take; `waitMs` is how long from the last `take` until the next would succeed.
 */
export function tokenBucket(burst: number, refillMs: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + (t - last) / refillMs);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs: () => Math.ceil((1 - tokens) * refillMs),
  };
}

const MAX_KEYS = 50_000;

function recent(list: number[] | undefined, since: number): number[] {
  return (list ?? []).filter((t) => t > since);
}

/**
 * Wrong guesses (PINs, pairing codes): `perId` wrong ones for one id from one address within
 * `windowMs` lock that address out of that id for `lockMs`; `perAddress` wrong ones from one
 * address over all ids lock that address out of every id. Guesses still being checked count
 * before they are judged, so guesses sent at once cannot exceed the limits.
 */
export class GuessThrottle {
  private failures = new Map<string, number[]>();
  private lockedUntil = new Map<string, number>();
  private checking = new Map<string, number>();

  constructor(
    readonly perId = 5,
    readonly perAddress = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
  ) {}

  private keys(address: string, id: string): [string, string] {
    return [`${address}\u0000${id}`, `${address}\u0000*`];
  }

  /** Ms until this address may try this id again, or 0. */
  lockedFor(address: string, id: string, now: number): number {
    let wait = 0;
    for (const k of this.keys(address, id)) wait = Math.max(wait, (this.lockedUntil.get(k) ?? 0) - now);
    return Math.max(0, wait);
  }

  /** Claims one check, or false when counted failures plus checks in flight reach a limit. Pair every true with `done`. */
  begin(address: string, id: string, now: number): boolean {
    const since = now - this.windowMs;
    const [one, all] = this.keys(address, id);
    const limits: [string, number][] = [[one, this.perId], [all, this.perAddress]];
    for (const [k, max] of limits) {
      if (recent(this.failures.get(k), since).length + (this.checking.get(k) ?? 0) >= max) return false;
    }
    for (const [k] of limits) this.checking.set(k, (this.checking.get(k) ?? 0) + 1);
    return true;
  }

  done(address: string, id: string): void {
    for (const k of this.keys(address, id)) {
      const n = (this.checking.get(k) ?? 1) - 1;
      if (n > 0) this.checking.set(k, n);
      else this.checking.delete(k);
    }
  }

  fail(address: string, id: string, now: number): void {
    const since = now - this.windowMs;
    const [one, all] = this.keys(address, id);
    for (const [k, max] of [[one, this.perId], [all, this.perAddress]] as const) {
      const list = recent(this.failures.get(k), since);
      list.push(now);
      if (list.length >= max) {
        this.lockedUntil.set(k, now + this.lockMs);
        this.failures.delete(k);
      } else {
        this.failures.set(k, list);
      }
    }
    // Bound memory when someone sprays made-up ids: drop what has expired, then the oldest.
    if (this.failures.size > MAX_KEYS) this.failures = new Map([...this.failures].filter(([, l]) => l.some((t) => t > since)).slice(-MAX_KEYS / 2));
    if (this.lockedUntil.size > MAX_KEYS) this.lockedUntil = new Map([...this.lockedUntil].filter(([, t]) => t > now));
  }

  /** A right guess clears that id's count for this address (not the address-wide one). */
  succeed(address: string, id: string): void {
    this.failures.delete(this.keys(address, id)[0]);
  }
}

/** At most `limit()` uses per key (a client address) in any hour of hub time. */
export class HourlyQuota {
  private used = new Map<string, number[]>();
  constructor(private readonly limit: () => number) {}

  limitNow(): number {
    return this.limit();
  }

  /** Takes one use, or returns false when the hour's uses are spent. */
  take(key: string, now: number): boolean {
    const list = recent(this.used.get(key), now - 3_600_000);
    if (list.length >= this.limit()) {
      this.used.set(key, list);
      return false;
    }
    list.push(now);
    this.used.set(key, list);
    if (this.used.size > MAX_KEYS) this.used = new Map([...this.used].filter(([, l]) => l.some((t) => t > now - 3_600_000)));
    return true;
  }

  /** Gives back a use whose request failed (an unknown service, a full day): only tickets count. */
  giveBack(key: string, at: number): void {
    const list = this.used.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }
}
