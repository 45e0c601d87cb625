import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { clockTime, getLang, localName, t, type StringKey } from '../ui/i18n.ts';
import type { DisplayStore } from './displayStore.ts';

/** The screen above one window: its current number, who is on duty (public by rule), its pause notice. */
@customElement('window-screen')
export class WindowScreen extends HallElement {
  static styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; background: #0b2545; color: #fff; overflow: hidden; }
    header { display: flex; align-items: center; justify-content: space-between; gap: 2vw; padding: 2vh 3vw; background: rgba(0, 0, 0, 0.25); }
    /* The language switch is for whoever sets the screen up, not for the hall: small and quiet. */
    .tools { display: flex; align-items: center; gap: 1vw; flex: none; }
    lang-switch { font-size: max(13px, 1.6vh); opacity: 0.55; }
    lang-switch:hover, lang-switch:focus-within { opacity: 1; }
    h1 { margin: 0; font-size: 7vh; }
    .name { font-size: 4vh; color: #9fb7d9; }
    main { flex: 1; display: grid; grid-template-columns: 1fr 1fr; align-items: center; padding: 2vh 3vw; gap: 3vw; }
    .current { text-align: center; }
    .label { font-size: 4vh; color: #9fb7d9; }
    .number { font-size: 26vh; font-weight: 700; color: #ffd600; line-height: 1.1; font-variant-numeric: tabular-nums; }
    .idle { font-size: 8vh; color: #9fb7d9; margin-top: 4vh; }
    .staff { display: flex; align-items: center; gap: 2vw; }
    .photo { width: 22vh; height: 28vh; border-radius: 1.5vh; background: #1f4e8c; display: flex; align-items: center;
      justify-content: center; font-size: 12vh; font-weight: 700; object-fit: cover; }
    .who { font-size: 7vh; font-weight: 700; }
    .no { font-size: 4vh; color: #cfd8e3; }
    .pause { grid-column: 1 / -1; text-align: center; padding: 3vh; border-radius: 2vh; background: rgba(231, 76, 60, 0.35);
      border: 0.4vh solid #e74c3c; }
    .pause .big { font-size: 10vh; font-weight: 700; }
    .pause .line { font-size: 5vh; }
    .closed { grid-column: 1 / -1; text-align: center; font-size: 10vh; color: #9fb7d9; }
    .elsewhere { margin-top: 3vh; font-size: 5vh; color: #fff; line-height: 1.35; }
    .elsewhere .lead { font-size: 4.4vh; color: #9fb7d9; margin-bottom: 1vh; }
    .elsewhere .go { font-weight: 700; color: #ffd600; }
  `;

  @property({ type: Number }) number = 0;
  @property({ attribute: false }) store?: DisplayStore;
  @property({ attribute: false }) connection?: HallConnection;
  private _off?: () => void;
  /** Photos that failed to load: the initial stands in for them. */
  private readonly _badPhoto = new Set<string>();

  private photoFailed(url: string): void {
    this._badPhoto.add(url);
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this._off?.();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('store')) {
      this._off?.();
      this._off = this.store?.subscribe(() => this.requestUpdate());
    }
  }

  /** A closed window says where each of its services is served now, or that none is. */
  private elsewhere(serviceIds: string[], self: number) {
    const services = this.store?.services ?? [];
    const lines = serviceIds.map((id) => {
      const s = services.find((x) => x.id === id);
      if (!s) return null;
      const open = (s.openWindowNumbers ?? []).filter((n) => n !== self);
      return open.length
        ? t('closedWindowGo', { s: localName(s), w: open.join(getLang() === 'en' ? ', ' : '、') })
        : t('closedWindowNone', { s: localName(s) });
    }).filter((x): x is string => x !== null);
    if (!lines.length) return nothing;
    return html`<div class="elsewhere" data-testid="elsewhere"><div class="lead">${t('closedWindowServices')}</div>
      ${lines.map((l) => html`<div class="go">${l}</div>`)}</div>`;
  }

  render() {
    const w = this.store?.windows.find((x) => x.number === this.number);
    const tz = this.store?.hall?.timezone;
    return html`
      <header>
        <div><h1>${t('window', { n: this.number })}</h1><div class="name">${w?.name ?? ''}</div></div>
        <div class="tools"><connection-badge .connection=${this.connection}></connection-badge><lang-switch></lang-switch></div>
      </header>
      <main id="main">
        ${!w || w.state === 'closed'
          ? html`<div class="closed">${t('closed')}${w ? this.elsewhere(w.serviceIds, w.number) : nothing}</div>`
          : w.state === 'paused' && w.pause
            ? html`<div class="pause">
                <div class="big">${t('paused')} · ${t(`reason_${w.pause.reason}` as StringKey)}</div>
                ${w.pause.expectedBackAt ? html`<div class="line">${t('backAt', { t: clockTime(w.pause.expectedBackAt, tz) })}</div>` : nothing}
                ${w.pause.note ? html`<div class="line">${w.pause.note}</div>` : nothing}
              </div>`
            : html`<div class="current">
                  <div class="label">${t('nowServing')}</div>
                  ${w.currentNumber
                    ? html`<div class="number" data-testid="window-current">${w.currentNumber}</div>`
                    : html`<div class="idle" data-testid="window-current">${t('noCall')}</div>`}
                </div>
                <div class="staff">
                  ${w.staffPhoto && !this._badPhoto.has(w.staffPhoto)
                    ? html`<img class="photo" src=${w.staffPhoto} alt=${w.staffName ?? ''} @error=${() => this.photoFailed(w.staffPhoto!)} />`
                    : html`<div class="photo">${(w.staffName ?? '?').slice(0, 1)}</div>`}
                  <div>
                    <div class="label">${t('onDuty')}</div>
                    <div class="who">${w.staffName ?? ''}</div>
                    <div class="no">${t('staffNo', { id: w.staffId ?? '' })}</div>
                  </div>
                </div>`}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'window-screen': WindowScreen;
  }
}
