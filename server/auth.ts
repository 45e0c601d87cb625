import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

/** `scrypt$<salt hex>$<hash hex>`; PINs are never stored or returned in clear. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, 32);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [kind, saltHex, hashHex] = stored.split('$');
  if (kind !== 'scrypt' || !saltHex || !hashHex) return false;
  const hash = await scrypt(pin, Buffer.from(saltHex, 'hex'), 32);
  const want = Buffer.from(hashHex, 'hex');
  return want.length === hash.length && timingSafeEqual(want, hash);
}

export interface TokenClaims {
  staffId: string;
  role: 'staff' | 'manager';
  /** Expiry, hub time in ms. */
  exp: number;
}

/**
 * Signed tokens (HMAC-SHA256 over the claims) so a hub restart does not log every counter out;
 * the key lives in the data dir.
 */
export class Tokens {
  constructor(private readonly key: Buffer) {}

  issue(claims: TokenClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The claims of a valid, unexpired token, or null. */
  verify(token: string, now: number): TokenClaims | null {
    if (typeof token !== 'string' || token.length > 1000) return null;
    const [body, sig] = token.split('.');
    if (!body || !sig) return null;
    const want = Buffer.from(this.sign(body));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof c.exp !== 'number' || c.exp <= now) return null;
      return c;
    } catch {
      return null;
    }
  }

  private sign(body: string) {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** Wrong PINs per staff id: after `max` within `windowMs`, the id is locked for `lockMs`. */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  private lockedUntil = new Map<string, number>();
  /** PINs being checked right now: scrypt is slow, and guesses sent at once must count before they are judged. */
  private checking = new Map<string, number>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
  ) {}

  /** Ms until the id may try again, or 0. */
  lockedFor(id: string, now: number): number {
    const until = this.lockedUntil.get(id) ?? 0;
    return until > now ? until - now : 0;
  }

  /**
   * Claims one check of a PIN for the id, or false when the wrong ones already counted plus those
   * still being checked reach the limit. Pair every true with `done`.
   */
  begin(id: string, now: number): boolean {
    const recent = (this.failures.get(id) ?? []).filter((t) => t > now - this.windowMs).length;
    const inFlight = this.checking.get(id) ?? 0;
    if (recent + inFlight >= this.max) return false;
    this.checking.set(id, inFlight + 1);
    return true;
  }

  done(id: string): void {
    const n = (this.checking.get(id) ?? 1) - 1;
    if (n > 0) this.checking.set(id, n);
    else this.checking.delete(id);
  }

  fail(id: string, now: number): void {
    const recent = (this.failures.get(id) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    if (recent.length >= this.max) {
      this.lockedUntil.set(id, now + this.lockMs);
      this.failures.delete(id);
    } else {
      this.failures.set(id, recent);
    }
    // Bound memory when someone sprays made-up ids.
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(id: string): void {
    this.failures.delete(id);
  }
}
