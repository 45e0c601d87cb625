import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { hubLocalTime, syncHubClock } from '../ui/hubClock.ts';
import { getLang, localName, setLang, t } from '../ui/i18n.ts';
import { watchIdle, type IdleWatch } from '../ui/idleReset.ts';
import type { HallInfo, ServiceView, TicketView } from '../ui/types.ts';
import { estimateText, unavailable, windowsLine } from './availability.ts';
import { CheckinController } from './checkin-controller.ts';
import { kioskStyles } from './styles.ts';
import './ticket-card.ts';

interface PrinterStatus {
  configured?: boolean;
  ok: boolean;
  pendingJobs: number;
  /** Tickets a fault held back: printed only when someone asks here. */
  heldJobs?: number;
  paperLow?: boolean;
  message?: string | null;
  lastError?: string | null;
  lastErrorEn?: string | null;
}

/** The touch kiosk: pick a service, read what to bring, take a number (standard or green channel). */
@customElement('kiosk-app')
export class KioskApp extends HallElement {
  static styles = kioskStyles;

  @property({ attribute: false }) connection?: HallConnection;
  @property() kioskId: string | null = null;
  /** The paired kiosk's device token (ui/devicePairing.ts): without it the hub allows a few tickets an hour. */
  @property({ attribute: false }) deviceToken: string | null = null;
  @property({ type: Number }) ticketSeconds = 20;
  /** Seconds without a touch before the kiosk goes back to its Chinese home screen. */
  @property({ type: Number }) idleSeconds = 45;
  @state() private _hall: HallInfo | null = null;
  @state() private _services: ServiceView[] = [];
  @state() private _chosen: string | null = null;
  @state() private _ticket: TicketView | null = null;
  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _printer: PrinterStatus | null = null;
  /** The hub's wall time, null until the hub has told it: nothing is greyed out on a guess. */
  @state() private _hubTime: string | null = null;
  private _tick?: ReturnType<typeof setInterval>;
  private _clockKnown = false;
  private readonly _refetch = debounce(() => void this.load(), 150);
  private _offs: (() => void)[] = [];
  /** 预约取号: the code keypad, and a scanner's code read on any screen (checkin-controller.ts). */
  private readonly _checkin = new CheckinController(this, (ticket) => {
    this._chosen = null;
    this._ticket = ticket;
  }, () => this.deviceToken);
  private _idle?: IdleWatch;
  @state() private _heldNote: string | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    this._idle = watchIdle(this.idleSeconds, this.goHome);
    void this.load();
    void this.loadPrinter();
    void this.syncClock();
    // A cut-off passes while the kiosk stands idle: ask the hub's time twice a minute (a training
    // hub may run faster than real time, so the offset alone is not enough).
    this._tick = setInterval(() => void this.syncClock(), 30_000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._tick);
    this._idle?.stop();
    for (const off of this._offs) off();
  }

  /** Nobody has touched the kiosk for a while: the next visitor finds the Chinese home screen. */
  private goHome = () => {
    if (getLang() !== 'zh') setLang('zh');
    this._heldNote = null;
    this.reset();
  };

  /** Prints the tickets a printer fault held back, each marked 补打 (staff press this at the kiosk). */
  private async printHeld(): Promise<void> {
    if (!this.kioskId) return;
    try {
      const r = await api<PrinterStatus & { released: number }>('POST', `/api/kiosks/${encodeURIComponent(this.kioskId)}/print-held`, {}, { token: null });
      this._printer = { ...this._printer, ...r };
      this._heldNote = t('printHeldDone', { n: r.released });
    } catch (e) {
      this._heldNote = e instanceof ApiError ? e.message : String(e);
    }
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection') && this.connection) {
      for (const off of this._offs) off();
      const c = this.connection;
      this._offs = [
        c.onEvent(() => this._refetch()),
        c.onSynced(() => {
          this._refetch();
          void this.syncClock();
          void this.loadPrinter();
        }),
        c.onMessage<PrinterStatus & { kioskId: string }>('printer:status', (m) => {
          if (m && m.kioskId === this.kioskId) this._printer = { ...this._printer, ...m };
        }),
      ];
    }
  }

  private async load(): Promise<void> {
    try {
      const [hall, services] = await Promise.all([
        this._hall ? Promise.resolve(this._hall) : api<HallInfo>('GET', '/api/hall', undefined, { token: null }),
        api<ServiceView[]>('GET', '/api/services', undefined, { token: null }),
      ]);
      this._hall = hall;
      this._services = services;
      this.updateHubTime();
    } catch {
      /* offline: the next sync re-fetches */
    }
  }

  private async syncClock(): Promise<void> {
    try {
      await syncHubClock();
      this._clockKnown = true;
      this.updateHubTime();
    } catch {
      /* offline: the next sync asks again */
    }
  }

  private updateHubTime(): void {
    if (!this._clockKnown) return;
    this._hubTime = hubLocalTime(this._hall?.timezone);
  }

  private async loadPrinter(): Promise<void> {
    if (!this.kioskId) return;
    try {
      this._printer = await api<PrinterStatus>('GET', `/api/kiosks/${encodeURIComponent(this.kioskId)}/printer`, undefined, { token: null });
    } catch {
      // No printing module (404) or offline: say nothing about printers.
    }
  }

  private async take(priority: boolean): Promise<void> {
    if (!this._chosen || this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      this._ticket = await api<TicketView>('POST', '/api/tickets', {
        serviceId: this._chosen, priority, ...(this.kioskId ? { kioskId: this.kioskId } : {}),
      }, { token: this.deviceToken });
      this._chosen = null;
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this._busy = false;
    }
  }

  private reset = () => {
    this._checkin.hide();
    this._ticket = null;
    this._chosen = null;
    this._error = null;
    void this.load();
  };

  render() {
    // A kiosk without a printer has nothing to report; the ticket is on screen either way.
    const p = this._printer;
    const printerDown = p && p.configured !== false && !p.ok;
    const held = p && p.configured !== false && p.ok ? (p.heldJobs ?? 0) : 0;
    const reason = getLang() === 'en' ? p?.lastErrorEn : p?.lastError;
    return html`
      <header>
        <h1>${this._hall?.name ?? ''}</h1>
        ${this._services.some((s) => (s as { appointments?: unknown }).appointments) ? this._checkin.button() : nothing}
          <connection-badge .connection=${this.connection}></connection-badge>
        <lang-switch></lang-switch>
      </header>
      ${printerDown
        ? html`<div class="printer-alert" role="alert" data-testid="printer-alert">⚠ ${t('printerDown')}${reason ? html`${getLang() === 'en' ? ' (' : '（'}<b>${reason}</b>${getLang() === 'en' ? ')' : '）'}` : ''}${p?.pendingJobs ? ` · ${t('printerPending', { n: p.pendingJobs })}` : ''}</div>`
        : held
          ? html`<div class="printer-alert held" role="status">${t('printerPending', { n: held })}
              <button class="print-held" data-testid="print-held" @click=${() => this.printHeld()}>${t('printHeld', { n: held })} <small>${t('printHeldHint')}</small></button></div>`
          : p?.paperLow && p.configured !== false
            ? html`<div class="printer-alert low" role="status">${t('paperLow')}</div>`
            : nothing}
      ${this._heldNote ? html`<div class="printer-alert note" role="status">${this._heldNote}</div>` : nothing}
      <main id="main">
        ${this._checkin.open ? this._checkin.render(this.kioskId) : this._ticket
          ? html`<ticket-card .ticket=${this._ticket} .service=${this._services.find((s) => s.id === this._ticket?.serviceId) ?? null}
              .timezone=${this._hall?.timezone ?? 'Asia/Shanghai'} .publicUrl=${this._hall?.publicUrl ?? null}
              .seconds=${this.ticketSeconds} @done=${this.reset}></ticket-card>`
          : this._chosen
            ? this.renderDetail()
            : this.renderServices()}
      </main>
    `;
  }

  private renderServices() {
    return html`
      <h2 class="prompt">${t('chooseService')}</h2>
      <div class="services">
        ${this._services.map((s) => {
          const off = unavailable(s, this._hubTime);
          const est = estimateText(s);
          const limits = off ? '' : [
            s.remainingToday != null && s.remainingToday > 0 ? t('remaining', { n: s.remainingToday }) : '',
            s.issueUntil ? t('until', { t: s.issueUntil }) : '',
          ].filter(Boolean).join(' · ');
          return html`<button class="service ${off ? 'off' : ''}" data-service=${s.id} data-off=${off ? 'true' : 'false'}
            @click=${() => ((this._chosen = s.id), (this._error = null))}>
            <span class="prefix">${s.prefix}</span>
            ${off
              ? html`<span class="meta reason" data-testid="service-off">${t(off.key, off.params)}</span>`
              : html`<span class="meta"><b>${t('waitingN', { n: s.waiting })}</b><br />
                  <span class=${est.noWindow ? 'nowin' : ''}>${t(est.key, { n: s.estimatedWaitMin })}</span></span>`}
            <span class="stext"><span class="sname">${localName(s)}</span>${s.matters?.length ? nothing : html`<span class="limit">${limits}</span>`}</span>
            ${s.matters?.length
              ? html`<span class="matters" data-testid="matters">${s.matters.map((m) => html`<span>${m}</span>`)}${limits ? html`<span class="limit">${limits}</span>` : nothing}</span>`
              : nothing}
          </button>`;
        })}
      </div>
    `;
  }

  private renderDetail() {
    const s = this._services.find((x) => x.id === this._chosen);
    if (!s) return nothing;
    const off = unavailable(s, this._hubTime);
    const est = estimateText(s);
    return html`
      <section class="detail">
        <h2>${localName(s)}</h2>
        ${off
          ? html`<div class="off-banner" role="status" data-testid="detail-off">${t(off.key, off.params)}<small>${t('unavailableHint')}</small></div>`
          : html`<p class="meta big">${t('waitingN', { n: s.waiting })} ·
              ${est.noWindow ? t('noWindowHint') : html`${t('estimatedWait')} ${t('estimateMin', { n: s.estimatedWaitMin })}`}</p>`}
        ${windowsLine(s) ? html`<p class="where" data-testid="detail-windows">${windowsLine(s)}</p>` : nothing}
        ${s.guide ? html`<h3>${t('guide')}</h3><p class="guide">${s.guide}</p>` : nothing}
        <h3>${t('materials')}</h3>
        ${s.materials?.length
          ? html`<ol class="materials">${s.materials.map((m) => html`<li>${m}</li>`)}</ol>`
          : html`<p class="guide">${t('noMaterials')}</p>`}
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
        <div class="actions">
          <button class="take" ?disabled=${this._busy || !!off} @click=${() => this.take(false)}>${t('takeTicket')}</button>
          ${s.allowPriority && !off
            ? html`<button class="take green" ?disabled=${this._busy} @click=${() => this.take(true)}>
                ${t('priority')}<small>${t('priorityHint')}</small></button>`
            : nothing}
        </div>
        <button class="back" @click=${this.reset}>← ${t('back')}</button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}
