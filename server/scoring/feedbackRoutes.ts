import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { conflict, notFound } from '../../shared/errors.ts';
import { complaintDue } from '../../shared/scoring/schedule.ts';
import type { ScoringRecord } from '../../shared/scoring/types.ts';
import type { Hub } from '../hub.ts';
import { parse } from '../http/errors.ts';
import { authoriseRating, lastFinishedTracker } from '../http/ratingAccess.ts';
import { pathId } from '../http/schemas.ts';
import type { Trust } from '../trust.ts';
import type { ScoreService } from './service.ts';

/** What went wrong, as the pad offers it (好差评: every bad rating is verified and answered). */
export const FEEDBACK_REASONS = {
  attitude: { zh: '态度', en: 'attitude' },
  efficiency: { zh: '效率', en: 'speed' },
  notice: { zh: '一次性告知未做到', en: 'not told everything needed at once' },
  other: { zh: '其他', en: 'other' },
} as const;
type Reason = keyof typeof FEEDBACK_REASONS;

const feedbackBody = z.object({
  reasons: z.array(z.enum(Object.keys(FEEDBACK_REASONS) as [Reason, ...Reason[]])).min(1).max(4),
  /** Optional number for a call back: 7 to 12 digits (a mobile or a landline with area code). */
  phone: z.string().trim().regex(/^(\d{7,12})?$/, '7 to 12 digits').default(''),
  key: z.string().min(1).max(64).optional(),
});

/**
 * A rating of 1 or 2 followed by what went wrong becomes a follow-up item in the manager's
 * complaint register (channel `pad`), due like an ordinary complaint, unverified until a manager
 * checks it. Allowed to whoever may rate the ticket (its key, or its window's paired pad), once
 * per ticket, and only after such a rating.
 */
export function ratingFeedbackRoutes(hub: Hub, trust: Trust, scoring: () => Promise<ScoreService>): Router {
  const r = Router();
  const lastFinished = lastFinishedTracker(hub);
  r.post('/api/tickets/:id/feedback', async (req, res) => {
    const id = parse(pathId, req.params.id);
    const b = parse(feedbackBody, req.body);
    const ticket = hub.state.tickets.get(id);
    if (!ticket) throw notFound('UNKNOWN_TICKET', '今天没有这张票', 'No such ticket today');
    authoriseRating(trust, req, ticket, b.key, hub.state, hub.clock.now(), lastFinished);
    if (ticket.rating === null || ticket.rating > 2) {
      throw conflict('FEEDBACK_NOT_ASKED', '只有 1 分或 2 分的评价才需要填写原因', 'Reasons are asked only after a rating of 1 or 2');
    }
    const svc = await scoring();
    if (svc.records().complaints.some((c) => c.ticketId === id)) {
      throw conflict('FEEDBACK_ALREADY_GIVEN', '这张票的意见已经收到了', 'Feedback for this ticket has already been given');
    }
    const reasons = [...new Set(b.reasons)];
    const dueDate = complaintDue(svc.store.settings.schedule, ticket.businessDay, 'ordinary');
    const record: ScoringRecord = {
      kind: 'complaint', id: `complaint-${randomBytes(6).toString('hex')}`, enteredBy: 'pad', enteredAt: hub.clockIso(),
      date: ticket.businessDay, staffId: ticket.staffId, windowId: ticket.windowId, surname: '', phone: b.phone,
      content: `评价器差评（${ticket.rating} 分，${ticket.number}）：${reasons.map((x) => FEEDBACK_REASONS[x].zh).join('、')}${b.phone ? '。请回访' : '。未留电话'}`,
      channel: 'pad', complexity: 'ordinary', dueDate, verified: false, ticketId: id,
    };
    await svc.store.append(record);
    res.status(201).json({ id: record.id, dueDate });
  });
  return r;
}
