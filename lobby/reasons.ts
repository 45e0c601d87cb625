import type { StringKey } from '../ui/i18n.ts';

/**
 * Why the lobby departs from first come, first served: a short list per action, one tap each, plus
 * free text. The record keeps the words, so they are sent as read on screen (三个一样: the reason
 * must make sense to whoever reads the record later).
 */
export type LobbyAction = 'move' | 'pin' | 'priority' | 'cancel' | 'reprint' | 'extend';

export const PRESETS: Record<LobbyAction, StringKey[]> = {
  move: ['r_move_crowded', 'r_move_wrong', 'r_move_idle'],
  pin: ['r_pin_idle', 'r_pin_special', 'r_pin_return'],
  priority: ['r_prio_elderly', 'r_prio_disabled', 'r_prio_pregnant', 'r_prio_infant'],
  cancel: ['r_cancel_left', 'r_cancel_wrong', 'r_cancel_dup'],
  reprint: ['r_reprint_lost', 'r_reprint_blur'],
  extend: ['r_extend_queue', 'r_extend_busy'],
};

/** The reason sent: the chosen preset, then what was typed; null when there is neither. */
export function reasonText(preset: string | null, typed: string): string | null {
  const extra = typed.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (preset && extra) return `${preset}：${extra}`;
  return preset || extra || null;
}

/** Local "HH:MM" `min` minutes after "HH:MM", capped at 23:59 (an extension ends the same day). */
export function laterClock(hhmm: string, min: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, (h ?? 0) * 60 + (m ?? 0) + min);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Extension choices offered in one tap: half an hour steps after the later of now and the cut-off. */
export function extendChoices(now: string, issueUntil: string | null | undefined): string[] {
  const base = issueUntil && issueUntil > now ? issueUntil : now;
  // Rounded up to the next quarter so the choices read as times people say.
  const [h, m] = base.split(':').map(Number);
  const q = Math.ceil(((h ?? 0) * 60 + (m ?? 0)) / 15) * 15;
  const start = `${String(Math.floor(q / 60)).padStart(2, '0')}:${String(q % 60).padStart(2, '0')}`;
  return [...new Set([30, 60, 90].map((n) => laterClock(start, n)))].filter((x) => x > base);
}
