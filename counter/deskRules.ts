import type { StringKey } from '../ui/i18n.ts';
import type { WindowView } from '../ui/types.ts';

/**
 * Which desk actions the window's state allows, and if not, why (shown as the button's tooltip).
 * Mirrors the hub's rules so a forbidden tap is never sent; the hub still decides.
 */
export type DeskAction = 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume' | 'sign-out';

export function whyNot(action: DeskAction, w: WindowView | undefined): StringKey | null {
  if (!w) return 'why_noTicket';
  const cur = w.currentTicketId ? w.currentStatus : null;
  const paused = w.state === 'paused';
  switch (action) {
    case 'call-next':
      return paused ? 'why_paused' : cur ? 'why_haveTicket' : null;
    case 'recall':
    case 'start':
    case 'no-show':
      return paused ? 'why_paused' : !cur ? 'why_noTicket' : cur !== 'called' ? 'why_notCalled' : null;
    case 'finish':
    case 'transfer':
      return paused ? 'why_paused' : !cur ? 'why_noTicket' : null;
    case 'pause':
      return paused ? 'why_paused' : cur ? 'why_haveTicket' : null;
    case 'resume':
      return paused ? null : 'why_notPaused';
    case 'sign-out':
      return cur === 'serving' ? 'why_serving' : null;
  }
}

/** Desktop counters: function keys for the frequent actions. */
export const SHORTCUTS: Record<string, DeskAction> = {
  F1: 'call-next',
  F2: 'recall',
  F3: 'start',
  F4: 'finish',
  F5: 'no-show',
};
