/**
 * When the phone page tells its visitor to get ready: once when 3 or fewer are ahead, once when
 * called. What was already said is remembered per ticket in the browser, so a reload, a reconnect
 * or a recall never says it again.
 */
export type AlertKind = 'near' | 'called';

/** How many ahead count as "nearly your turn". */
export const NEAR_AHEAD = 3;

export interface AlertTicket {
  id: string;
  status: string;
  ahead: number;
}

/** The alert this state of the ticket calls for that was not given yet, if any. */
export function dueAlert(tk: AlertTicket, given: ReadonlySet<AlertKind>): AlertKind | null {
  if (tk.status === 'called' || tk.status === 'serving') return given.has('called') ? null : 'called';
  // Once called, "nearly" would be news from the past (a requeued ticket waits near the front anyway).
  if (tk.status === 'waiting' && tk.ahead <= NEAR_AHEAD && !given.has('near') && !given.has('called')) return 'near';
  return null;
}

const keyOf = (ticketId: string) => `hallhub.alerts.${ticketId}`;

export function loadGiven(storage: Pick<Storage, 'getItem'> | null, ticketId: string): Set<AlertKind> {
  try {
    const raw = storage?.getItem(keyOf(ticketId)) ?? '';
    return new Set(raw.split(',').filter((x): x is AlertKind => x === 'near' || x === 'called'));
  } catch {
    return new Set();
  }
}

export function saveGiven(storage: Pick<Storage, 'setItem'> | null, ticketId: string, given: ReadonlySet<AlertKind>): void {
  try {
    storage?.setItem(keyOf(ticketId), [...given].sort().join(','));
  } catch {
    /* private mode: the alert may be said again after a reload, never twice on one page */
  }
}
