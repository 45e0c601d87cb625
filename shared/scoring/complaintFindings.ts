import type { Finding } from './attendance.ts';
import { COMPLAINT_KIND } from './labels.ts';
import { complaintDeadline, type ActiveRecords } from './records.ts';

/**
 * Complaints past their deadline (RULES §7: ordinary the same or next day, complex within 5
 * working days), on the card of the staffer and window named, on the day the complaint was taken.
 * They cost no points — the deadline is the hall's to keep, not the staffer's — but a director
 * reading that day's scores must see that a complaint about it is still unanswered, or was late.
 * Only the complaint's id is named: the complainant's details stay on /api/admin.
 */
export function overdueFindings(records: ActiveRecords, asOf: string | undefined): Finding[] {
  if (!asOf) return [];
  const out: Finding[] = [];
  for (const c of records.complaints) {
    if (!c.staffId && !c.windowId) continue;
    const d = complaintDeadline(c, asOf);
    if (!d.overdue && !d.closedLate) continue;
    const kind = COMPLAINT_KIND[c.complexity];
    const evidence = d.overdue
      ? {
          ref: c.id, at: c.enteredAt,
          zh: `投诉 ${c.id}（${kind.zh}，应于 ${c.dueDate} 前答复）逾期未办结，已超 ${d.daysOver} 天`,
          en: `Complaint ${c.id} (${kind.en}, due ${c.dueDate}) still open, ${d.daysOver} day(s) overdue`,
        }
      : {
          ref: c.id, at: c.enteredAt,
          zh: `投诉 ${c.id}（${kind.zh}，应于 ${c.dueDate} 前答复）于 ${c.closedAt!.slice(0, 10)} 办结，超期 ${d.daysOver} 天`,
          en: `Complaint ${c.id} (${kind.en}, due ${c.dueDate}) closed ${c.closedAt!.slice(0, 10)}, ${d.daysOver} day(s) late`,
        };
    out.push({ code: 'complaint-overdue', staffId: c.staffId, windowId: c.windowId, evidence });
  }
  return out;
}
