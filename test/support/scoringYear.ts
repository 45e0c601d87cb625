import type { HallConfig } from '../../shared/config.ts';
import type { HallEvent } from '../../shared/events.ts';
import { isWorkingDay } from '../../shared/scoring/schedule.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { addDays, localTimeToMs, toIso } from '../../shared/time.ts';

/**
 * A scoring year: 250 business days of 40 staff, each day deterministic (late arrivals, silent
 * pauses, 20 services per window, half rated). Used by the year-scoring test (what it yields) and
 * by `npm run bench timing` (how long it takes).
 */
export const TZ = 'Asia/Shanghai';
export const STAFF = 40;
export const hall: Pick<HallConfig, 'hall' | 'windows' | 'staff'> = {
  hall: { name: '大厅', timezone: TZ, hours: [['08:00', '12:00'], ['14:30', '17:30']], priorityMaxConsecutive: 3, crowdAlertPerWindow: 10, notice: '' },
  windows: Array.from({ length: STAFF }, (_, i) => ({ id: `W${i + 1}`, number: i + 1, name: `${i + 1}`, serviceIds: ['A'], postA: `S${i + 1}`, postB: `S${((i + 1) % STAFF) + 1}` })),
  staff: Array.from({ length: STAFF }, (_, i) => ({ id: `S${i + 1}`, name: `员工${i + 1}`, role: 'staff' as const })),
};

const isoCache = new Map<number, string>();
const iso = (ms: number) => isoCache.get(ms) ?? (isoCache.set(ms, toIso(ms, TZ)), isoCache.get(ms)!);

/** A deterministic busy day: four sign-ins each, some late, pauses with cover, 20 services per window, half rated. */
export function generateDay(date: string, dayIndex: number): HallEvent[] {
  const events: HallEvent[] = [];
  let seq = 0;
  const t0 = localTimeToMs(date, '08:00', TZ);
  const t1 = localTimeToMs(date, '14:30', TZ);
  const push = (ms: number, body: Omit<HallEvent, 'seq' | 'at'>) => events.push({ ...body, seq: ++seq, at: iso(ms) } as HallEvent);
  for (let i = 0; i < STAFF; i++) {
    const staffId = `S${i + 1}`;
    const windowId = `W${i + 1}`;
    const lateMin = (i * 7 + dayIndex * 3) % 23 === 0 ? 9 : -2;
    const sign = (ms: number, inOut: 'in' | 'out') =>
      inOut === 'in'
        ? push(ms, { type: 'StaffSignedIn', data: { windowId, staffId, windowNumber: i + 1, staffName: staffId, post: 'A', takeoverFrom: null } })
        : push(ms, { type: 'StaffSignedOut', data: { windowId, staffId, reason: 'sign-out' } });
    sign(t0 + lateMin * 60_000, 'in');
    if ((i + dayIndex) % 11 === 0) {
      push(t0 + 90 * 60_000, { type: 'WindowPaused', data: { windowId, staffId, reason: 'other', note: '', expectedBackAt: null } });
      push(t0 + 125 * 60_000, { type: 'WindowResumed', data: { windowId, staffId } });
    }
    for (let k = 0; k < 20; k++) {
      const ms = t0 + (10 + k * 11) * 60_000;
      const ticket = { ticketId: `${date}-${i}-${k}`, number: `A${k}`, serviceId: 'A' };
      push(ms, { type: 'TicketIssued', data: { ...ticket, priority: false, businessDay: date } });
      push(ms, { type: 'TicketCalled', data: { ...ticket, windowId, staffId, windowNumber: i + 1, post: 'A' } });
      push(ms, { type: 'ServiceStarted', data: { ...ticket, windowId, staffId } });
      push(ms + 5 * 60_000, { type: 'ServiceFinished', data: { ...ticket, windowId, staffId, outcome: 'done' } });
      if (k % 2 === 0) push(ms + 6 * 60_000, { type: 'TicketRated', data: { ticketId: ticket.ticketId, number: ticket.number, score: (k + i + dayIndex) % 9 === 0 ? 3 : 5, windowId, staffId } });
    }
    sign(localTimeToMs(date, '12:01', TZ), 'out');
    sign(t1 - 60_000, 'in');
    sign(localTimeToMs(date, '17:31', TZ), 'out');
  }
  return events.sort((a, b) => a.at.localeCompare(b.at)).map((e, n) => ({ ...e, seq: n + 1 }));
}


/** `days` business days from 2026-01-01 with their events, generated up front. */
export function scoringYear(days = 250): [string, HallEvent[]][] {
  const journal: [string, HallEvent[]][] = [];
  for (let d = '2026-01-01'; journal.length < days; d = addDays(d, 1)) if (isWorkingDay(DEFAULT_SCHEDULE, d)) journal.push([d, generateDay(d, journal.length)]);
  return journal;
}
