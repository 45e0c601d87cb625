import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import { DomainError, notFound } from '../../shared/errors.ts';
import { toIso } from '../../shared/time.ts';
import { verifyPin, type Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { clientAddress, type GuessThrottle } from '../limits.ts';
import { HASHER_BUSY, MAX_QUEUED_HASHES, type PinHasher } from '../pinWorker.ts';
import { claimsFor, type StaffSessions } from '../sessions.ts';
import type { ConfigStore } from '../store.ts';
import { requireStaff } from './auth.ts';
import { errorBody, parse, statusOf, wantsEnglish } from './errors.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';
import { loginBody, pathId } from './schemas.ts';

/** Hours a staff token lasts (hub time): one working day. */
const TOKEN_HOURS = 14;
/** A hash that matches no PIN: unknown ids cost the same scrypt as known ones. */
const NO_HASH = `scrypt$${'00'.repeat(16)}$${'00'.repeat(32)}`;

/** One error per number of minutes (1–15), made once: a locked-out phone's burst builds no stack traces. */
const tooManyByMinutes = new Map<number, DomainError>();
const tooMany = (min: number) => {
  let e = tooManyByMinutes.get(min);
  if (!e) {
    e = new DomainError('throttled', 'TOO_MANY_ATTEMPTS', `密码错误次数过多，请 ${min} 分钟后再试`, `Too many wrong PINs; try again in ${min} min`);
    tooManyByMinutes.set(min, e);
  }
  return e;
};

export interface LoginDeps {
  hub: Hub;
  store: ConfigStore;
  tokens: Tokens;
  throttle: GuessThrottle;
  hasher: PinHasher;
  sessions: StaffSessions;
}

/**
 * Logins that will be refused whatever they say, answered before Express and the body parser see
 * them: from an address locked out of every id, or while the PIN queue is full. A phone sending
 * logins in bursts of 64 then costs the hub's thread about what a request costs Node itself; through
 * Express, each refusal walked the whole middleware stack to the error handler, and a burst held
 * the thread for 30–50 ms. True when the request was answered here.
 */
export function refuseLoginEarly(d: Pick<LoginDeps, 'hub' | 'throttle' | 'hasher'>): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const path = req.url?.split('?', 1)[0];
    if (path !== '/api/auth/login' && path !== '/api/auth/login/') return false;
    // The id '*' names the address-wide count (see GuessThrottle): only that lock is asked here.
    const wait = d.throttle.lockedFor(clientAddress(req), '*', d.hub.clock.now());
    const refusal = wait > 0 ? tooMany(Math.ceil(wait / 60_000)) : d.hasher.queued >= MAX_QUEUED_HASHES ? HASHER_BUSY : null;
    if (!refusal) return false;
    const body = JSON.stringify(errorBody(refusal, wantsEnglish(req)));
    // The body is not read: Node discards it, and the connection stays usable.
    res.writeHead(statusOf(refusal), { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  };
}

/**
 * Staff login and its throttle. Staff numbers are public by rule (岗位公开), so wrong PINs lock
 * out the address that sent them, never the staffer: 5 wrong for one id from one address, or 20
 * over all ids from one address, within 15 minutes.
 */
export function loginRoutes(d: LoginDeps): Router {
  const r = Router();

  r.post('/api/auth/login', async (req, res) => {
    const { staffId, pin } = parse(loginBody, req.body);
    const now = d.hub.clock.now();
    const address = clientAddress(req);
    const wait = d.throttle.lockedFor(address, staffId, now);
    if (wait > 0) throw tooMany(Math.ceil(wait / 60_000));
    // Guesses sent together are counted before they are judged, so no more than the limit are ever checked.
    if (!d.throttle.begin(address, staffId, now)) throw tooMany(15);
    const staff = d.store.config?.staff.find((s) => s.id === staffId);
    const hash = d.store.pinHash(staffId);
    let ok: boolean;
    try {
      ok = await verifyPin(pin, hash ?? NO_HASH, d.hasher);
    } finally {
      d.throttle.done(address, staffId);
    }
    if (!staff || !hash || !ok) {
      d.throttle.fail(address, staffId, now);
      throw new DomainError('unauthorized', 'BAD_CREDENTIALS', '工号或密码错误', 'Wrong staff number or PIN');
    }
    d.throttle.succeed(address, staffId);
    const exp = now + TOKEN_HOURS * 3_600_000;
    res.json({
      token: d.tokens.issue(claimsFor(staff, hash, d.sessions, exp)),
      staff: { id: staff.id, name: staff.name, role: staff.role },
      expiresAt: toIso(exp, d.hub.tz),
      window: d.hub.state.staffWindow.get(staff.id) ?? null,
    });
  });

  // A lost phone, a shared PC left logged in: a manager (or the staffer) ends every token at once.
  r.post('/api/staff/:staffId/sign-out-everywhere', requireStaff(d.tokens, d.hub.clock), async (req, res) => {
    const staffId = parse(pathId, req.params.staffId);
    const me = req.staff!;
    if (me.role !== 'manager' && me.staffId !== staffId) {
      throw new DomainError('forbidden', 'FORBIDDEN', '需要管理员权限', 'Managers only');
    }
    if (!d.store.config?.staff.some((s) => s.id === staffId)) throw notFound('UNKNOWN_STAFF', `没有工号 ${staffId}`, `No staff ${staffId}`);
    await d.sessions.signOutEverywhere(staffId);
    res.json({ staffId, signedOut: true });
  });

  return r;
}
