import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t } from '../ui/i18n.ts';

/**
 * "我不办了 / I'm leaving": the visitor cancels their own waiting ticket after a confirmation. The
 * ticket's key (from the ticket's QR, `?k=`) proves it is theirs; without it nothing is offered.
 */
@customElement('leave-button')
export class LeaveButton extends HallElement {
  static styles = css`
    :host { display: block; margin-top: 18px; }
    button { font: inherit; font-size: 18px; font-weight: 700; min-height: 50px; width: 100%; border-radius: 12px; cursor: pointer; }
    .leave { background: #fff; color: #c0392b; border: 1px solid #c0392b; }
    .ask { background: #fdecea; border-radius: 12px; padding: 14px; display: flex; flex-direction: column; gap: 10px; }
    .ask p { margin: 0; font-size: 18px; line-height: 1.5; color: #0b2545; }
    .yes { background: #c0392b; color: #fff; border: 0; }
    .no { background: #fff; color: #0b2545; border: 1px solid #9fb3cc; }
    .error { color: #c0392b; font-weight: 700; }
  `;

  @property() ticketId = '';
  /** The ticket's key; read from the page address when not given. */
  @property() key: string | null = new URLSearchParams(location.search).get('k');
  @state() private _asking = false;
  @state() private _busy = false;
  @state() private _error: string | null = null;

  private async leave(): Promise<void> {
    if (!this.key || this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(this.ticketId)}/cancel`, { key: this.key }, { token: null });
      this._asking = false;
      this.dispatchEvent(new CustomEvent('left', { bubbles: true, composed: true }));
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  render() {
    if (!this.key) return nothing;
    return this._asking
      ? html`<div class="ask" role="dialog" aria-modal="true">
          <p>${t('leaveAsk')}</p>
          ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
          <button class="yes" data-action="leave-confirm" ?disabled=${this._busy} @click=${() => this.leave()}>${t('leaveYes')}</button>
          <button class="no" @click=${() => ((this._asking = false), (this._error = null))}>${t('leaveNo')}</button>
        </div>`
      : html`<button class="leave" data-action="leave" @click=${() => (this._asking = true)}>${t('leave')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leave-button': LeaveButton;
  }
}
