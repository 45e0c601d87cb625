import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HallElement } from '../ui/hall-element.ts';
import { hubLocalTime, hubNow, syncHubClock } from '../ui/hubClock.ts';
import { clockTime, t, type StringKey } from '../ui/i18n.ts';

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
    .go[disabled] { opacity: 0.4; cursor: not-allowed; }
    input[type='time'] { flex: none; width: 8em; }
    .preview { color: #1f6feb; font-weight: 600; }
    .bad { color: #c0392b; font-weight: 600; }
  `;

  @state() private _reason: (typeof REASONS)[number] = 'break';
  @state() private _backIn: number | null = 15;
  @state() private _note = '';
  /** An exact return time ("HH:MM", hall time) instead of a number of minutes. */
  @state() private _at = '';
  @state() private _synced = 0;
  /** The hall's time zone, for the preview and the time picker. */
  timezone = 'Asia/Shanghai';

  connectedCallback(): void {
    super.connectedCallback();
    // Expected return is in hub time (the hall's clock), not this PC's.
    void syncHubClock().then(() => this._synced++, () => undefined);
  }

  /** When the staffer expects to be back, in ms of hub time; NaN for a time already past. */
  private backMs(): number | null {
    if (this._at) {
      const [h, m] = this._at.split(':').map(Number);
      const [nh, nm] = hubLocalTime(this.timezone).split(':').map(Number);
      const diff = (h! * 60 + m!) - (nh! * 60 + nm!);
      // On the minute, as picked: whole-minute offsets keep local and UTC minutes aligned.
      return diff > 0 ? Math.floor(hubNow() / 60_000) * 60_000 + diff * 60_000 : NaN;
    }
    return this._backIn ? hubNow() + this._backIn * 60_000 : null;
  }

  private submit = () => {
    const ms = this.backMs();
    if (ms !== null && Number.isNaN(ms)) return;
    const expectedBackAt = ms === null ? null : new Date(ms).toISOString();
    this.dispatchEvent(new CustomEvent('pause', { detail: { reason: this._reason, note: this._note.trim(), expectedBackAt } }));
  };

  render() {
    void this._synced;
    const back = this.backMs();
    return html`
      <div class="row"><span class="label">${t('pauseReason')}</span>
        ${REASONS.map((r) => html`<button data-reason=${r} aria-pressed=${this._reason === r} @click=${() => (this._reason = r)}>${t(`reason_${r}` as StringKey)}</button>`)}
      </div>
      <div class="row"><span class="label">${t('expectedBack')}</span>
        ${BACK_IN_MIN.map((m) => html`<button data-back=${m} aria-pressed=${!this._at && this._backIn === m} @click=${() => ((this._backIn = m), (this._at = ''))}>${t('minutes', { n: m })}</button>`)}
        <span>${t('backAtTime')}</span>
        <input type="time" name="back-at" .value=${this._at} @input=${(e: InputEvent) => (this._at = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="row"><span class="label"></span>
        ${Number.isNaN(back) ? html`<span class="bad" role="alert">${t('backPast')}</span>`
          : back !== null ? html`<span class="preview" data-testid="back-preview">${t('backPreview', { t: clockTime(new Date(back).toISOString(), this.timezone) })}</span>` : nothing}
      </div>
      <div class="row"><span class="label">${t('note')}</span>
        <input name="note" maxlength="200" .value=${this._note} @input=${(e: InputEvent) => (this._note = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="row">
        <button class="go" data-action="confirm-pause" ?disabled=${Number.isNaN(back)} @click=${this.submit}>${t('pause')}</button>
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
