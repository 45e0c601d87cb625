import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A token as the hub and the centre both write them: the claims as base64url JSON, a dot, and an
 * HMAC-SHA256 of that body with the issuer's key. One definition, so the two cannot drift apart.
 */
export function signToken(key: Buffer, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

/**
 * The claims of a token signed with `key` whose `exp` (epoch ms) is after `now`, or null: a
 * forged, malformed, overlong or expired token. The signature is compared in constant time.
 * Callers check the claims' other fields themselves.
 */
export function openToken(key: Buffer, token: unknown, now: number): ({ exp: number } & Record<string, unknown>) | null {
  if (typeof token !== 'string' || token.length > 1000) return null;
  const [body, sig] = token.split('.');
  if (!body || !sig) return null;
  const want = Buffer.from(sign(key, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    if (!c || typeof c !== 'object' || Array.isArray(c)) return null;
    const exp = (c as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp > now ? (c as { exp: number } & Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
