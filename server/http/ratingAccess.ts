import type { Request } from 'express';
import { DomainError } from '../../shared/errors.ts';
import type { HallState, Ticket } from '../../shared/state.ts';
import { ticketKeyMatches } from '../ticketKeys.ts';
import type { Hub } from '../hub.ts';
import type { Trust } from '../trust.ts';
import { bearer } from './auth.ts';

/** How long after a finish the window's pad may still rate that service. */
export const PAD_RATING_MS = 10 * 60_000;

const forbidden = (zh: string, en: string) => new DomainError('forbidden', 'RATING_FORBIDDEN', zh, en);

/**
 * The ticket finished last at each window, in event order (two finishes in one millisecond are
 * still told apart). After a restart, until the next finish, the finish times decide.
 */
export function lastFinishedTracker(hub: Pick<Hub, 'onEvents'>) {
  const last = new Map<string, string>();
  hub.onEvents((events) => {
    for (const e of events) if (e.type === 'ServiceFinished') last.set(e.data.windowId, e.data.ticketId);
  });
  return (state: HallState, windowId: string): Ticket | undefined => {
    const id = last.get(windowId);
    const known = id ? state.tickets.get(id) : undefined;
    if (known) return known;
    let found: Ticket | undefined;
    for (const t of state.tickets.values()) {
      if (t.windowId === windowId && t.finishedAt && t.status === 'done' && (!found || t.finishedAt >= found.finishedAt!)) found = t;
    }
    return found;
  };
}
export type LastFinished = ReturnType<typeof lastFinishedTracker>;

/**
 * Who may rate a service: the visitor with the ticket's key, or the pad paired to the window where
 * it was finished, for the ticket finished there last, within 10 minutes. Anything else is 403 —
 * a ticket id seen on a public socket is not enough. State conflicts (not finished, already
 * rated) are left to the core so they keep their 409s.
 */
export function authoriseRating(trust: Trust, req: Request, ticket: Ticket, key: string | undefined, state: HallState, now: number, lastFinishedAt: LastFinished): void {
  if (key !== undefined) {
    if (!ticketKeyMatches(ticket, key)) throw forbidden('票据密钥不正确，无法评价', "The ticket's key does not match");
    return;
  }
  const token = bearer(req);
  const device = token ? trust.devices.authenticate(token) : null;
  if (!device || device.kind !== 'pad') {
    throw forbidden('请使用窗口评价器或扫描票上的二维码评价', "Rate at the window's pad or with the QR code on your ticket");
  }
  if (ticket.windowId !== device.windowId) {
    throw forbidden('本评价器只能评价本窗口办理的业务', 'This pad may rate only services of its own window');
  }
  // Not finished yet: let the core answer its 409 (the pad shows "after the service").
  if (ticket.status !== 'done') return;
  const last = lastFinishedAt(state, device.windowId ?? '');
  if (!last || last.id !== ticket.id) {
    throw forbidden('本评价器只能评价本窗口刚办结的业务', "This pad may rate only the service just finished at its window");
  }
  if (now - Date.parse(ticket.finishedAt!) > PAD_RATING_MS) {
    throw forbidden('办结已超过 10 分钟，本评价器不能再评价该业务', 'More than 10 minutes since the service ended; this pad may no longer rate it');
  }
}
