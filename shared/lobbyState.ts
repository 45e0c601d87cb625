import { KEEP_DAYS, slotKey, type AppointmentBook } from './appointments.ts';
import type { HallEvent } from './events.ts';
import type { LobbyEventType } from './lobbyEvents.ts';
import type { HallState } from './state.ts';
import { addDays } from './time.ts';

export type LobbyEvent = Extract<HallEvent, { type: LobbyEventType }>;

/** 延时服务 of a service: valid on its business day only. */
export interface Extension {
  businessDay: string;
  until: string;
}

function take(book: AppointmentBook, serviceId: string, startMs: number, delta: number) {
  const k = slotKey(serviceId, startMs);
  const n = (book.taken.get(k) ?? 0) + delta;
  if (n > 0) book.taken.set(k, n);
  else book.taken.delete(k);
}

/**
 * Folds the lobby's and appointments' events. Appointment events never touch tickets: they also
 * replay on their own at start-up (bookings made on earlier days, see server/appointmentIndex.ts),
 * when those days' tickets are long gone.
 */
export function evolveLobby(state: HallState, event: LobbyEvent): HallState {
  const book = state.appointments;
  switch (event.type) {
    case 'TicketMoved': {
      const t = state.tickets.get(event.data.ticketId);
      if (!t) return state;
      t.serviceId = event.data.toServiceId;
      t.pinnedWindowId = event.data.toWindowId;
      return state;
    }
    case 'TicketPrioritised': {
      const t = state.tickets.get(event.data.ticketId);
      if (t) t.priority = true;
      return state;
    }
    case 'TicketCancelled': {
      const t = state.tickets.get(event.data.ticketId);
      if (!t) return state;
      t.status = 'cancelled';
      t.finishedAt = null;
      state.waiting.delete(t.id);
      return state;
    }
    case 'ServiceExtended': {
      state.extensions.set(event.data.serviceId, { businessDay: event.data.businessDay, until: event.data.until });
      return state;
    }
    case 'AppointmentBooked': {
      const d = event.data;
      const startMs = Date.parse(d.start);
      book.byId.set(d.appointmentId, { ...d, startMs, bookedAt: event.at, status: 'booked', ticketId: null, checkedInAt: null });
      book.byCode.set(d.code, d.appointmentId);
      const mine = book.byPhone.get(d.phone);
      if (mine) mine.push(d.appointmentId);
      else book.byPhone.set(d.phone, [d.appointmentId]);
      take(book, d.serviceId, startMs, 1);
      return state;
    }
    case 'AppointmentCancelled': {
      const a = book.byId.get(event.data.appointmentId);
      if (!a || a.status !== 'booked') return state;
      a.status = 'cancelled';
      take(book, a.serviceId, a.startMs, -1);
      return state;
    }
    case 'AppointmentCheckedIn': {
      const a = book.byId.get(event.data.appointmentId);
      if (!a) return state;
      a.status = 'checked-in';
      a.ticketId = event.data.ticketId;
      a.checkedInAt = event.at;
      return state;
    }
    case 'AppointmentsMissed': {
      for (const id of event.data.appointmentIds) {
        const a = book.byId.get(id);
        if (!a || a.status !== 'booked') continue;
        a.status = 'missed';
        take(book, a.serviceId, a.startMs, -1);
      }
      // Old bookings go: what the ban looks back on is far shorter than KEEP_DAYS.
      const cut = addDays(event.data.businessDay, -KEEP_DAYS);
      for (const [id, a] of book.byId) {
        if (a.date >= cut) continue;
        book.byId.delete(id);
        if (book.byCode.get(a.code) === id) book.byCode.delete(a.code);
        const left = (book.byPhone.get(a.phone) ?? []).filter((x) => x !== id);
        if (left.length) book.byPhone.set(a.phone, left);
        else book.byPhone.delete(a.phone);
      }
      return state;
    }
  }
}
