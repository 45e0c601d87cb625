import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { clockTime, localName, t, type StringKey } from '../ui/i18n.ts';
import type { TicketView, WindowView } from '../ui/types.ts';
import type { BookableService } from '../book/types.ts';
import './reason-picker.ts';
import type { LobbyAction } from './reasons.ts';
import { lobbyStyles } from './styles.ts';
import type { IndexedTicket } from './ticketIndex.ts';
import type { LobbyServiceView } from './types.ts';

/** A ticket as the hub answers it to staff; the lobby's marks when the hub gives them. */
export type LobbyTicket = Omit<TicketView, 'status'> & {
  status: TicketView['status'] | 'cancelled';
  pinnedWindowId?: string | null;
  slotStart?: string | null;
  appointmentId?: string | null;
  issuedServiceId?: string;
};

type TicketAction = Exclude<LobbyAction, 'extend'>;

/**
 * One ticket found in the lobby: what it is, and the five things the lobby may do with it — move
 * to a service, pin to a window, green channel, cancel, reprint — each with its reason.
 */
@customElement('ticket-panel')
export class TicketPanel extends HallElement {
  static styles = [lobbyStyles, css`
    :host { display: block; }
    .head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
    .number { font-size: 52px; font-weight: 800; color: #c0392b; font-variant-numeric: tabular-nums; line-height: 1; }
    .svc { font-size: 20px; font-weight: 700; }
    .facts { display: flex; gap: 6px 14px; flex-wrap: wrap; margin: 8px 0; color: #3d4f66; }
    .actions { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin-top: 8px; }
    .actions .btn { min-height: 56px; }
    .actions .btn[aria-pressed='true'] { outline: 3px solid #ffd600; }
  `];

