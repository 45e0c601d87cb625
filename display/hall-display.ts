import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { hubNow } from '../ui/hubClock.ts';
import { clockTime, localName, t, type StringKey } from '../ui/i18n.ts';
import type { WindowView } from '../ui/types.ts';
import type { Announcer } from './announcer.ts';
import type { DisplayStore } from './displayStore.ts';
import { displayStyles } from './styles.ts';

const PAGE_SECONDS = 10;
const WINDOWS_PER_PAGE = 8;
/** Two rows of two: with five recent calls above them, nothing on the side panel is cut. */
const QUEUES_PER_PAGE = 4;
const RECENT_LINES = 5;

/** The `turn`-th page of `items` (cycling), so a hall of any size fits the screen. */
function pageOf<T>(items: readonly T[], size: number, turn: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = turn % pages;
  return { items: items.slice(page * size, page * size + size), page, pages };
}

/** The wall screen (1920×1080, read from 5 m): the latest call, recent calls, queues, windows. */
@customElement('hall-display')
export class HallDisplay extends HallElement {
  static styles = displayStyles;

  @property({ attribute: false }) store?: DisplayStore;
  @property({ attribute: false }) connection?: HallConnection;
  /** The voice of the hall: tells the screen when the browser blocks its sound. */
  @property({ attribute: false }) announcer?: Announcer;
  private _soundBlocked = false;
  private _offSound?: () => void;
  private _off?: () => void;
  private _tick?: ReturnType<typeof setInterval>;
  /** Turns every PAGE_SECONDS: which page of windows and of queues is on screen in a big hall. */
  private _turn = 0;

