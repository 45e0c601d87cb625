import type { HallEvent } from '../shared/events.ts';
import type { EventStore } from './journal.ts';

/**
 * The last closed day's events when its close left tickets called or in service (they stay in
 * their staffer's hand after midnight), else none. The hub replays only the open day's file, so
 * these are folded before it to bring those tickets and their windows back after a restart.
 */
export function heldOverDay(journal: EventStore): readonly HallEvent[] {
  const open = journal.day;
  if (!open) return [];
  const prev = journal.days().filter((d) => d < open).at(-1);
  if (!prev) return [];
  const events = journal.readDay(prev);
  const close = events.findLast((e) => e.type === 'DayClosed');
  return close?.type === 'DayClosed' && close.data.heldTicketIds?.length ? events : [];
}

/** Ids of the tickets a day's close left in staff hands: its report follows them into the next day's file. */
export function heldAtClose(events: readonly HallEvent[]): Set<string> {
  const close = events.findLast((e) => e.type === 'DayClosed');
  return new Set(close?.type === 'DayClosed' ? (close.data.heldTicketIds ?? []) : []);
}
