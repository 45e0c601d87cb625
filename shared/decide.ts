import type { Command, WindowCommand } from './commands.ts';
import type { HallConfig } from './config.ts';
import { conflict, DomainError, invalid, notFound } from './errors.ts';
import type { HallEventBody } from './events.ts';
import { decideLobby, missedAtClose, pastCutOff } from './decideLobby.ts';
import { decideVoid } from './voidTickets.ts';
import { decideReissueKey } from './ticketKeyReissue.ts';
import { pickNext } from './queuePolicy.ts';
import { assertNever, ticketsDay, type HallState, type Ticket, type WindowRuntime } from './state.ts';
import { localDate, localMinuteOfDay, toIso } from './time.ts';

/**
 * The most tickets one service can number in a day. Numbers have three digits (A001) and go on
 * with four past 999 (A1000) for a service with no `dailyCap`, rather than turning visitors away;
 * 9999 is where a screen's and a ticket's four-digit layout ends.
 */
export const MAX_PER_DAY = 9999;

/** Decides what a command causes, or throws a DomainError saying why it cannot happen. */
export function decide(command: Command, state: HallState, config: HallConfig): HallEventBody[] {
  const tz = config.hall.timezone;
  switch (command.type) {
    case 'IssueTicket': {
      const service = config.services.find((s) => s.id === command.serviceId);
      if (!service) throw notFound('UNKNOWN_SERVICE', `没有业务 ${command.serviceId}`, `No service ${command.serviceId}`);
      if (command.priority && !service.allowPriority) {
        throw invalid('PRIORITY_NOT_OFFERED', `${service.name}未开通绿色通道`, `${service.name} has no priority channel`);
      }
      const businessDay = localDate(command.at, tz);
      // 延时服务 moves the cut-off for today; a booking's check-in is never cut off nor capped.
      if (!command.appointment && pastCutOff(state, service.id, service.issueUntil, command.at, tz)) {
        throw conflict('SERVICE_CUT_OFF', `${service.name}今日取号已于 ${service.issueUntil} 截止`, `${service.name} stopped issuing tickets at ${service.issueUntil} today`);
      }
      const issued = ticketsDay(state) === businessDay ? (state.issuedPerService.get(service.id) ?? 0) : 0;
      const cap = Math.min(service.dailyCap ?? MAX_PER_DAY, MAX_PER_DAY);
      if (issued >= (command.appointment ? MAX_PER_DAY : cap)) {
        throw conflict('SERVICE_FULL', `${service.name}今日号源已满（${cap} 个）`, `${service.name} has issued all ${cap} tickets for today`);
      }
      const number = `${service.prefix}${String(issued + 1).padStart(3, '0')}`;
      const origin = { ...(command.keyHash ? { keyHash: command.keyHash } : {}), ...(command.issuedBy ? { issuedBy: command.issuedBy } : {}) };
      return [{ type: 'TicketIssued', data: { ticketId: command.ticketId, number, serviceId: service.id, priority: command.priority, businessDay, ...origin, ...command.appointment } }];
    }
    case 'SignIn':
      return signIn(command, state, config);
    case 'SignOut': {
      const w = heldWindow(command, state);
      const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
      if (current?.status === 'serving') {
        throw conflict('TICKET_IN_SERVICE', `请先办结 ${current.number} 再签退`, `Finish ${current.number} before signing out`);
      }
      const events: HallEventBody[] = [];
      if (current) events.push({ type: 'TicketRequeued', data: { ...ticketRef(current), ...at(command) } });
      events.push({ type: 'StaffSignedOut', data: { ...at(command), reason: 'sign-out' } });
      return events;
    }
    case 'CallNext': {
      const w = openWindow(command, state);
      const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
      if (current) {
        throw conflict('TICKET_IN_HAND', `${current.number} 尚未办结或标记过号`, `${current.number} must be finished or marked no-show first`);
      }
      const cfg = windowConfig(config, command.windowId);
      const next = pickNext(state, w, cfg.serviceIds, config.hall.priorityMaxConsecutive, command.at);
      if (!next) throw notFound('QUEUE_EMPTY', '当前没有等候的号', 'Nobody is waiting for this window');
      return [{ type: 'TicketCalled', data: { ...ticketRef(next), ...at(command), windowNumber: w.number, post: w.post ?? 'A' } }];
    }
    case 'Recall': {
      const t = currentTicket(command, state, ['called']);
      return [{ type: 'TicketRecalled', data: { ...ticketRef(t), ...at(command), windowNumber: state.windows.get(command.windowId)!.number } }];
    }
    case 'StartService': {
      const t = currentTicket(command, state, ['called']);
      return [{ type: 'ServiceStarted', data: { ...ticketRef(t), ...at(command) } }];
    }
    case 'FinishService': {
      const t = currentTicket(command, state, ['serving', 'called']);
      // Finishing a called ticket means the staffer forgot to press start: service starts now too.
      const events: HallEventBody[] = [];
      if (t.status === 'called') events.push({ type: 'ServiceStarted', data: { ...ticketRef(t), ...at(command) } });
      events.push({ type: 'ServiceFinished', data: { ...ticketRef(t), ...at(command), outcome: command.outcome } });
      return events;
    }
    case 'MarkNoShow': {
      const t = currentTicket(command, state, ['called']);
      return [{ type: 'TicketNoShow', data: { ...ticketRef(t), ...at(command) } }];
    }
    case 'Transfer': {
      const t = currentTicket(command, state, ['called', 'serving']);
      if (!config.services.some((s) => s.id === command.serviceId)) {
        throw notFound('UNKNOWN_SERVICE', `没有业务 ${command.serviceId}`, `No service ${command.serviceId}`);
      }
      if (command.serviceId === t.serviceId) {
        throw conflict('SAME_SERVICE', `${t.number} 已在该业务队列中`, `${t.number} is already in that service's queue`);
      }
      return [{ type: 'TicketTransferred', data: { ...ticketRef(t), ...at(command), toServiceId: command.serviceId, reason: command.reason } }];
    }
    case 'Pause': {
      const w = openWindow(command, state);
      if (w.currentTicketId) {
        const t = state.tickets.get(w.currentTicketId)!;
        throw conflict('TICKET_IN_HAND', `请先办结或过号 ${t.number} 再暂停`, `Finish or skip ${t.number} before pausing`);
      }
      // Shown and answered like every other time: the hall's offset, with milliseconds.
      const back = command.expectedBackAt === null ? NaN : Date.parse(command.expectedBackAt);
      const expectedBackAt = Number.isFinite(back) ? toIso(back, tz) : command.expectedBackAt;
      return [{ type: 'WindowPaused', data: { ...at(command), reason: command.reason, note: command.note, expectedBackAt } }];
    }
    case 'Resume': {
      const w = heldWindow(command, state);
      if (w.state !== 'paused') throw conflict('NOT_PAUSED', '窗口未暂停', 'The window is not paused');
      return [{ type: 'WindowResumed', data: at(command) }];
    }
    case 'RateTicket': {
      const t = state.tickets.get(command.ticketId);
      if (!t) throw notFound('UNKNOWN_TICKET', '没有这张票', 'No such ticket');
      if (t.rating !== null) throw conflict('ALREADY_RATED', '该号已评价，谢谢', 'This ticket has already been rated');
      if (t.status !== 'done' || !t.windowId || !t.staffId) {
        throw conflict('NOT_FINISHED', '办结后才能评价', 'A ticket can be rated only after its service ended');
      }
      // Ratings belong to the day of the service: its business day, or for a ticket held over the
      // close and finished after midnight, the day it was finished.
      const ratedOn = localDate(command.at, tz);
      if (ratedOn !== t.businessDay && !(t.finishedAt && ratedOn === localDate(Date.parse(t.finishedAt), tz))) {
        throw conflict('RATING_CLOSED', '该号所在营业日已结束，无法评价', "That ticket's business day has closed");
      }
      return [{ type: 'TicketRated', data: { ticketId: t.id, number: t.number, score: command.score, windowId: t.windowId, staffId: t.staffId } }];
    }
    case 'CloseDay': {
      const missed = missedAtClose(state, command.businessDay);
      const missedEvents: HallEventBody[] = missed.length ? [{ type: 'AppointmentsMissed', data: { businessDay: command.businessDay, appointmentIds: missed } }] : [];
      if (state.businessDay !== command.businessDay && !hasSessions(state)) return missedEvents;
      if (state.businessDay === null && state.closedDay === command.businessDay) return missedEvents;
      // Only the waiting are abandoned. A ticket called or in service stays in its staffer's hand
      // for one night: it ends after midnight as usual, or is abandoned at the next day's close.
      const tickets = [...state.tickets.values()];
      const inHand = (t: (typeof tickets)[number]) => t.status === 'called' || t.status === 'serving';
      const abandoned = tickets.filter((t) => t.status === 'waiting' || (inHand(t) && t.businessDay < command.businessDay)).map((t) => t.id);
      const held = tickets.filter((t) => inHand(t) && t.businessDay >= command.businessDay).map((t) => t.id);
      const heldPart = held.length ? { heldTicketIds: held } : {};
      return [{ type: 'DayClosed', data: { businessDay: command.businessDay, abandonedTicketIds: abandoned, ...heldPart } }, ...missedEvents];
    }
    case 'MoveTicket':
    case 'PrioritiseTicket':
    case 'CancelTicket':
    case 'ExtendService':
    case 'BookAppointment':
    case 'CancelAppointment':
    case 'CheckInAppointment':
      return decideLobby(command, state, config);
    case 'VoidTickets':
      return decideVoid(command, state);
    case 'ReissueTicketKey':
      return decideReissueKey(command, state);
    default:
      return assertNever(command);
  }
}

