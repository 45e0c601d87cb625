import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t, type StringKey } from '../ui/i18n.ts';
import { faceIcon } from '../pad/face-icon.ts';

/**
 * Rating from the visitor's phone, once the service ended: five faces, sent with the ticket's key
 * (from the ticket's QR, `?k=`). Without the key nothing is offered — the window's pad asks instead;
 * a ticket id alone is not enough to rate (anyone on the hall's Wi-Fi sees ticket ids).
 */
@customElement('phone-rating')
export class PhoneRating extends HallElement {
  static styles = css`
    :host { display: block; margin-top: 1em; }
    h2 { font-size: 1.05em; margin: 0 0 .5em; }
    .faces { display: grid; grid-template-columns: repeat(5, 1fr); gap: .4em; }
    button { font: inherit; border: 0; border-radius: .6em; padding: .4em .2em; background: #eef3f8; color: #1f4e79; cursor: pointer;
      display: flex; flex-direction: column; align-items: center; gap: .2em; font-size: .8em; min-height: 44px; }
    button svg { width: 2.4em; height: 2.4em; }
    button[disabled] { opacity: .5; }
    .done { color: #2e7d32; font-weight: 600; }
    .error { color: #b3261e; }
  `;

  @property() ticketId = '';
  /** The ticket's key; read from the page address when not given. */
  @property() key: string | null = new URLSearchParams(location.search).get('k');
  /** The ticket's rating as the hub knows it (null: not rated yet). */
  @property({ type: Number }) rating: number | null = null;
  @state() private _busy = false;
  @state() private _error: string | null = null;

  private async rate(score: number): Promise<void> {
    if (!this.key || this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(this.ticketId)}/rating`, { score, key: this.key }, { token: null });
      this.rating = score;
      this.dispatchEvent(new CustomEvent('rated', { detail: score, bubbles: true, composed: true }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_RATED') this.rating = this.rating ?? score;
      else this._error = e instanceof Error ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  render() {
    if (this.rating !== null) return html`<p class="done" data-testid="phone-rated">${t('thanks')}</p>`;
    if (!this.key) return nothing;
    return html`<h2>${t('rateTitle')}</h2>
      <div class="faces" data-testid="phone-rating">
        ${[5, 4, 3, 2, 1].map((s) => html`<button ?disabled=${this._busy} data-score=${s} @click=${() => void this.rate(s)}>${faceIcon(s)}<span>${t(`rate${s}` as StringKey)}</span></button>`)}
      </div>
      ${this._error ? html`<p class="error">${this._error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-rating': PhoneRating;
  }
}
