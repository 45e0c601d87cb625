import { z } from 'zod';
import { OUTCOMES, PAUSE_REASONS } from '../../shared/events.ts';

/** One schema per incoming message. Unknown keys are stripped; missing or mistyped ones are 400. */
const idLike = z.string().min(1).max(64);
const body = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

export const issueTicketBody = body({
  serviceId: idLike,
  priority: z.boolean().default(false),
  kioskId: z.string().max(64).optional(),
});
export const ratingBody = body({ score: z.number().int().min(1).max(5), key: z.string().min(1).max(100).optional() });
export const loginBody = body({ staffId: idLike, pin: z.string().min(1).max(64) });
export const signInBody = body({ post: z.enum(['A', 'B']), handover: z.boolean().default(false) });
export const finishBody = body({ outcome: z.enum(OUTCOMES as [string, ...string[]]).default('done') });
export const transferBody = body({ serviceId: idLike, reason: z.string().max(200).default('') });
export const pauseBody = body({
  reason: z.enum(PAUSE_REASONS as [string, ...string[]]),
  note: z.string().max(200).default(''),
  expectedBackAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export const emptyBody = body({});
export const syncMessage = body({ lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const pathId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