function hasSessions(state: HallState): boolean {
  return state.staffWindow.size > 0;
}

function signIn(command: Extract<Command, { type: 'SignIn' }>, state: HallState, config: HallConfig): HallEventBody[] {
  const cfg = windowConfig(config, command.windowId);
  const staff = config.staff.find((s) => s.id === command.staffId);
  if (!staff) throw notFound('UNKNOWN_STAFF', `没有工号 ${command.staffId}`, `No staff ${command.staffId}`);
  // 大堂经理 steer visitors in the hall and serve at no window (contract v2, Roles).
  if (staff.role === 'lobby') throw new DomainError('forbidden', 'LOBBY_AT_NO_WINDOW', '大堂岗位不在窗口签到', 'Lobby staff do not sign in at a window');
  const w = state.windows.get(cfg.id)!;
  const elsewhere = state.staffWindow.get(command.staffId);
  if (elsewhere && elsewhere !== cfg.id) {
    const other = state.windows.get(elsewhere);
    throw conflict('STAFF_AT_OTHER_WINDOW', `您已在 ${other?.number} 号窗口签到，请先签退`, `You are signed in at window ${other?.number}; sign out there first`);
  }
  const signedIn: HallEventBody = {
    type: 'StaffSignedIn',
    data: { windowId: cfg.id, staffId: staff.id, windowNumber: cfg.number, staffName: staff.name, post: command.post, takeoverFrom: null },
  };
  if (w.staffId === command.staffId) return [];
  if (w.staffId === null) return [signedIn];
  if (w.state !== 'paused') {
    const holdsPost = cfg.postA === staff.id || cfg.postB === staff.id;
    if (!command.handover || !holdsPost) {
      throw conflict('WINDOW_TAKEN', `${cfg.number} 号窗口已由 ${w.staffName} 签到`, `Window ${cfg.number} is held by ${w.staffName}`);
    }
    const inHand = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    if (inHand) {
      throw conflict('TICKET_IN_HAND', `${w.staffName} 正在办理 ${inHand.number}，办结后再交接`, `${w.staffName} is serving ${inHand.number}; hand over after it is finished`);
    }
  }
  // Cover: a paused window is taken over by the newcomer and its pause ends.
  signedIn.data = { ...signedIn.data, takeoverFrom: w.staffId } as typeof signedIn.data;
  return [{ type: 'StaffSignedOut', data: { windowId: cfg.id, staffId: w.staffId, reason: 'taken-over' } }, signedIn];
}

