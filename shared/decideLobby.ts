import { byCode, checkBooking, checkCheckIn } from './appointments.ts';
import type { HallConfig } from './config.ts';
import { decide } from './decide.ts';
import { conflict, invalid, notFound } from './errors.ts';
import type { HallEventBody } from './events.ts';
import type { LobbyCommand } from './lobbyCommands.ts';
import type { HallState, Ticket } from './state.ts';
import { localDate, localMinuteOfDay } from './time.ts';

/** Decides the lobby's and appointments' commands (see decide.ts for the rest). */
export function decideLobby(command: LobbyCommand, state: HallState, config: HallConfig): HallEventBody[] {
  switch (command.type) {
    case 'MoveTicket': {
      const t = waitingTicket(state, command.ticketId);
      const reason = needReason(command.reason);
      const toServiceId = command.serviceId ?? t.serviceId;
      const service = config.services.find((s) => s.id === toServiceId);
      if (!service) throw notFound('UNKNOWN_SERVICE', `没有业务 ${toServiceId}`, `No service ${toServiceId}`);
      let toWindowId: string | null = null;
      if (command.windowId !== null) {
        const w = config.windows.find((x) => x.id === command.windowId);
        if (!w) throw notFound('UNKNOWN_WINDOW', `没有窗口 ${command.windowId}`, `No window ${command.windowId}`);
        if (!w.serviceIds.includes(toServiceId)) {
          throw conflict('WINDOW_NOT_SERVING', `${w.number} 号窗口不办理${service.name}`, `Window ${w.number} does not serve ${service.name}`);
        }
        toWindowId = w.id;
      }
      if (command.serviceId === null && command.windowId === null) {
        throw invalid('NOTHING_TO_MOVE', '请选择业务或窗口', 'Choose a service or a window');
      }
      if (toServiceId === t.serviceId && toWindowId === t.pinnedWindowId) {
        throw conflict('ALREADY_THERE', `${t.number} 已在该队列中`, `${t.number} is already there`);
      }
      return [{ type: 'TicketMoved', data: { ...ref(t), toServiceId, toWindowId, by: command.by, reason } }];
    }
    case 'PrioritiseTicket': {
      const t = waitingTicket(state, command.ticketId);
      const reason = needReason(command.reason);
      if (t.priority) throw conflict('ALREADY_PRIORITY', `${t.number} 已是优先号`, `${t.number} is already a priority ticket`);
      return [{ type: 'TicketPrioritised', data: { ...ref(t), by: command.by, reason } }];
    }
    case 'CancelTicket': {
      const t = waitingTicket(state, command.ticketId);
      return [{ type: 'TicketCancelled', data: { ...ref(t), by: command.by, reason: command.reason.trim() } }];
    }
    case 'ExtendService': {
      const service = config.services.find((s) => s.id === command.serviceId);
      if (!service) throw notFound('UNKNOWN_SERVICE', `没有业务 ${command.serviceId}`, `No service ${command.serviceId}`);
      const reason = needReason(command.reason);
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(command.until)) throw invalid('BAD_TIME', '时间格式应为 HH:MM', 'Time must be HH:MM');
      if (!service.issueUntil) {
        throw conflict('NO_CUT_OFF', `${service.name}没有取号截止时间，无需延时`, `${service.name} has no cut-off to extend`);
      }
      const tz = config.hall.timezone;
      if (command.until <= service.issueUntil || minutes(command.until) <= localMinuteOfDay(command.at, tz)) {
        throw conflict('EXTEND_TOO_SHORT', `延时须晚于 ${service.issueUntil} 且晚于现在`, `Extend to a time after ${service.issueUntil} and after now`);
      }
      return [{ type: 'ServiceExtended', data: { serviceId: service.id, businessDay: localDate(command.at, tz), until: command.until, by: command.by, reason } }];
    }
    case 'BookAppointment': {
      const data = checkBooking(config, state.appointments, command);
      return [{ type: 'AppointmentBooked', data }];
    }
    case 'CancelAppointment': {
      const a = state.appointments.byId.get(command.appointmentId);
      if (!a) throw notFound('UNKNOWN_APPOINTMENT', '没有这个预约', 'No such booking');
      if (a.status !== 'booked') {
        const zh = { 'checked-in': '已签到取号', cancelled: '已取消', missed: '已过期未到', booked: '' }[a.status];
        throw conflict('NOT_BOOKED', `该预约${zh}，无法取消`, `This booking is ${a.status} and cannot be cancelled`);
      }
      return [{ type: 'AppointmentCancelled', data: { appointmentId: a.appointmentId, serviceId: a.serviceId, start: a.start, by: command.by, reason: command.reason.trim() } }];
    }
    case 'CheckInAppointment': {
      const a = byCode(state.appointments, command.code);
      checkCheckIn(config, a, command.at);
      const issued = decide(
        {
          type: 'IssueTicket', at: command.at, ticketId: command.ticketId, serviceId: a.serviceId, priority: false,
          ...(command.keyHash ? { keyHash: command.keyHash } : {}), ...(command.issuedBy ? { issuedBy: command.issuedBy } : {}),
          appointment: { appointmentId: a.appointmentId, slotStart: a.start },
        },
        state, config,
      );
      const ticket = issued.find((e) => e.type === 'TicketIssued');
      if (ticket?.type !== 'TicketIssued') throw new Error('check-in issued no ticket');
      return [
        ...issued,
        { type: 'AppointmentCheckedIn', data: { appointmentId: a.appointmentId, serviceId: a.serviceId, start: a.start, ticketId: ticket.data.ticketId, number: ticket.data.number } },
      ];
    }
  }
}

/**
 * The bookings that become `missed` when `businessDay` closes: every booking still open whose
 * date is that day or earlier (a day the hub was off is swept too).
 */
export function missedAtClose(state: HallState, businessDay: string): string[] {
  const out: string[] = [];
  for (const a of state.appointments.byId.values()) if (a.status === 'booked' && a.date <= businessDay) out.push(a.appointmentId);
  return out;
}

/**
 * Whether a service may still issue at this minute: before its cut-off, or before today's
 * extension (延时服务) when one was given.
 */
export function pastCutOff(state: HallState, serviceId: string, issueUntil: string | undefined, at: number, tz: string): boolean {
  if (!issueUntil) return false;
  const minute = localMinuteOfDay(at, tz);
  if (minute < minutes(issueUntil)) return false;
  const ext = state.extensions.get(serviceId);
  return !(ext && ext.businessDay === localDate(at, tz) && minute < minutes(ext.until));
}

function waitingTicket(state: HallState, id: string): Ticket {
  const t = state.tickets.get(id);
  if (!t) throw notFound('UNKNOWN_TICKET', '没有这张票', 'No such ticket');
  if (t.status !== 'waiting') {
    throw conflict('NOT_WAITING', `${t.number} 已不在等候中`, `${t.number} is no longer waiting`);
  }
  return t;
}

function needReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw invalid('REASON_REQUIRED', '请填写原因', 'A reason is required');
  return r;
}

const ref = (t: Ticket) => ({ ticketId: t.id, number: t.number, serviceId: t.serviceId });
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
