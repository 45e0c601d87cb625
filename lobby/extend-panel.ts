import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { localName, t } from '../ui/i18n.ts';
import type { BookableService } from '../book/types.ts';
import './reason-picker.ts';
import { extendChoices } from './reasons.ts';
import { lobbyStyles } from './styles.ts';

/** 延时服务: today this service keeps issuing numbers until a later time, with the reason. */
@customElement('extend-panel')
export class ExtendPanel extends HallElement {
  static styles = [lobbyStyles, css`:host { display: block; } input[type='time'] { min-width: 9em; }`];

  @property({ attribute: false }) service?: BookableService & { extendedUntil?: string | null };
  /** The hub's local "HH:MM" now. */
  @property() now = '';
  @state() private _until: string | null = null;
  @state() private _busy = false;
  @state() private _error: string | null = null;
  @state() private _done: string | null = null;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('service') && (changed.get('service') as BookableService | undefined)?.id !== this.service?.id) {
      this._until = null;
      this._error = null;
      this._done = null;
    }
  }

  private async run(reason: string): Promise<void> {
    const s = this.service;
    if (!s || !this._until || this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      await api('POST', `/api/services/${encodeURIComponent(s.id)}/extend`, { until: this._until, reason });
      this._done = t('lobbyExtended', { t: this._until });
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  render() {
    const s = this.service;
    if (!s) return nothing;
    const cutOff = s.extendedUntil ?? s.issueUntil ?? null;
    const choices = extendChoices(this.now || '00:00', cutOff);
    return html`<div class="card" data-extend=${s.id}>
      <h2>${t('lobbyExtend')} · ${s.prefix} ${localName(s)}</h2>
      <div class="muted">${cutOff ? t('cutOffAt', { t: cutOff }) : ''}</div>
      ${this._done ? html`<div class="ok" role="status" data-testid="lobby-done">${this._done}</div>` : nothing}
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <h3>${t('lobbyExtendUntil')}</h3>
      <div class="row">
        ${choices.map((c) => html`<button class="chip num" data-until=${c} aria-pressed=${this._until === c} @click=${() => (this._until = c)}>${c}</button>`)}
        <label class="row">${t('lobbyExtendTime')}
          <input type="time" name="until" .value=${this._until ?? ''} @input=${(e: InputEvent) => (this._until = (e.target as HTMLInputElement).value || null)} /></label>
      </div>
      <reason-picker action="extend" .busy=${this._busy} .ready=${!!this._until}
        confirmLabel=${this._until ? t('lobbyExtended', { t: this._until }) : ''}
        @confirm=${(e: CustomEvent<{ reason: string }>) => this.run(e.detail.reason)}
        @cancel=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }))}></reason-picker>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'extend-panel': ExtendPanel;
  }
}