function windowConfig(config: HallConfig, windowId: string) {
  const cfg = config.windows.find((w) => w.id === windowId);
  if (!cfg) throw notFound('UNKNOWN_WINDOW', `没有窗口 ${windowId}`, `No window ${windowId}`);
  return cfg;
}

/** The window, held by the staffer who sends the command. */
function heldWindow(command: WindowCommand, state: HallState): WindowRuntime {
  const w = state.windows.get(command.windowId);
  if (!w) throw notFound('UNKNOWN_WINDOW', `没有窗口 ${command.windowId}`, `No window ${command.windowId}`);
  if (w.staffId !== command.staffId) {
    throw conflict('NOT_SIGNED_IN', `您未在 ${w.number} 号窗口签到`, `You are not signed in at window ${w.number}`);
  }
  return w;
}

function openWindow(command: WindowCommand, state: HallState): WindowRuntime {
  const w = heldWindow(command, state);
  if (w.state === 'paused') throw conflict('WINDOW_PAUSED', '窗口暂停中，请先恢复', 'The window is paused; resume first');
  return w;
}

function currentTicket(command: WindowCommand, state: HallState, allowed: Ticket['status'][]): Ticket {
  const w = heldWindow(command, state);
  const t = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  if (!t) throw conflict('NO_CURRENT_TICKET', '窗口当前没有号', 'This window has no current ticket');
  if (!allowed.includes(t.status)) {
    const zh = t.status === 'serving' ? `${t.number} 正在办理` : `${t.number} 尚未开始办理`;
    const en = t.status === 'serving' ? `${t.number} is being served` : `${t.number} has not started`;
    throw conflict('WRONG_TICKET_STATE', zh, en);
  }
  return t;
}

const ticketRef = (t: Ticket) => ({ ticketId: t.id, number: t.number, serviceId: t.serviceId });
const at = (c: WindowCommand) => ({ windowId: c.windowId, staffId: c.staffId });
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
