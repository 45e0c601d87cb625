import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { StaffRole } from '../shared/config.ts';
import type { PinHasher } from './pinWorker.ts';
import { openToken, signToken } from './signedToken.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

/** `scrypt$<salt hex>$<hash hex>`; PINs are never stored or returned in clear. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, 32);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * Checks a PIN against its stored hash. Logins pass a `PinHasher` so the work runs on its own
 * thread; config import (start-up only) may use the libuv pool.
 */
export async function verifyPin(pin: string, stored: string, hasher?: PinHasher): Promise<boolean> {
  const [kind, saltHex, hashHex] = stored.split('$');
  if (kind !== 'scrypt' || !saltHex || !hashHex) return false;
  const salt = Buffer.from(saltHex, 'hex');
  const hash = hasher ? await hasher.hash(pin, salt) : await scrypt(pin, salt, 32);
  const want = Buffer.from(hashHex, 'hex');
  return want.length === hash.length && timingSafeEqual(want, hash);
}

/** A fingerprint of a staffer's credentials: it changes when their PIN does. */
export function pinFingerprint(pinHash: string): string {
  return createHash('sha256').update(pinHash).digest('hex').slice(0, 16);
}

export interface TokenClaims {
  staffId: string;
  role: StaffRole;
  /** Expiry, hub time in ms. */
  exp: number;
  /** Fingerprint of the PIN hash at login: a changed PIN ends the token. */
  fp?: string;
  /** The staffer's sign-out-everywhere generation at login. */
  g?: number;
}

/**
 * Signed tokens (HMAC-SHA256 over the claims) so a hub restart does not log every counter out;
 * the key lives in the data dir. `stillValid` is asked on every check, so a token whose staffer
 * was removed, changed role or PIN, or was signed out everywhere stops at once.
 */
export class Tokens {
  constructor(
    private readonly key: Buffer,
    private readonly stillValid: (claims: TokenClaims) => boolean = () => true,
  ) {}

  issue(claims: TokenClaims): string {
    return signToken(this.key, claims);
  }

  /** The claims of a valid, unexpired, unrevoked token, or null. */
  verify(token: string, now: number): TokenClaims | null {
    const c = openToken(this.key, token, now) as TokenClaims | null;
    return c && this.stillValid(c) ? c : null;
  }
}
