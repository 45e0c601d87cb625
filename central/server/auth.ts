import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { DomainError } from '../../shared/errors.ts';
import { verifyPin } from '../../server/auth.ts';
import { bearer } from '../../server/http/auth.ts';
import { openToken, signToken } from '../../server/signedToken.ts';

export interface CentralClaims {
  userId: string;
  role: 'admin' | 'viewer';
  /** Expiry, epoch ms. */
  exp: number;
}

/** What a request may see: every hall (admin) or the listed ones (viewer). */
export interface Viewer {
  userId: string;
  name: string;
  role: 'admin' | 'viewer';
  halls: string[] | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    viewer?: Viewer;
  }
}

export const TOKEN_HOURS = 12;

/** Tokens signed with a key kept in the database, so every centre process accepts every token. */
export class CentralTokens {
  constructor(private readonly key: Buffer) {}

  issue(c: CentralClaims): string {
    return signToken(this.key, c);
  }

  verify(token: unknown, now: number): CentralClaims | null {
    const c = openToken(this.key, token, now);
    return c && typeof c.userId === 'string' ? (c as unknown as CentralClaims) : null;
  }
}

export const unauthorized = () => new DomainError('unauthorized', 'UNAUTHORIZED', '请先登录', 'Please log in');
export const forbiddenHall = (id: string) => new DomainError('forbidden', 'FORBIDDEN_HALL', `无权查看 ${id}`, `You may not see hall ${id}`);

/**
 * Resolves a token to its user as the database has it now, so a user removed or given fewer halls
 * loses them at once. Users are few; one indexed read per request.
 */
export async function viewerOf(pool: pg.Pool, tokens: CentralTokens, token: unknown): Promise<Viewer | null> {
  const claims = tokens.verify(token, Date.now());
  if (!claims) return null;
  const r = await pool.query<{ name: string; role: 'admin' | 'viewer'; halls: string[] }>('select name, role, halls from users where user_id = $1', [claims.userId]);
  const u = r.rows[0];
  if (!u) return null;
  return { userId: claims.userId, name: u.name, role: u.role, halls: u.role === 'admin' ? null : u.halls };
}

export function requireViewer(pool: pg.Pool, tokens: CentralTokens) {
  return (req: Request, _res: Response, next: NextFunction) => {
    viewerOf(pool, tokens, bearer(req))
      .then((v) => {
        if (!v) return next(unauthorized());
        req.viewer = v;
        next();
      })
      .catch(next);
  };
}

export function maySee(v: Viewer, hallId: string): boolean {
  return v.halls === null || v.halls.includes(hallId);
}

/**
 * Hall keys are scrypt-hashed in the database; checking one takes ~50 ms of the thread pool, too
 * slow for every batch. A key once proved is remembered by its SHA-256 for this process.
 */
export class HallKeys {
  private proved = new Map<string, string>();
  private refused = new Map<string, number>();

  constructor(private readonly pool: pg.Pool) {}

  /** 'ok', 'unknown-key' (401) or 'other-hall' (403: the key of another hall). */
  async check(hallId: string, key: string | null): Promise<'ok' | 'unknown-key' | 'other-hall'> {
    if (!key || key.length > 200) return 'unknown-key';
    const digest = createHash('sha256').update(key).digest('hex');
    const known = this.proved.get(digest);
    if (known !== undefined) return known === hallId ? 'ok' : 'other-hall';
    if ((this.refused.get(digest) ?? 0) > Date.now()) return 'unknown-key';
    const halls = (await this.pool.query<{ hall_id: string; key_hash: string }>('select hall_id, key_hash from halls order by hall_id = $1 desc, hall_id', [hallId])).rows;
    // A wrong key costs one scrypt per hall it is checked against: the hall's own key first, then
    // at most 20 others (to tell a key of another hall, 403, from a wrong one, 401), and a key
    // refused once is refused again without checking for a minute.
    for (const h of halls.slice(0, 21)) {
      if (await verifyPin(key, h.key_hash)) {
        if (this.proved.size > 10_000) this.proved.clear();
        this.proved.set(digest, h.hall_id);
        return h.hall_id === hallId ? 'ok' : 'other-hall';
      }
    }
    if (this.refused.size > 10_000) this.refused.clear();
    this.refused.set(digest, Date.now() + 60_000);
    return 'unknown-key';
  }
}

/**
 * Wrong PINs per user and client address: 5 within 15 minutes lock that pair for 15 minutes.
 * PINs being checked count too, so guesses sent at once cannot exceed the limit.
 */
export class PinThrottle {
  private failures = new Map<string, number[]>();
  private checking = new Map<string, number>();
  private static readonly MAX = 5;
  private static readonly WINDOW_MS = 15 * 60_000;

  begin(key: string, now: number): boolean {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - PinThrottle.WINDOW_MS);
    this.failures.set(key, recent);
    const inFlight = this.checking.get(key) ?? 0;
    if (recent.length + inFlight >= PinThrottle.MAX) return false;
    this.checking.set(key, inFlight + 1);
    return true;
  }
  done(key: string) {
    const n = (this.checking.get(key) ?? 1) - 1;
    if (n > 0) this.checking.set(key, n);
    else this.checking.delete(key);
  }
  fail(key: string, now: number) {
    if (this.failures.size > 10_000) this.failures.clear();
    this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }
  succeed(key: string) {
    this.failures.delete(key);
  }
}
