import { Router } from 'express';
import type { Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { requireStaff } from './auth.ts';

/**
 * Manager-only endpoints. Each area adds its own router below, after the role check:
 * wait-time reports, performance scores and administration.
 */
export function managerRoutes(hub: Hub, tokens: Tokens): Router {
  const r = Router();
  const managers = requireStaff(tokens, hub.clock, 'manager');
  r.use('/api/reports', managers);
  r.use('/api/admin', managers);
  r.use('/api/manager', managers);
  return r;
}