  @property() ticketId = '';
  @property({ attribute: false }) hint: IndexedTicket | null = null;
  @property({ attribute: false }) services: BookableService[] = [];
  @property({ attribute: false }) lobbyServices: LobbyServiceView[] = [];
  @property({ attribute: false }) windows: WindowView[] = [];
  @property({ attribute: false }) kiosks: { id: string; name: string }[] = [];
  @property() timezone = 'Asia/Shanghai';
  @state() private _ticket: LobbyTicket | null = null;
  @state() private _action: TicketAction | null = null;
  @state() private _target: string | null = null;
  @state() private _busy = false;
  @state() private _error: string | null = null;
  @state() private _done: string | null = null;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ticketId')) {
      this._ticket = null;
      this._action = null;
      this._done = null;
      this._error = null;
      void this.refresh();
    }
  }

  /** Reads the ticket again (the board calls this on every event about it). */
  async refresh(): Promise<void> {
    const id = this.ticketId;
    if (!id) return;
    try {
      const tk = await api<LobbyTicket>('GET', `/api/tickets/${encodeURIComponent(id)}`);
      if (id === this.ticketId) this._ticket = tk;
    } catch (e) {
      if (id === this.ticketId) this._error = e instanceof ApiError ? e.message : String(e);
    }
  }

  private serviceName(id: string | null | undefined): string {
    const s = this.services.find((x) => x.id === id);
    return s ? localName(s) : id ?? '';
  }

  private windowNumber(id: string | null | undefined): number | string {
    return this.windows.find((w) => w.id === id)?.number ?? id ?? '';
  }

  private pick(action: TicketAction): void {
    this._action = this._action === action ? null : action;
    this._target = null;
    this._error = null;
    this._done = null;
  }

  private async run(reason: string): Promise<void> {
    const tk = this._ticket;
    const action = this._action;
    if (!tk || !action || this._busy) return;
    this._busy = true;
    this._error = null;
    const id = encodeURIComponent(tk.id);
    try {
      let what = '';
      if (action === 'move') {
        await api('POST', `/api/tickets/${id}/move`, { serviceId: this._target, reason });
        what = `${t('lobbyMove')} ${tk.number} → ${this.serviceName(this._target)}`;
      } else if (action === 'pin') {
        await api('POST', `/api/tickets/${id}/move`, { windowId: this._target, reason });
        what = `${tk.number} · ${t('lobbyPinnedTo', { n: this.windowNumber(this._target) })}`;
      } else if (action === 'priority') {
        await api('POST', `/api/tickets/${id}/priority`, { reason });
        what = `${tk.number} · ${t('lobbyPriority')}`;
      } else if (action === 'cancel') {
        await api('POST', `/api/tickets/${id}/cancel`, { reason });
        what = `${tk.number} · ${t('lobbyCancelTicket')}`;
      } else {
        // The reprint endpoint records no reason of its own; the reason goes along for the log.
        await api('POST', `/api/kiosks/${encodeURIComponent(this._target ?? '')}/reprint`, { ticketId: tk.id, reason });
        what = `${tk.number} · ${t('lobbyReprint')}`;
      }
      this._done = t('lobbyDone', { what });
      this._action = null;
      this._target = null;
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
      await this.refresh();
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  render() {
    const tk = this._ticket;
    if (!tk) return html`<div class="card">${this._error ? html`<div class="error" role="alert">${this._error}</div>` : t('connecting')}</div>`;
    const waiting = tk.status === 'waiting';
    const pinned = tk.pinnedWindowId ?? this.hint?.pinnedWindowId ?? null;
    const slot = tk.slotStart ?? this.hint?.slotStart ?? null;
    const moved = !!tk.transfers?.length || (!!tk.issuedServiceId && tk.issuedServiceId !== tk.serviceId) || !!this.hint?.moved;
    const btn = (a: TicketAction, label: StringKey, cls = '', enabled = waiting) => html`<button class="btn ${cls}" data-lobby-action=${a}
      aria-pressed=${this._action === a} ?disabled=${!enabled || this._busy} @click=${() => this.pick(a)}>${t(label)}</button>`;
    return html`<div class="card" data-ticket=${tk.id}>
      <div class="head">
        <span class="number" data-testid="lobby-ticket-number">${tk.number}</span>
        <span class="svc">${this.serviceName(tk.serviceId)}</span>
        <span class="badge" data-testid="lobby-ticket-status">${t(`status_${tk.status}` as StringKey)}</span>
      </div>
      <div class="facts">
        ${tk.priority ? html`<span class="badge prio">${t('priority')}</span>` : nothing}
        ${slot ? html`<span class="badge appt">${t('appointment')} ${clockTime(slot, this.timezone)}</span>` : nothing}
        ${pinned ? html`<span class="badge pin">${t('lobbyPinnedTo', { n: this.windowNumber(pinned) })}</span>` : nothing}
        ${moved ? html`<span class="badge moved">${t('markMoved')}</span>` : nothing}
        <span>${t('issuedAt')} ${clockTime(tk.issuedAt, this.timezone)}</span>
        ${waiting ? html`<span>${t('ahead', { n: tk.ahead })}</span>` : nothing}
        ${tk.windowNumber ? html`<span>${t('window', { n: tk.windowNumber })}</span>` : nothing}
      </div>
      ${!waiting ? html`<div class="muted">${t('lobbyNotWaiting')}</div>` : nothing}
      ${this._done ? html`<div class="ok" role="status" data-testid="lobby-done">${this._done}</div>` : nothing}
      ${this._error ? html`<div class="error" role="alert" data-testid="lobby-error">${this._error}</div>` : nothing}
      <div class="actions">
        ${btn('move', 'lobbyMove')}
        ${btn('pin', 'lobbyPin')}
        ${btn('priority', 'lobbyPriority', 'green', waiting && !tk.priority)}
        ${btn('cancel', 'lobbyCancelTicket', 'danger')}
        ${btn('reprint', 'lobbyReprint', '', this.kiosks.length > 0 && tk.status !== 'cancelled')}
      </div>
      ${this._action ? this.renderAction(this._action, tk) : nothing}
    </div>`;
  }

  private renderAction(action: TicketAction, tk: LobbyTicket) {
    const needsTarget = action === 'move' || action === 'pin' || action === 'reprint';
    const confirmLabel =
      action === 'move' && this._target ? `${t('lobbyMove')} → ${this.serviceName(this._target)}`
      : action === 'pin' && this._target ? t('lobbyPinnedTo', { n: this.windowNumber(this._target) })
      : '';
    return html`
      ${action === 'move' ? html`<h3>${t('lobbyPickService')}</h3><div class="chips">
        ${this.services.filter((s) => s.id !== tk.serviceId).map((s) => {
          const lv = this.lobbyServices.find((x) => x.serviceId === s.id);
          return html`<button class="chip" data-target=${s.id} aria-pressed=${this._target === s.id} @click=${() => (this._target = s.id)}>
            ${s.prefix} · ${localName(s)}<small>${t('waitingN', { n: lv?.waiting ?? s.waiting })}${lv ? ` · ${t('lobbyServing', { n: lv.windowsServing })}` : ''}</small></button>`;
        })}</div>` : nothing}
      ${action === 'pin' ? html`<h3>${t('lobbyPickWindow')}</h3><div class="chips">
        ${this.windows.map((w) => html`<button class="chip" data-target=${w.id} aria-pressed=${this._target === w.id} @click=${() => (this._target = w.id)}>
          ${t('window', { n: w.number })}<small>${w.state === 'open' ? w.staffName ?? '' : t(w.state === 'paused' ? 'paused' : 'closed')}</small></button>`)}</div>` : nothing}
      ${action === 'reprint' ? html`<h3>${t('lobbyPickKiosk')}</h3><div class="chips">
        ${this.kiosks.map((k) => html`<button class="chip" data-target=${k.id} aria-pressed=${this._target === k.id} @click=${() => (this._target = k.id)}>${k.name}<small>${k.id}</small></button>`)}</div>` : nothing}
      <reason-picker .action=${action} .busy=${this._busy} .ready=${!needsTarget || !!this._target} confirmLabel=${confirmLabel}
        @confirm=${(e: CustomEvent<{ reason: string }>) => this.run(e.detail.reason)} @cancel=${() => (this._action = null)}></reason-picker>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-panel': TicketPanel;
  }
}