  connectedCallback(): void {
    super.connectedCallback();
    // The clock and the pages move on together.
    this._tick = setInterval(() => {
      this._turn++;
      this.requestUpdate();
    }, PAGE_SECONDS * 1000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._tick);
    this._off?.();
    this._offSound?.();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('store')) {
      this._off?.();
      this._off = this.store?.subscribe(() => this.requestUpdate());
    }
    if (changed.has('announcer')) {
      this._offSound?.();
      this._offSound = this.announcer?.onSound((blocked) => {
        this._soundBlocked = blocked;
        this.requestUpdate();
      });
    }
  }

  render() {
    const s = this.store;
    const latest = s?.calls[0];
    // One line per number (a recall moves it up), the one on the big panel first and marked.
    const seen = new Set<string>();
    const recent = (s?.calls ?? []).filter((c) => !seen.has(c.number) && seen.add(c.number)).slice(0, RECENT_LINES);
    const queues = pageOf(s?.services ?? [], QUEUES_PER_PAGE, this._turn);
    // A big hall shows the windows people can go to (open or paused), a page at a time.
    const all = s?.windows ?? [];
    const shown = all.length > WINDOWS_PER_PAGE ? all.filter((w) => w.state !== 'closed') : all;
    const wins = pageOf(shown, WINDOWS_PER_PAGE, this._turn);
    const closedHidden = all.length - shown.length;
    return html`
      <header>
        <h1>${s?.hall?.name ?? ''}</h1>
        <div class="clock">${clockTime(new Date(hubNow()).toISOString(), s?.hall?.timezone)}</div>
        <connection-badge .connection=${this.connection}></connection-badge>
        <lang-switch></lang-switch>
      </header>
      ${this._soundBlocked ? html`<div class="sound-blocked" role="alert" data-testid="sound-blocked">🔇 ${t('soundBlocked')}</div>` : nothing}
      <main id="main">
        <section class="latest" aria-live="polite">
          ${latest
            ? html`<div class="latest-label">${latest.recall ? t('recall') : t('nowServing')}</div>
                <div class="latest-number" data-testid="latest-number">${latest.number}</div>
                <div class="latest-window">→ ${t('window', { n: latest.windowNumber })}</div>
                <div class="latest-text">${t('latestCall')} ${latest.number} ${t('toWindow', { w: latest.windowNumber })}</div>`
            : html`<div class="latest-empty">${t('noCall')}</div>`}
        </section>
        <section class="side">
          <h2>${t('recentCalls')}</h2>
          <ol class="recent">
            ${recent.map((c, i) => {
              // Called (walk to the window now) and being served look different, here and on the cards.
              const at = s?.windows.find((w) => w.number === c.windowNumber && w.currentNumber === c.number);
              const st = at?.currentStatus === 'called' ? 'called' : at?.currentStatus === 'serving' ? 'serving' : '';
              return html`<li class="${i === 0 ? 'now' : ''} ${st}" data-status=${st || 'past'}><span class="num">${c.number}</span>
                ${st ? html`<span class="rtag">${t(st === 'called' ? 'winCalled' : 'winServing')}</span>` : nothing}
                <span class="rwin">${t('window', { n: c.windowNumber })}</span></li>`;
            })}
          </ol>
          <h2>${t('waitingPerService')}${queues.pages > 1 ? html` <small class="page">${queues.page + 1}/${queues.pages}</small>` : nothing}</h2>
          <ul class="queues">
            ${queues.items.map(
              // Hall rule: more than 10 waiting per open window is flagged for the lobby manager.
              (sv) => html`<li class=${(sv.crowded ?? sv.waiting > 10 * Math.max(1, sv.openWindows ?? 1)) ? 'alert' : ''}>
                <span class="svc">${localName(sv)}</span><span class="count">${sv.waiting}</span></li>`,
            )}
          </ul>
        </section>
      </main>
      <section class="windows" style="--cols: ${Math.max(1, Math.min(WINDOWS_PER_PAGE, wins.items.length))}">
        ${wins.items.length
          ? wins.items.map((w) => this.windowCard(w))
          : html`<div class="win none">${t('noWindowOpen')}</div>`}
        ${wins.pages > 1 || closedHidden
          ? html`<div class="strip-note">${wins.pages > 1 ? `${wins.page + 1}/${wins.pages}` : ''}
              ${closedHidden ? t('closedHidden', { n: closedHidden }) : ''}</div>`
          : nothing}
      </section>
      ${s?.hall?.notice
        ? html`<footer class="notice"><span class="label">${t('hallNotice')}</span><div class="track"><span>${s.hall.notice}</span><span aria-hidden="true">${s.hall.notice}</span></div></footer>`
        : nothing}
    `;
  }

  private windowCard(w: WindowView) {
    const tz = this.store?.hall?.timezone;
    if (w.state === 'paused' && w.pause) {
      return html`<div class="win paused" data-window=${w.number} data-status="paused">
        <div class="wnum">${t('window', { n: w.number })} <span class="wtag">${t('paused')}</span></div>
        <div class="wstate">${t(`reason_${w.pause.reason}` as StringKey)}</div>
        ${w.pause.expectedBackAt ? html`<div class="wback">${t('backAt', { t: clockTime(w.pause.expectedBackAt, tz) })}</div>` : nothing}
        ${w.pause.note ? html`<div class="wnote">${w.pause.note}</div>` : nothing}
      </div>`;
    }
    const cover = w.state === 'open' && w.postA && w.staffId && w.staffId !== w.postA;
    const st = w.state === 'open' && w.currentNumber ? (w.currentStatus === 'called' ? 'called' : w.currentStatus === 'serving' ? 'serving' : '') : '';
    return html`<div class="win ${w.state} ${st}" data-window=${w.number} data-status=${st || w.state}>
      <div class="wnum">${t('window', { n: w.number })}${st ? html` <span class="wtag">${t(st === 'called' ? 'winCalled' : 'winServing')}</span>` : nothing}</div>
      <div class="wcur ${w.currentNumber ? '' : 'empty'}">${w.state === 'closed' ? t('closed') : (w.currentNumber ?? '—')}</div>
      <div class="wstaff">${w.staffName ?? ''}${cover ? html` <span class="ctag">${t('coverTag')}</span>` : nothing}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-display': HallDisplay;
  }
}
