import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t, type StringKey } from '../ui/i18n.ts';

const REASONS = ['attitude', 'efficiency', 'notice', 'other'] as const;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/**
 * After a rating of 1 or 2, one screen: what went wrong (态度, 效率, 一次性告知未做到, 其他; any
 * number of them) and an optional phone for a call back, typed on the pad's own keypad (a pad has
 * no keyboard). Sending files it in the manager's complaint register; skipping sends nothing.
 * Fires `done` with the date an answer is due (null when skipped or not filed).
 */
@customElement('bad-rating')
export class BadRating extends HallElement {
  static styles = css`
    :host { display: flex; flex-direction: column; gap: 2.4vh; color: #fff; }
    h2 { margin: 0; font-size: 5vh; text-align: center; }
    .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 3vw; align-items: start; }
    .reasons { display: grid; grid-template-columns: 1fr 1fr; gap: 2vh 1.5vw; }
    .reasons button { font: inherit; font-size: 3.6vh; font-weight: 700; min-height: 14vh; border-radius: 2vh; cursor: pointer;
      border: 0.5vh solid #fff; background: transparent; color: #fff; padding: 1vh 1vw; }
    .reasons button[aria-pressed='true'] { background: #ffd600; border-color: #ffd600; color: #0b2545; }
    .reasons button[aria-pressed='true']::before { content: '✓ '; }
    label { display: block; font-size: 3vh; margin-bottom: 1vh; }
    .phone { font-size: 4.4vh; font-weight: 700; letter-spacing: 0.1em; min-height: 7vh; border-radius: 1.5vh; background: #fff; color: #0b2545;
      display: flex; align-items: center; padding: 0 2vw; font-variant-numeric: tabular-nums; }
    .phone.empty { color: #8a97a8; font-weight: 400; letter-spacing: 0; font-size: 3vh; }
    .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1vh 1vw; margin-top: 1.5vh; }
    .keys button { font: inherit; font-size: 4vh; font-weight: 700; min-height: 8vh; border: 0; border-radius: 1.5vh; background: rgba(255, 255, 255, 0.18);
      color: #fff; cursor: pointer; }
    .keys button.small { font-size: 2.8vh; }
    .actions { display: flex; gap: 3vw; justify-content: center; }
    .actions button { font: inherit; font-size: 4vh; font-weight: 700; min-height: 10vh; min-width: 24vw; border-radius: 2vh; cursor: pointer; border: 0; }
    .send { background: #ffd600; color: #0b2545; }
    .send[disabled] { opacity: 0.45; }
    .skip { background: transparent; color: #fff; border: 0.4vh solid #fff !important; }
    .error { font-size: 3vh; color: #ffd6d6; text-align: center; }
  `;

  @property() ticketId = '';
  @property() number = '';
  @property({ attribute: false }) deviceToken: string | null = null;
  @state() private _chosen = new Set<(typeof REASONS)[number]>();
  @state() private _phone = '';
  @state() private _error: string | null = null;
  @state() private _busy = false;

  private toggle(r: (typeof REASONS)[number]): void {
    const next = new Set(this._chosen);
    if (next.has(r)) next.delete(r);
    else next.add(r);
    this._chosen = next;
  }

  private key(k: (typeof KEYS)[number]): void {
    this._error = null;
    if (k === 'clear') this._phone = '';
    else if (k === 'back') this._phone = this._phone.slice(0, -1);
    else if (this._phone.length < 12) this._phone += k;
  }

  private finish(dueDate: string | null): void {
    this.dispatchEvent(new CustomEvent('done', { detail: { dueDate }, bubbles: true, composed: true }));
  }

  private async send(): Promise<void> {
    if (!this._chosen.size || this._busy) return;
    if (this._phone && !/^\d{7,12}$/.test(this._phone)) {
      this._error = t('ratePhoneBad');
      return;
    }
    this._busy = true;
    try {
      const r = await api<{ dueDate: string }>('POST', `/api/tickets/${encodeURIComponent(this.ticketId)}/feedback`,
        { reasons: [...this._chosen], ...(this._phone ? { phone: this._phone } : {}) }, { token: this.deviceToken });
      this.finish(r.dueDate);
    } catch (e) {
      // Already given (another tap): the visitor is thanked all the same.
      if (e instanceof ApiError && e.code === 'FEEDBACK_ALREADY_GIVEN') this.finish(null);
      else this._error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  render() {
    return html`
      <h2>${t('rateBadTitle')}</h2>
      <div class="cols">
        <div class="reasons" role="group">
          ${REASONS.map((r) => html`<button data-reason=${r} aria-pressed=${this._chosen.has(r) ? 'true' : 'false'}
            @click=${() => this.toggle(r)}>${t(`bad_${r}` as StringKey)}</button>`)}
        </div>
        <div>
          <label>${t('ratePhoneLabel')}</label>
          <div class="phone ${this._phone ? '' : 'empty'}" data-testid="phone">${this._phone || t('ratePhonePlaceholder')}</div>
          <div class="keys">
            ${KEYS.map((k) => html`<button class=${k.length > 1 ? 'small' : ''} data-key=${k} @click=${() => this.key(k)}>
              ${k === 'back' ? '⌫' : k === 'clear' ? t('keyClear') : k}</button>`)}
          </div>
        </div>
      </div>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <div class="actions">
        <button class="send" data-testid="feedback-send" ?disabled=${!this._chosen.size || this._busy} @click=${() => this.send()}>${t('rateSend')}</button>
        <button class="skip" data-testid="feedback-skip" @click=${() => this.finish(null)}>${t('rateSkip')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bad-rating': BadRating;
  }
}
