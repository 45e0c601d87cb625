import type { NextFunction, Request, RequestHandler, Response } from 'express';
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

export function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim() || null;
}

/** Checks the token once per router; `role` narrows to managers. */
export function requireStaff(tokens: Tokens, clock: Clock, role?: 'manager'): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(noToken);
    const claims = tokens.verify(token, clock.now());
    if (!claims) return next(badToken);
    if (role === 'manager' && claims.role !== 'manager') return next(notManager);
    req.staff = claims;
    next();
  };
}
