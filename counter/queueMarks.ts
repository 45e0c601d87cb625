import { html, nothing } from 'lit';
import { t } from '../ui/i18n.ts';

/** What the hub's queue preview says about a ticket's place beyond first come, first served. */
export interface QueueMarks {
  appointment?: boolean;
  pinnedWindowId?: string | null;
  movedFrom?: string | null;
}

/**
 * The marks of a ticket in the counter's next-up list: 预约 (a booked visitor, called ahead once the
 * slot starts), 指定 (the lobby pinned it to this window), and the service a moved ticket came from.
 */
export function queueMarks(item: object, serviceName: (id: string) => string) {
  const n = item as QueueMarks;
  const marks = [
    n.appointment ? html`<span class="mark appt" data-mark="appointment" style="background:#8e44ad;color:#fff;border-radius:999px;padding:0 0.6em;font-size:0.85rem">${t('markAppointment')}</span>` : null,
    n.pinnedWindowId ? html`<span class="mark pin" data-mark="pinned" style="background:#1f6feb;color:#fff;border-radius:999px;padding:0 0.6em;font-size:0.85rem">${t('markPinned')}</span>` : null,
    n.movedFrom ? html`<span class="mark moved" data-mark="moved" style="background:#f1c40f;color:#0b2545;border-radius:999px;padding:0 0.6em;font-size:0.85rem"
      title=${t('lobbyMovedFrom', { s: serviceName(n.movedFrom) })}>${t('lobbyMovedFrom', { s: serviceName(n.movedFrom) })}</span>` : null,
  ].filter(Boolean);
  return marks.length ? marks : nothing;
}
