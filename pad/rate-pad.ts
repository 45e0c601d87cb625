import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { clockTime, getLang, setLang, t, type StringKey } from '../ui/i18n.ts';
import { watchIdle, type IdleWatch } from '../ui/idleReset.ts';
import type { HallEvent, WindowView } from '../ui/types.ts';
import { faceIcon } from './face-icon.ts';
import './bad-rating.ts';

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
    .avatar { width: 10vh; height: 10vh; border-radius: 50%; background: #ffd600; color: #0b2545; font-size: 5vh; font-weight: 800;
      display: flex; align-items: center; justify-content: center; flex: none; object-fit: cover; }
    .who { display: flex; align-items: center; gap: 2vw; text-align: left; margin-bottom: 2vh; }
    .who-label { font-size: 2.6vh; color: #cfd8e3; }
    .who-name { font-size: 4vh; font-weight: 700; }
    .who-no { font-size: 2.8vh; color: #e3eaf3; }
    .who.big .avatar { width: 24vh; height: 24vh; font-size: 12vh; }
    .who.big .who-name { font-size: 7vh; }
    .who.big .who-no { font-size: 3.6vh; }
    bad-rating { width: 100%; }
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
    .scores .face { font-size: 12vh; line-height: 1; }
    .s5 { background: #2ecc71; } .s4 { background: #a3e635; } .s3 { background: #fde047; } .s2 { background: #fb923c; } .s1 { background: #f87171; }
    .thanks { font-size: 9vh; font-weight: 800; }
    .error { margin-top: 3vh; font-size: 3vh; color: #ffd6d6; }
  `;

  @property({ type: Number }) windowNumber = 0;
  /** The pad's device token once paired: ratings need it (or the visitor's ticket key). */
  @property({ attribute: false }) deviceToken: string | null = null;
  /** Seconds without a touch before the pad goes back to its Chinese idle screen. */
  @property({ type: Number }) idleSeconds = 45;
  /** A rating of 1 or 2: ask what went wrong, on one screen. */
  @state() private _bad: { ticketId: string; number: string; score: number } | null = null;
  @state() private _followUp: string | null = null;
  /** Who served the visitor being asked, kept when the window changes hands meanwhile. */
  @state() private _servedBy: { name: string; id: string; photo: string | null } | null = null;
  private _idle?: IdleWatch;
  private readonly _badPhoto = new Set<string>();
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
    this._idle = watchIdle(this.idleSeconds, this.goHome);
  }

  /** Nobody has touched the pad for a while: the next visitor finds the Chinese idle screen. */
  private goHome = () => {
    if (getLang() !== 'zh') setLang('zh');
    clearTimeout(this._timer);
    this._asking = null;
    this._bad = null;
    this._thanks = false;
    this._followUp = null;
  };

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this._idle?.stop();
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
      const w = this._window;
      this._servedBy = w?.staffId ? { name: w.staffName ?? '', id: w.staffId, photo: w.staffPhoto ?? null } : null;
      this._thanks = false;
      this._bad = null;
      this._followUp = null;
      this._error = null;
      this._idle?.poke();
      this.later(ASK_MS);
    }
    if (e.type === 'TicketRated') {
      this._rated.add(e.data.ticketId);
      if (this._asking?.ticketId === e.data.ticketId && !this._thanks && !this._bad) this.showThanks();
    }
    if (mine) this._refetch();
  }

  private later(ms: number): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._asking = null;
      this._thanks = false;
      this._bad = null;
      this._followUp = null;
    }, ms);
  }

  private showThanks(): void {
    this._thanks = true;
    this.later(THANKS_MS);
  }

  private async rate(score: number): Promise<void> {
    const asking = this._asking;
    if (!asking || this._thanks || this._bad) return;
    this._rated.add(asking.ticketId);
    // 1 or 2: ask what went wrong before thanking (好差评: every bad rating is looked into).
    if (score <= 2) {
      this._bad = { ...asking, score };
      this.later(ASK_MS);
    } else this.showThanks();
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(asking.ticketId)}/rating`, { score }, { token: this.deviceToken });
    } catch (e) {
      // Rated already (another tap, another pad): the visitor is thanked all the same.
      if (!(e instanceof ApiError && e.code === 'ALREADY_RATED')) this._error = e instanceof ApiError ? e.message : String(e);
    }
  }

  /** The bad-rating screen sent its reasons (or was skipped): thank, with the promised answer date. */
  private badDone(e: CustomEvent<{ dueDate: string | null }>): void {
    this._bad = null;
    this._followUp = e.detail.dueDate ? t('rateFollowUp', { d: e.detail.dueDate }) : null;
    this.showThanks();
  }

  /** Who served: photo (or the initial), name and staff number, public by rule. */
  private servedBy(who: { name: string; id: string; photo: string | null } | null, big = false) {
    if (!who) return nothing;
    const face = who.photo && !this._badPhoto.has(who.photo)
      ? html`<img class="avatar photo" src=${who.photo} alt=${who.name} @error=${() => (this._badPhoto.add(who.photo!), this.requestUpdate())} />`
      : html`<div class="avatar">${who.name.slice(0, 1) || '?'}</div>`;
    return html`<div class="who ${big ? 'big' : ''}" data-testid="served-by">${face}
      <div><div class="who-label">${t('servedByTitle')}</div><div class="who-name">${who.name}</div><div class="who-no">${t('staffNo', { id: who.id })}</div></div></div>`;
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
          ? html`<div class="thanks" data-testid="thanks">${t('thanks')}</div>
              ${this._followUp ? html`<div class="sub big" data-testid="follow-up">${this._followUp}</div>` : nothing}
              ${this._error ? html`<div class="error">${this._error}</div>` : nothing}`
          : this._bad
            ? html`<bad-rating .ticketId=${this._bad.ticketId} .number=${this._bad.number} .deviceToken=${this.deviceToken}
                @done=${(e: CustomEvent<{ dueDate: string | null }>) => this.badDone(e)}></bad-rating>`
          : this._asking
            ? html`${this.servedBy(this._servedBy)}<div class="ask">${t('rateTitle')}</div>
                <div class="number">${t('rateYourNumber', { n: this._asking.number })} · ${t('rateTapHint')}</div>
                <div class="scores">
                  ${SCORES.map((s) => html`<button class="s${s}" data-score=${s} @click=${() => this.rate(s)}>
                    <span class="face">${faceIcon(s)}</span>${t(`rate${s}` as StringKey)}</button>`)}
                </div>`
            : idleView(w, (who) => this.servedBy(who, true))}
      </main>
    `;
  }
}

/**
 * Between services: who serves here, or, with nobody signed in, plainly that the window is closed
 * and where to go instead (never an empty name and a request to rate nobody).
 */
function idleView(w: WindowView | undefined, servedBy: (who: { name: string; id: string; photo: string | null }) => unknown) {
  if (!w || w.state === 'closed' || !w.staffId) {
    return html`<div class="state" data-testid="pad-idle">${t('rateClosed')}</div><div class="sub big">${t('rateClosedHint')}</div>`;
  }
  const who = servedBy({ name: w.staffName ?? '', id: w.staffId, photo: w.staffPhoto ?? null });
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
