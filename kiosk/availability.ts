import { getLang, t, type StringKey } from '../ui/i18n.ts';
import type { ServiceView } from '../ui/types.ts';

/**
 * Whether a visitor can take a number for a service now, and if not why, judged before any tap
 * from what the hub publishes (`remainingToday`, `issueUntil`) and the hub's own time. The hub
 * still decides: a ticket it refuses is answered with its message.
 */
export type Unavailable = { key: StringKey; params?: Record<string, string | number> };

export function unavailable(s: ServiceView, hubTime: string | null): Unavailable | null {
  if (s.remainingToday === 0) return { key: 'full' };
  // "HH:MM" strings of the same zone compare in time order.
  if (s.issueUntil && hubTime && hubTime >= s.issueUntil) return { key: 'cutOffAt', params: { t: s.issueUntil } };
  return null;
}

/** The estimate a visitor reads: none is promised while no window serving it is open. */
export function estimateText(s: Pick<ServiceView, 'openWindows'>): { key: StringKey; noWindow: boolean } {
  return s.openWindows === 0 ? { key: 'noWindow', noWindow: true } : { key: 'estimateMin', noWindow: false };
}

/** Where a service is served: its open windows, or all its windows when none is open yet. */
export function windowsLine(s: ServiceView): string {
  const sep = getLang() === 'en' ? ', ' : '、';
  if (s.openWindowNumbers?.length) return t('goToWindows', { w: s.openWindowNumbers.join(sep) });
  if (s.windowNumbers?.length) return t('goToWindowsNoneOpen', { w: s.windowNumbers.join(sep) });
  return '';
}
