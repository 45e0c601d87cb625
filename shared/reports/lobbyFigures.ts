import type { AppointmentBook } from '../appointments.ts';
import { meanSec, nearestRank, secs } from './stats.ts';

/**
 * What the lobby and bookings add to a wait report's service rows and total:
 *   cancelled  tickets that left while waiting (the visitor with the key, or the lobby); not abandoned
 *   moved      tickets the lobby moved out of the service while they waited (二次分流)
 *   booked     bookings for slots in the period, not cancelled (`checkedIn + missed` + those still to come)
 *   checkedIn, missed  of those bookings
 *   appointmentWait*   punctuality: first call − the later of the slot's start and the check-in,
 *                      over served booking tickets (exact nearest-rank P90)
 */
export interface LobbyFigures {
  cancelled: number;
  moved: number;
  booked: number;
  checkedIn: number;
  missed: number;
  appointmentServed: number;
  appointmentWaitAvgSec: number | null;
  appointmentWaitP90Sec: number | null;
}

export const LOBBY_FIELDS: readonly (keyof LobbyFigures)[] = [
  'cancelled', 'moved', 'booked', 'checkedIn', 'missed', 'appointmentServed', 'appointmentWaitAvgSec', 'appointmentWaitP90Sec',
];

export class LobbyTally {
  cancelled = 0;
  moved = 0;
  booked = 0;
  checkedIn = 0;
  missed = 0;
  private readonly waits: number[] = [];

  /** A served booking ticket: ms from the later of its slot's start and its check-in to its first call. */
  appointmentWait(ms: number): void {
    this.waits.push(Math.max(0, ms));
  }

  figures(): LobbyFigures {
    const sorted = Float64Array.from(this.waits).sort();
    const n = sorted.length;
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      cancelled: this.cancelled, moved: this.moved, booked: this.booked, checkedIn: this.checkedIn, missed: this.missed,
      appointmentServed: n,
      appointmentWaitAvgSec: meanSec(sum, n),
      appointmentWaitP90Sec: secs(nearestRank(sorted, 90)),
    };
  }
}

/** Bookings of the period's slots per service: booked (not cancelled), checked in, missed. */
export function bookingCounts(book: AppointmentBook, from: string, to: string): Map<string, { booked: number; checkedIn: number; missed: number }> {
  const out = new Map<string, { booked: number; checkedIn: number; missed: number }>();
  for (const a of book.byId.values()) {
    if (a.date < from || a.date > to || a.status === 'cancelled') continue;
    const c = out.get(a.serviceId) ?? { booked: 0, checkedIn: 0, missed: 0 };
    c.booked += 1;
    if (a.status === 'checked-in') c.checkedIn += 1;
    if (a.status === 'missed') c.missed += 1;
    out.set(a.serviceId, c);
  }
  return out;
}
