import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { HallElement } from '../ui/hall-element.ts';
import { t } from '../ui/i18n.ts';
import { PRESETS, reasonText, type LobbyAction } from './reasons.ts';
import { lobbyStyles } from './styles.ts';

/**
 * The reason for one lobby action: one tap on a preset, free text to add or replace it, then the
 * action's own confirm button. Fires `confirm` with `{ reason }` and `cancel`.
 */
@customElement('reason-picker')
export class ReasonPicker extends HallElement {
  static styles = [lobbyStyles, css`
    :host { display: block; margin-top: 10px; }
    .more { width: 100%; margin-top: 8px; }
    .go { display: flex; gap: 8px; margin-top: 10px; }
    .go .btn { flex: 1; }
  `];

  @property() action: LobbyAction = 'move';
  /** Text of the confirm button (what will happen). */
  @property() confirmLabel = '';
  @property({ type: Boolean }) busy = false;
  /** Confirm stays off until the step before (a target) is chosen. */
  @property({ type: Boolean }) ready = true;
  @state() private _preset: string | null = null;
  @state() private _typed = '';
  @state() private _missing = false;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('action') && changed.get('action') !== undefined) {
      this._preset = null;
      this._typed = '';
      this._missing = false;
    }
  }

  private confirm(): void {
    const reason = reasonText(this._preset, this._typed);
    if (!reason) return void (this._missing = true);
    this.dispatchEvent(new CustomEvent('confirm', { detail: { reason }, bubbles: true, composed: true }));
  }

  render() {
    return html`
      <h3>${t('lobbyReason')}</h3>
      <div class="chips" role="group" aria-label=${t('lobbyReason')}>
        ${PRESETS[this.action].map((key) => {
          const label = t(key);
          return html`<button class="chip" data-reason=${key} aria-pressed=${this._preset === label}
            @click=${() => ((this._preset = this._preset === label ? null : label), (this._missing = false))}>${label}</button>`;
        })}
      </div>
      <input class="more" name="reason-more" maxlength="200" placeholder=${t('lobbyReasonMore')} .value=${this._typed}
        @input=${(e: InputEvent) => ((this._typed = (e.target as HTMLInputElement).value), (this._missing = false))} />
      ${this._missing ? html`<div class="error" role="alert">${t('lobbyReasonNeeded')}</div>` : nothing}
      <div class="go">
        <button class="btn primary" data-action="confirm" ?disabled=${this.busy || !this.ready} @click=${this.confirm}>${this.confirmLabel || t('lobbyDo')}</button>
        <button class="btn" @click=${() => this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }))}>${t('cancel')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reason-picker': ReasonPicker;
  }
}
