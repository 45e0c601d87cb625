import type { HallConfig } from '../config.ts';
import type { HallEvent } from '../events.ts';
import { appointmentDue } from '../queuePolicy.ts';
import { evolve, initialState, type HallState, type Ticket } from '../state.ts';

/**
 * Every departure from first come, first served in a day, with who and why (三个一样, RULES §8):
 *   move / pin    the lobby moved a waiting ticket to another service or pinned it to a window
 *   priority      the lobby put a waiting ticket in the green channel
 *   cancel        staff took a waiting ticket out of the queue (a visitor leaving is no departure)
 *   extend        延时服务: a service kept issuing past its cut-off
 *   transfer      a window sent its visitor to another service's queue (at the original time)
 *   called-ahead  a call overtook tickets of the same service issued earlier; `reason` says by
 *                 which rule (green channel, a booking's slot, a pin) — or none, which is worth a look
 */
export type DepartureKind = 'move' | 'pin' | 'priority' | 'cancel' | 'extend' | 'transfer' | 'called-ahead';
export const DEPARTURE_KINDS: readonly DepartureKind[] = ['move', 'pin', 'priority', 'cancel', 'extend', 'transfer', 'called-ahead'];

export interface Departure {
  seq: number;
  at: string;
  kind: DepartureKind;
  /** Staff id (or "visitor" where a visitor acted). */
  by: string;
  reason: string;
  ticketId: string | null;
  number: string | null;
  serviceId: string;
  toServiceId: string | null;
  windowId: string | null;
  /** called-ahead: how many earlier tickets of the service it overtook. */
  overtook: number | null;
}

/** The rule a call ahead of earlier tickets followed (empty when none explains it). */
function whyAhead(t: Ticket, at: number, windowId: string): string {
  if (t.priority) return 'priority';
  if (appointmentDue(t, at)) return 'appointment';
  if (t.pinnedWindowId === windowId) return 'pinned';
  return '';
}

/** Folds a day's events into its departures, in journal order. */
export function departuresOfDay(events: Iterable<HallEvent>, config: HallConfig): Departure[] {
  const state: HallState = initialState(config);
  const out: Departure[] = [];
  const base = (e: HallEvent, kind: DepartureKind, by: string, reason: string) => ({ seq: e.seq, at: e.at, kind, by, reason, toServiceId: null, windowId: null, overtook: null });
  for (const e of events) {
    switch (e.type) {
      case 'TicketMoved': {
        const d = e.data;
        const kind = d.toServiceId !== d.serviceId ? 'move' : 'pin';
        out.push({ ...base(e, kind, d.by, d.reason), ticketId: d.ticketId, number: d.number, serviceId: d.serviceId, toServiceId: d.toServiceId, windowId: d.toWindowId });
        break;
      }
      case 'TicketPrioritised':
        out.push({ ...base(e, 'priority', e.data.by, e.data.reason), ticketId: e.data.ticketId, number: e.data.number, serviceId: e.data.serviceId });
        break;
      case 'TicketCancelled':
        if (e.data.by !== 'visitor') out.push({ ...base(e, 'cancel', e.data.by, e.data.reason), ticketId: e.data.ticketId, number: e.data.number, serviceId: e.data.serviceId });
        break;
      case 'ServiceExtended':
        out.push({ ...base(e, 'extend', e.data.by, e.data.reason), ticketId: null, number: null, serviceId: e.data.serviceId, toServiceId: null, windowId: null, reason: `${e.data.until} ${e.data.reason}`.trim() });
        break;
      case 'TicketTransferred': {
        const d = e.data;
        out.push({ ...base(e, 'transfer', d.staffId, d.reason ?? ''), ticketId: d.ticketId, number: d.number, serviceId: d.serviceId, toServiceId: d.toServiceId, windowId: d.windowId });
        break;
      }
      case 'TicketCalled': {
        const d = e.data;
        const t = state.tickets.get(d.ticketId);
        if (!t || t.calls > 0) break;
        let overtook = 0;
        for (const id of state.waiting) {
          const o = state.tickets.get(id);
          if (!o || o === t || o.status !== 'waiting' || o.serviceId !== t.serviceId) continue;
          if (o.pinnedWindowId !== null && o.pinnedWindowId !== d.windowId) continue;
          if (o.issuedMs < t.issuedMs) overtook++;
        }
        if (overtook > 0) {
          out.push({ ...base(e, 'called-ahead', d.staffId, whyAhead(t, Date.parse(e.at), d.windowId)), ticketId: d.ticketId, number: d.number, serviceId: d.serviceId, windowId: d.windowId, overtook });
        }
        break;
      }
      default:
        break;
    }
    evolve(state, e);
  }
  return out;
}
