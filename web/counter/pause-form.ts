import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HallElement } from '../lib/hall-element.ts';
import { hubNow, syncHubClock } from '../lib/hubClock.ts';
import { t, type StringKey } from '../lib/i18n.ts';

const REASONS = ['break', 'meeting', 'errand', 'leave', 'other'] as const;
const BACK_IN_MIN = [5, 10, 15, 30, 60] as const;

/** Pausing a window: a reason, a whereabouts note and when the staffer expects to be back (去向留言). */
@customElement('pause-form')
export class PauseForm extends HallElement {
  static styles = css`
    :host { display: block; margin-top: 2vh; padding: 2vh 1.5vw; border-radius: 1.2vh; background: #f3f6fb; color: #0b2545; }
    .row { display: flex; flex-wrap: wrap; gap: 0.8vw; margin: 1vh 0; align-items: center; }
    .label { min-width: 7em; font-weight: 600; }
    button { font: inherit; padding: 1vh 1.4vw; border-radius: 1vh; border: 1px solid #9fb3cc; background: #fff; cursor: pointer; }
    button[aria-pressed='true'] { background: #1f6feb; color: #fff; border-color: #1f6feb; }
    input { flex: 1; font: inherit; padding: 1vh 1vw; border-radius: 1vh; border: 1px solid #9fb3cc; }
    .go { background: #e67e22; color: #fff; border: 0; font-weight: 700; }
  `;

  @state() private _reason: (typeof REASONS)[number] = 'break';
  @state() private _backIn: number | null = 15;
  @state() private _note = '';

  connectedCallback(): void {
    super.connectedCallback();
    // Expected return is in hub time (the hall's clock), not this PC's.
    void syncHubClock().catch(() => undefined);
  }

  private submit = () => {
    const expectedBackAt = this._backIn ? new Date(hubNow() + this._backIn * 60_000).toISOString() : null;
    this.dispatchEvent(new CustomEvent('pause', { detail: { reason: this._reason, note: this._note.trim(), expectedBackAt } }));
  };

  render() {
    return html`
      <div class="row"><span class="label">${t('pauseReason')}</span>
        ${REASONS.map((r) => html`<button data-reason=${r} aria-pressed=${this._reason === r} @click=${() => (this._reason = r)}>${t(`reason_${r}` as StringKey)}</button>`)}
      </div>
      <div class="row"><span class="label">${t('expectedBack')}</span>
        ${BACK_IN_MIN.map((m) => html`<button aria-pressed=${this._backIn === m} @click=${() => (this._backIn = m)}>${t('minutes', { n: m })}</button>`)}
      </div>
      <div class="row"><span class="label">${t('note')}</span>
        <input name="note" maxlength="200" .value=${this._note} @input=${(e: InputEvent) => (this._note = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="row">
        <button class="go" data-action="confirm-pause" @click=${this.submit}>${t('pause')}</button>
        <button @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('cancel')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pause-form': PauseForm;
  }
}
