import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { StaffRole } from '../../shared/config.ts';
import { DomainError } from '../../shared/errors.ts';
import type { TokenClaims, Tokens } from '../auth.ts';
import type { Clock } from '../clock.ts';

declare module 'express-serve-static-core' {
  interface Request {
    staff?: TokenClaims;
  }
}

const noToken = new DomainError('unauthorized', 'UNAUTHORIZED', '请先登录', 'Please log in');
const badToken = new DomainError('unauthorized', 'UNAUTHORIZED', '登录已过期，请重新登录', 'Your session has expired; log in again');
const notManager = new DomainError('forbidden', 'FORBIDDEN', '需要管理员权限', 'Managers only');
const wrongRole = new DomainError('forbidden', 'FORBIDDEN', '您的岗位无权进行此操作', 'Your role may not do this');

export function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim() || null;
}

/**
 * Checks the token once per router; `roles` (when given) are the roles allowed, e.g.
 * `requireStaff(tokens, clock, 'lobby', 'manager')`. Revoked tokens fail here (see Tokens).
 */
export function requireStaff(tokens: Tokens, clock: Clock, ...roles: StaffRole[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(noToken);
    const claims = tokens.verify(token, clock.now());
    if (!claims) return next(badToken);
    if (roles.length && !roles.includes(claims.role)) return next(roles.length === 1 && roles[0] === 'manager' ? notManager : wrongRole);
    req.staff = claims;
    next();
  };
}

/** `requireRole(tokens, clock)('lobby', 'manager')`: the same check, read the other way round. */
export const requireRole = (tokens: Tokens, clock: Clock) => (...roles: StaffRole[]) => requireStaff(tokens, clock, ...roles);
