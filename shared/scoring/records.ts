import type { ComplaintState, LeaveRecord, ScoreEntry, ScoringRecord } from './types.ts';

/** What the manual log says now: voided records drop out, follow-ups fold into their complaint. */
export interface ActiveRecords {
  leave: LeaveRecord[];
  entries: ScoreEntry[];
  complaints: ComplaintState[];
  /** Ids voided, with who voided them, when and why (kept for the record). */
  voided: Map<string, { by: string; at: string; reason: string }>;
}

export function activeRecords(log: readonly ScoringRecord[]): ActiveRecords {
  const voided = new Map<string, { by: string; at: string; reason: string }>();
  for (const r of log) if (r.kind === 'void') voided.set(r.ref, { by: r.enteredBy, at: r.enteredAt, reason: r.reason });
  const out: ActiveRecords = { leave: [], entries: [], complaints: [], voided };
  const complaints = new Map<string, ComplaintState>();
  for (const r of log) {
    if (voided.has(r.id)) continue;
    switch (r.kind) {
      case 'leave':
        out.leave.push(r);
        break;
      case 'score':
        out.entries.push(r);
        break;
      case 'complaint': {
        const c: ComplaintState = { ...r, followUps: [], closedAt: null };
        complaints.set(r.id, c);
        out.complaints.push(c);
        break;
      }
      case 'follow-up': {
        const c = complaints.get(r.ref);
        if (!c) break;
        c.followUps.push({ at: r.enteredAt, by: r.enteredBy, note: r.note });
        if (r.verified !== null) c.verified = r.verified;
        if (r.closed) c.closedAt = r.enteredAt;
        break;
      }
      case 'void':
        break;
    }
  }
  return out;
}

/** The records that bear on one date, for scoring that day. */
export function recordsOn(active: ActiveRecords, date: string): ActiveRecords {
  return {
    leave: active.leave.filter((l) => l.from <= date && date <= l.to),
    entries: active.entries.filter((e) => e.date === date),
    complaints: active.complaints.filter((c) => c.date === date),
    voided: active.voided,
  };
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * Where a complaint stands against its deadline as of a date: overdue while open past its due
 * date, or answered late when closed after it. `daysOver` counts calendar days past the due date.
 */
export function complaintDeadline(c: ComplaintState, asOf: string): { overdue: boolean; closedLate: boolean; daysOver: number } {
  // closedAt is an ISO time in the hall's zone, so its first ten characters are the local date.
  const end = c.closedAt ? c.closedAt.slice(0, 10) : asOf;
  const daysOver = Math.max(0, dayNumber(end) - dayNumber(c.dueDate));
  return { overdue: !c.closedAt && daysOver > 0, closedLate: c.closedAt !== null && daysOver > 0, daysOver };
}
