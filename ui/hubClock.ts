import { api } from './api.ts';

/**
 * The hub's clock as seen from this page. Hub time is the hall's time (it may be a training clock
 * that differs from the PC's), so ages of events are measured against it, never against Date.now().
 */
let offsetMs = 0;

export function hubNow(): number {
  return Date.now() + offsetMs;
}

/** A live event was stamped just now by the hub. */
export function noteHubTime(iso: string): void {
  const t = Date.parse(iso);
  if (!Number.isNaN(t)) offsetMs = t - Date.now();
}

/** Asks the hub for its time; returns the business day it reports. */
export async function syncHubClock(): Promise<string | null> {
  const h = await api<{ now?: string; businessDay?: string }>('GET', '/api/health', undefined, { token: null });
  if (h.now) noteHubTime(h.now);
  return h.businessDay ?? null;
}

/** The hub's wall time ("HH:MM") in the hall's time zone: what cut-off times are compared with. */
export function hubLocalTime(timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(new Date(hubNow()));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}
