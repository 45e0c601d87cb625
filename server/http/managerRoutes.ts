import { Router } from 'express';
import type { Tokens } from '../auth.ts';
import type { Hub } from '../hub.ts';
import { ratingFeedbackRoutes } from '../scoring/feedbackRoutes.ts';
import type { Trust } from '../trust.ts';
import { scoringFor } from '../scoring/index.ts';
import { requireStaff } from './auth.ts';
import { reportPacer } from './reportPacer.ts';
import { managerAdminRoutes } from './managerAdminRoutes.ts';
import { scoresRoutes } from './scoresRoutes.ts';
import { waitsRoutes } from './waitsRoutes.ts';
import { departuresRoutes } from '../reports/departures.ts';

/**
 * Manager-only endpoints. Each area adds its own router below, after the role check:
 * wait-time reports, performance scores and administration.
 */
export function managerRoutes(hub: Hub, tokens: Tokens, dataDir: string, trust?: Trust, scoring = scoringFor(hub, dataDir)): Router {
  const r = Router();
  const managers = requireStaff(tokens, hub.clock, 'manager');
  r.use('/api/reports', managers);
  r.use('/api/admin', managers);
  r.use('/api/manager', managers);
  // The heaviest reports, paced per staffer (see reportPacer): the multi-day wait report (and its
  // heat map) and the score roll-up.
  r.use(['/api/reports/waits', '/api/reports/scores/rollup'], reportPacer());
  // Public (the pad, the phone with its key): a bad rating's reasons land in the complaint register.
  if (trust) r.use(ratingFeedbackRoutes(hub, trust, scoring));
  r.use(scoresRoutes(hub, scoring));
  r.use(managerAdminRoutes(hub, scoring));
  r.use(waitsRoutes(hub, dataDir));
  r.use(departuresRoutes(hub, dataDir));
  return r;
}
