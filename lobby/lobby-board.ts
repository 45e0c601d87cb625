import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../book/phone-booking.ts';
import type { BookableService, HallForBooking } from '../book/types.ts';
import { api, ApiError } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection, Snapshot } from '../ui/hallConnection.ts';
import { hubLocalTime, syncHubClock } from '../ui/hubClock.ts';
import { localName, t } from '../ui/i18n.ts';
import type { HallEvent, WindowView } from '../ui/types.ts';
import './extend-panel.ts';
import { lobbyStyles } from './styles.ts';
import { TicketIndex, type IndexedTicket } from './ticketIndex.ts';
import './ticket-panel.ts';
import type { TicketPanel } from './ticket-panel.ts';
import type { LobbyServiceView, LobbyView } from './types.ts';

type Panel = { kind: 'none' } | { kind: 'ticket'; id: string } | { kind: 'queue'; serviceId: string } | { kind: 'extend'; serviceId: string } | { kind: 'book' };

/**
 * The lobby tablet's one screen. Left: every service's queue with its alert (crowded, over target)
 * and the windows. Right: find a number, then act on it; a service's waiting numbers; extend a
 * service today; book for a caller. Everything follows the hall's events live.
 */
@customElement('lobby-board')
export class LobbyBoard extends HallElement {
  static styles = [lobbyStyles, css`
    :host { display: grid; grid-template-columns: minmax(0, 7fr) minmax(0, 5fr); gap: 14px; padding: 12px 14px; height: calc(100vh - 60px); box-sizing: border-box; }
    .col { overflow-y: auto; display: flex; flex-direction: column; gap: 12px; min-height: 0; padding-bottom: 12px; }
    .services { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
    .svc { text-align: left; border: 2px solid transparent; display: grid; grid-template-columns: auto 1fr auto; gap: 2px 10px; align-items: center;
      padding: 10px 12px; border-radius: 14px; background: #fff; box-shadow: 0 2px 10px rgba(11, 37, 69, 0.1); min-height: 92px; }
    .svc.crowded { border-color: #c0392b; background: #fff5f4; }
    .svc.over-target { border-color: #e67e22; background: #fff9f0; }
    .svc[aria-pressed='true'] { outline: 3px solid #1f6feb; }
    .prefix { grid-row: span 2; width: 44px; height: 44px; border-radius: 50%; background: #1f6feb; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 800; font-size: 20px; }
    .sname { font-weight: 800; font-size: 17px; }
    .count { grid-row: span 2; text-align: right; font-size: 30px; font-weight: 800; font-variant-numeric: tabular-nums; }
    .count small { display: block; font-size: 12px; font-weight: 400; color: #5b6b80; }
    .sub { font-size: 13px; color: #3d4f66; display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    .svc-actions { grid-column: 1 / -1; display: flex; gap: 6px; margin-top: 4px; }
    .svc-actions .btn { min-height: 40px; font-size: 14px; padding: 0 10px; }
    .windows { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; }
    .win { background: #fff; border-radius: 12px; padding: 8px 10px; border-left: 6px solid #9fb3cc; font-size: 14px; }
    .win.open { border-left-color: #27ae60; }
    .win.paused { border-left-color: #e67e22; }
    .win b { font-size: 16px; }
    form.find { display: flex; gap: 8px; }
    form.find input { flex: 1; min-width: 0; font-size: 26px; font-weight: 800; text-transform: uppercase; letter-spacing: 0.05em; }
    form.find .btn { min-width: 96px; font-size: 18px; }
    .bar { display: flex; gap: 8px; }
    .bar .btn { flex: 1; min-height: 52px; }
  `];

  @property({ attribute: false }) connection?: HallConnection;
  @state() private _hall: HallForBooking | null = null;
  @state() private _services: (BookableService & { extendedUntil?: string | null })[] = [];
  @state() private _windows: WindowView[] = [];
  @state() private _lobby: LobbyView | null = null;
  @state() private _today = '';
  @state() private _now = '';
  @state() private _kiosks: { id: string; name: string }[] = [];
  @state() private _panel: Panel = { kind: 'none' };
  @state() private _find = '';
  @state() private _findError: string | null = null;
  @state() private _error: string | null = null;
  /** Bumped when the index changes so lists drawn from it re-render. */
  @state() private _indexVersion = 0;
  private readonly _index = new TicketIndex();
  private _offs: (() => void)[] = [];
  private readonly _refetch = debounce(() => void this.load(), 200);

