import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { clockTime, t, type StringKey } from '../ui/i18n.ts';
import type { HallEvent, WindowView } from '../ui/types.ts';
import { faceIcon } from './face-icon.ts';

const SCORES = [5, 4, 3, 2, 1] as const;
const THANKS_MS = 4000;
/** A visitor who walks away without rating leaves the pad idle again after this long. */
const ASK_MS = 90_000;

/**
 * The visitor-facing evaluation pad of one window: idle shows who serves here; when this window
 * finishes a service it asks for a rating, once per ticket, then thanks and goes back to idle.
 */
@customElement('rate-pad')
export class RatePad extends HallElement {
  static styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; background: linear-gradient(160deg, #0b2545, #1f4e8c); color: #fff; }
    header { display: flex; align-items: center; gap: 2vw; padding: 2vh 3vw; }
    h1 { flex: 1; margin: 0; font-size: 4vh; }
    main { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; padding: 0 4vw 4vh; }
    .avatar { width: 20vh; height: 20vh; border-radius: 50%; background: #ffd600; color: #0b2545; font-size: 10vh; font-weight: 800;
      display: flex; align-items: center; justify-content: center; margin-bottom: 3vh; }
    .staff { font-size: 7vh; font-weight: 700; }
    .sub { font-size: 3.4vh; color: #e3eaf3; margin-top: 1vh; }
    .sub.big { font-size: 4.4vh; color: #fff; margin-top: 3vh; max-width: 80vw; line-height: 1.4; }
    .state { font-size: 8vh; font-weight: 800; }
    .state.paused { margin-top: 3vh; font-size: 6vh; color: #ffd600; }
    .ask { font-size: 6vh; font-weight: 700; margin-bottom: 1vh; }
    .number { font-size: 4.2vh; color: #ffd600; margin-bottom: 4vh; }
    .scores { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2vw; width: 100%; }
    .scores button { font: inherit; min-height: 26vh; border: 0; border-radius: 3vh; cursor: pointer; display: flex; flex-direction: column;
      align-items: center; justify-content: center; gap: 1.5vh; font-size: 3.6vh; font-weight: 700; color: #0b2545; }
    .scores .face { font-size: 9vh; line-height: 1; }
    .s5 { background: #2ecc71; } .s4 { background: #a3e635; } .s3 { background: #fde047; } .s2 { background: #fb923c; } .s1 { background: #f87171; }
    .thanks { font-size: 9vh; font-weight: 800; }
    .error { margin-top: 3vh; font-size: 3vh; color: #ffd6d6; }
  `;

  @property({ type: Number }) windowNumber = 0;
  @property({ attribute: false }) connection?: HallConnection;
  @state() private _window?: WindowView;
  @state() private _asking: { ticketId: string; number: string } | null = null;
  @state() private _thanks = false;
  @state() private _error: string | null = null;
  private readonly _rated = new Set<string>();
  private _firstSyncDone = false;
  private _timer?: ReturnType<typeof setTimeout>;
  private _offs: (() => void)[] = [];
  private readonly _refetch = debounce(() => void this.load(), 150);

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    for (const off of this._offs) off();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection') && this.connection) {
      for (const off of this._offs) off();
      this._offs = [
        this.connection.onEvent((e, live) => this.onEvent(e, live)),
        this.connection.onSynced(() => {
          this._firstSyncDone = true;
          this._refetch();
        }),
      ];
    }
  }

  private async load(): Promise<void> {
    try {
      const windows = await api<WindowView[]>('GET', '/api/windows', undefined, { token: null });
      this._window = windows.find((w) => w.number === this.windowNumber);
    } catch {
      /* offline: the next sync re-fetches */
    }
  }

  private onEvent(e: HallEvent, live: boolean): void {
    const mine = this._window && 'windowId' in e.data && e.data.windowId === this._window.id;
    // The day replayed at load is history; only services ending now (or during a drop) are asked about.
    if (e.type === 'ServiceFinished' && mine && (live || this._firstSyncDone) && !this._rated.has(e.data.ticketId)) {
      this._asking = { ticketId: e.data.ticketId, number: e.data.number };
      this._thanks = false;
      this._error = null;
      this.later(ASK_MS);
    }
    if (e.type === 'TicketRated') {
      this._rated.add(e.data.ticketId);
      if (this._asking?.ticketId === e.data.ticketId && !this._thanks) this.showThanks();
    }
    if (mine) this._refetch();
  }

  private later(ms: number): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._asking = null;
      this._thanks = false;
    }, ms);
  }

  private showThanks(): void {
    this._thanks = true;
    this.later(THANKS_MS);
  }

  private async rate(score: number): Promise<void> {
    const asking = this._asking;
    if (!asking || this._thanks) return;
    this._rated.add(asking.ticketId);
    this.showThanks();
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(asking.ticketId)}/rating`, { score }, { token: null });
    } catch (e) {
      // Rated already (another tap, another pad): the visitor is thanked all the same.
      if (!(e instanceof ApiError && e.code === 'ALREADY_RATED')) this._error = e instanceof ApiError ? e.message : String(e);
    }
  }

  render() {
    const w = this._window;
    return html`
      <header>
        <h1>${t('window', { n: this.windowNumber })}${w ? ` · ${w.name}` : ''}</h1>
        <connection-badge .connection=${this.connection}></connection-badge>
        <lang-switch></lang-switch>
      </header>
      <main id="main">
        ${this._thanks
          ? html`<div class="thanks" data-testid="thanks">${t('thanks')}</div>${this._error ? html`<div class="error">${this._error}</div>` : nothing}`
          : this._asking
            ? html`<div class="ask">${t('rateTitle')}</div>
                <div class="number">${t('rateYourNumber', { n: this._asking.number })} · ${t('rateTapHint')}</div>
                <div class="scores">
                  ${SCORES.map((s) => html`<button class="s${s}" data-score=${s} @click=${() => this.rate(s)}>
                    <span class="face">${faceIcon(s)}</span>${t(`rate${s}` as StringKey)}</button>`)}
                </div>`
            : idleView(w)}
      </main>
    `;
  }
}

/**
 * Between services: who serves here, or, with nobody signed in, plainly that the window is closed
 * and where to go instead (never an empty name and a request to rate nobody).
 */
function idleView(w: WindowView | undefined) {
  if (!w || w.state === 'closed' || !w.staffId) {
    return html`<div class="state" data-testid="pad-idle">${t('rateClosed')}</div><div class="sub big">${t('rateClosedHint')}</div>`;
  }
  const who = html`<div class="avatar">${(w.staffName ?? '?').slice(0, 1)}</div>
    <div class="staff">${w.staffName ?? ''}</div><div class="sub">${t('staffNo', { id: w.staffId })} · ${t('servedBy')}</div>`;
  if (w.state === 'paused' && w.pause) {
    return html`${who}<div class="state paused" data-testid="pad-idle">${t('paused')} · ${t(`reason_${w.pause.reason}` as StringKey)}</div>
      <div class="sub big">${w.pause.expectedBackAt ? `${t('backAt', { t: clockTime(w.pause.expectedBackAt) })} · ` : ''}${t('ratePausedHint')}</div>`;
  }
  return html`${who}<div class="sub big" data-testid="pad-idle">${t('rateIdle')}</div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rate-pad': RatePad;
  }
}
