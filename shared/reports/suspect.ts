/**
 * Times a manager should not trust without a look: a service far longer than its service's target
 * or longer than any real service (a staffer forgot to press "finish" before lunch). Such tickets
 * are listed with the report, and can be left out of its figures on request.
 */
export interface SuspectRule {
  /** A service longer than this many times its service's target is suspect. */
  factor: number;
  /** A service longer than this is suspect whatever the target. */
  maxServiceMs: number;
}

export type SuspectReason = 'service-over-target' | 'service-over-max';

export interface FlaggedTicket {
  id: string;
  number: string;
  day: string;
  serviceId: string;
  windowId: string | null;
  staffId: string | null;
  startedAt: string | null;
  finishedAt: string;
  waitSec: number;
  serviceSec: number | null;
  reasons: string[];
}

export function suspectReasons(serviceMs: number | null, targetServiceMs: number, rule: SuspectRule): SuspectReason[] {
  if (serviceMs === null) return [];
  const reasons: SuspectReason[] = [];
  if (serviceMs > rule.factor * targetServiceMs) reasons.push('service-over-target');
  if (serviceMs > rule.maxServiceMs) reasons.push('service-over-max');
  return reasons;
}