  private _tick?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // Waits grow with no event at all: a quiet hall still turns "over target" on time.
    this._tick = setInterval(() => void this.load(), 30_000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._tick);
    for (const off of this._offs) off();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection') && this.connection) {
      for (const off of this._offs) off();
      const c = this.connection;
      this._offs = [
        c.onEvent((e) => this.onEvent(e)),
        c.onReset((s: Snapshot) => {
          this._index.reset((s.tickets as Parameters<TicketIndex['reset']>[0]) ?? []);
          this._indexVersion++;
        }),
        c.onSynced(() => this._refetch()),
      ];
    }
  }

  private onEvent(e: HallEvent): void {
    this._index.apply(e as unknown as { type: string; at: string; data: Record<string, unknown> });
    this._indexVersion++;
    const id = (e.data as { ticketId?: string }).ticketId;
    if (this._panel.kind === 'ticket' && id === this._panel.id) void this.renderRoot.querySelector<TicketPanel>('ticket-panel')?.refresh();
    this._refetch();
  }

  private async load(): Promise<void> {
    try {
      const [lobby, services, windows] = await Promise.all([
        api<LobbyView>('GET', '/api/lobby'),
        api<BookableService[]>('GET', '/api/services'),
        api<WindowView[]>('GET', '/api/windows'),
      ]);
      this._lobby = lobby;
      this._services = services;
      this._windows = windows;
      this._error = null;
      if (!this._hall) {
        this._hall = await api<HallForBooking>('GET', '/api/hall');
        this._kiosks = await this.loadKiosks(this._hall);
      }
      this._today = (await syncHubClock()) ?? this._today;
      this._now = hubLocalTime(this._hall.timezone);
    } catch (e) {
      this._error = e instanceof ApiError && e.status !== 0 ? e.message : null;
    }
  }

  /** Kiosks with a printer, for reprints: the hall lists them, or the manager's printer list. */
  private async loadKiosks(hall: HallForBooking): Promise<{ id: string; name: string }[]> {
    if (hall.kiosks) return hall.kiosks;
    try {
      const printers = await api<{ kioskId: string; name: string; configured: boolean }[]>('GET', '/api/admin/printers');
      return printers.filter((p) => p.configured).map((p) => ({ id: p.kioskId, name: p.name }));
    } catch {
      return [];
    }
  }

  private find(e: Event): void {
    e.preventDefault();
    const q = this._find.trim();
    if (!q) return;
    // The day's events find any number; the hub's own list of who waits covers a page that started from a snapshot.
    const norm = (x: string) => x.toUpperCase().replace(/^([A-Z]*)0*(\d)/, '$1$2');
    const tk = this._index.find(q) ?? this._lobby?.tickets?.find((x) => norm(x.number) === norm(q.trim())) ?? null;
    if (!tk) return void (this._findError = t('lobbyNoTicket', { n: q.toUpperCase() }));
    this._findError = null;
    this._panel = { kind: 'ticket', id: tk.id };
  }

  private lobbyOf(id: string): LobbyServiceView | undefined {
    return this._lobby?.services.find((s) => s.serviceId === id);
  }

  render() {
    return html`
      <section class="col">
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
        <h2>${t('lobbyServices')}</h2>
        <div class="services">${this._services.map((s) => this.renderService(s))}</div>
        <h2>${t('lobbyWindows')}</h2>
        <div class="windows">${this._windows.map((w) => {
          const lw = this._lobby?.windows.find((x) => x.windowId === w.id);
          return html`<div class="win ${w.state}" data-window=${w.id}><b>${t('window', { n: w.number })}</b>
            ${w.currentNumber ? html` · ${w.currentNumber}` : nothing}<br />
            <span class="muted">${w.state === 'open' ? w.staffName ?? '' : t(w.state === 'paused' ? 'paused' : 'closed')}</span>
            ${lw ? html` · ${t('lobbyQueue', { n: lw.queue })}` : nothing}</div>`;
        })}</div>
      </section>
      <section class="col">
        <form class="find card" @submit=${this.find}>
          <input name="find" autocomplete="off" autocapitalize="characters" placeholder=${`${t('lobbyFind')}（${t('lobbyFindPlaceholder')}）`}
            aria-label=${t('lobbyFind')} .value=${this._find} @input=${(e: InputEvent) => (this._find = (e.target as HTMLInputElement).value)} />
          <button class="btn primary" type="submit">${t('lobbyFindGo')}</button>
        </form>
        ${this._findError ? html`<div class="error" role="alert" data-testid="find-error">${this._findError}</div>` : nothing}
        ${this.renderPanel()}
        <div class="bar">
          <button class="btn" data-open="book" aria-pressed=${this._panel.kind === 'book'} @click=${() => (this._panel = this._panel.kind === 'book' ? { kind: 'none' } : { kind: 'book' })}>☎ ${t('lobbyBookCall')}</button>
        </div>
      </section>
    `;
  }

  private renderService(s: BookableService & { extendedUntil?: string | null }) {
    const lv = this.lobbyOf(s.id);
    const alert = lv?.alert ?? null;
    const selected = (this._panel.kind === 'queue' || this._panel.kind === 'extend') && this._panel.serviceId === s.id;
    return html`<div class="svc ${alert ?? ''}" data-service=${s.id} data-alert=${alert ?? ''} aria-pressed=${selected}>
      <span class="prefix">${s.prefix}</span>
      <span class="sname">${localName(s)}</span>
      <span class="count">${lv?.waiting ?? s.waiting}<small>${t('lobbyWaiting')}</small></span>
      <span class="sub">
        ${alert ? html`<span class="badge ${alert}" data-testid="alert">${t(`alert_${alert}`)}</span>` : nothing}
        ${lv?.oldestWaitMin != null ? html`<span>${t('lobbyOldest', { n: lv.oldestWaitMin })}</span>` : nothing}
        <span>${t('lobbyServing', { n: lv?.windowsServing ?? s.openWindows ?? 0 })}</span>
        ${s.extendedUntil ? html`<span class="badge">${t('lobbyExtended', { t: s.extendedUntil })}</span>` : nothing}
      </span>
      <span class="svc-actions">
        <button class="btn" data-open="queue" @click=${() => (this._panel = { kind: 'queue', serviceId: s.id })}>${t('lobbyQueue', { n: lv?.waiting ?? s.waiting })}</button>
        <button class="btn" data-open="extend" @click=${() => (this._panel = { kind: 'extend', serviceId: s.id })}>${t('lobbyExtend')}</button>
      </span>
    </div>`;
  }

  private renderPanel() {
    const p = this._panel;
    void this._indexVersion;
    if (p.kind === 'ticket') {
      return html`<ticket-panel .ticketId=${p.id} .hint=${this._index.get(p.id)} .services=${this._services} .lobbyServices=${this._lobby?.services ?? []}
        .windows=${this._windows} .kiosks=${this._kiosks} timezone=${this._hall?.timezone ?? 'Asia/Shanghai'} @changed=${this._refetch}></ticket-panel>`;
    }
    if (p.kind === 'queue') {
      const s = this._services.find((x) => x.id === p.serviceId);
      const list: IndexedTicket[] = this._index.waitingIn(p.serviceId);
      return html`<div class="card" data-queue=${p.serviceId}>
        <h2>${s ? `${s.prefix} · ${localName(s)}` : p.serviceId} <span class="muted">${t('waitingN', { n: list.length })}</span></h2>
        <div class="chips">${list.map((tk) => html`<button class="chip num" data-number=${tk.number} @click=${() => (this._panel = { kind: 'ticket', id: tk.id })}>
          ${tk.number}<small>${[tk.priority ? t('priority') : '', tk.slotStart ? t('appointment') : '', tk.pinnedWindowId ? t('markPinned') : ''].filter(Boolean).join(' ')}</small></button>`)}</div>
      </div>`;
    }
    if (p.kind === 'extend') {
      return html`<extend-panel .service=${this._services.find((x) => x.id === p.serviceId)} now=${this._now}
        @changed=${this._refetch} @close=${() => (this._panel = { kind: 'none' })}></extend-panel>`;
    }
    if (p.kind === 'book') return html`<phone-booking class="card" .services=${this._services} today=${this._today}></phone-booking>`;
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lobby-board': LobbyBoard;
  }
}
