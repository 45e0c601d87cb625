import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { clockTime, getLang, localName, t, type StringKey } from '../ui/i18n.ts';
import type { HallEvent, HallInfo, ServiceView, TicketView } from '../ui/types.ts';
import './leave-button.ts';
import './phone-rating.ts';
import { TicketAlerts } from './ticket-alerts.ts';

/** The visitor's phone (/t/:id, from the ticket's QR): number, status, people ahead, the window when called. */
@customElement('ticket-status')
export class TicketStatus extends HallElement {
  static styles = css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: #f3f6fb; color: #0b2545; }
    header { display: flex; align-items: center; gap: 8px; padding: 12px 16px; background: #0b2545; color: #fff; }
    h1 { flex: 1; margin: 0; font-size: 17px; }
    connection-badge { font-size: 12px; }
    main { padding: 20px 16px; }
    .card { background: #fff; border-radius: 16px; padding: 24px 20px; text-align: center; box-shadow: 0 2px 12px rgba(11, 37, 69, 0.1); }
    .service { font-size: 20px; color: #3d4f66; }
    .number { font-size: 76px; font-weight: 800; color: #c0392b; line-height: 1.1; font-variant-numeric: tabular-nums; }
    .status { display: inline-block; margin: 8px 0 16px; padding: 6px 18px; border-radius: 999px; background: #dfe7f2; font-weight: 700; font-size: 20px; }
    .status.called { background: #ffd600; animation: pulse 1.2s infinite; }
    .status.serving { background: #2ecc71; color: #fff; }
    @keyframes pulse { 50% { transform: scale(1.06); } }
    .go { font-size: 30px; font-weight: 800; margin: 8px 0 16px; }
    /* What to do now, in plain words, for every status: large and dark enough for older eyes. */
    .say { font-size: 20px; line-height: 1.6; text-align: left; margin: 0 0 18px; padding: 14px 16px; border-radius: 12px;
      background: #eef4ff; border-left: 6px solid #1f6feb; }
    .say.act { background: #fff6cc; border-left-color: #e6a800; font-weight: 700; }
    .say.stop { background: #fdecea; border-left-color: #c0392b; }
    dl { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 0; text-align: left; font-size: 18px; }
    dt { color: #3d4f66; }
    dd { margin: 0; font-weight: 700; text-align: right; }
    .ahead { font-size: 22px; font-weight: 700; margin-bottom: 16px; }
    .error { color: #c0392b; font-size: 18px; text-align: center; padding: 40px 0; }
    .tip { margin-top: 16px; font-size: 16px; color: #3d4f66; text-align: center; }
    .status.one-time-notice { background: #ffe0b2; color: #8a4b00; }
    .now { font-size: 19px; margin: -8px 0 16px; color: #1f4e8c; font-weight: 700; }
    .missing { text-align: left; font-size: 18px; line-height: 1.6; margin: 0 0 18px; padding: 12px 16px; border-radius: 12px; background: #fff6e5; }
    .missing ol { margin: 6px 0 0; padding-left: 1.4em; }
    .why { font-size: 16px; color: #3d4f66; line-height: 1.6; margin: 12px 0 0; }
  `;

  @property() ticketId = '';
  @property({ attribute: false }) connection?: HallConnection;
  @state() private _ticket: TicketView | null = null;
  @state() private _hall: HallInfo | null = null;
  @state() private _error: string | null = null;
  /** Materials for a one-time notice, and the numbers being served now while waiting. */
  @state() private _services: ServiceView[] = [];
  @state() private _notFound = false;
  private _offs: (() => void)[] = [];
  /** "3 ahead" and "called": sound, vibration, title and a banner, once each (ticket-alerts.ts). */
  private readonly _alerts = new TicketAlerts(this);
  // Events about this ticket re-fetch at once. Others in its queue can move it forward, but a busy
  // hall has several events a second and hundreds of phones: those re-fetch at most every 3 s.
  private readonly _refetch = debounce(() => void this.load(), 100);
  private readonly _refetchSoon = throttle(() => void this.load(), 3000);

  private onHallEvent(e: HallEvent): void {
    const d = e.data as { ticketId?: string; serviceId?: string; toServiceId?: string };
    const tk = this._ticket;
    if (!tk || d.ticketId === tk.id) return this._refetch();
    if (tk.status !== 'waiting') return;
    if (d.serviceId === tk.serviceId || d.toServiceId === tk.serviceId || e.type === 'StaffSignedIn' || e.type === 'StaffSignedOut') this._refetchSoon();
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this._offs) off();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection') && this.connection) {
      for (const off of this._offs) off();
      this._offs = [this.connection.onEvent((e) => this.onHallEvent(e)), this.connection.onSynced(() => this._refetch())];
    }
  }

  private async load(): Promise<void> {
    try {
      this._hall ??= await api<HallInfo>('GET', '/api/hall', undefined, { token: null });
      this._ticket = await api<TicketView>('GET', `/api/tickets/${encodeURIComponent(this.ticketId)}`, undefined, { token: null });
      if (this._ticket.status === 'waiting' || this._ticket.outcome === 'one-time-notice' || !this._services.length) {
        this._services = await api<ServiceView[]>('GET', '/api/services', undefined, { token: null });
      }
      this._alerts.seen(this._ticket);
      this._error = null;
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) {
        // Kept as "not found", not as text: the visitor may switch language after reading it.
        this._notFound = e.status === 404 || e.status === 400;
        this._error = e.message;
      }
    }
  }

  /** While waiting: the numbers of this service at a window now, so the visitor can judge the pace. */
  private renderNowServing(tk: TicketView) {
    const s = this._services.find((x) => x.id === tk.serviceId);
    if (!s) return nothing;
    const now = s.servingNow ?? [];
    return html`<div class="now" data-testid="now-serving">${now.length ? t('nowServingN', { n: now.join(getLang() === 'en' ? ', ' : '、') }) : t('nowServingNone')}</div>`;
  }

  /** A one-time notice (一次性告知): the papers still missing, listed, not "done". */
  private renderMissing(tk: TicketView) {
    if (tk.status !== 'done' || tk.outcome !== 'one-time-notice') return nothing;
    const materials = this._services.find((x) => x.id === tk.serviceId)?.materials ?? [];
    if (!materials.length) return nothing;
    return html`<div class="missing" data-testid="missing"><b>${t('missingMaterials')}</b>
      <ol>${materials.map((m) => html`<li>${m}</li>`)}</ol></div>`;
  }

  /** One sentence per status telling the visitor what to do next (a transfer names the new service). */
  private renderSay(tk: TicketView) {
    const w = tk.windowNumber ?? '';
    const moved = tk.transfers?.length ? this._hall?.services.find((s) => s.id === tk.serviceId) : undefined;
    const [cls, text] =
      tk.status === 'waiting'
        ? ['', moved ? [t('say_transferred', { s: localName(moved) }), t('say_waiting')].join(getLang() === 'en' ? ' ' : '') : t('say_waiting')]
        : tk.status === 'called' ? ['act', t('say_called', { w })]
        : tk.status === 'serving' ? ['', t('say_serving', { w })]
        : tk.status === 'done' ? (tk.outcome && tk.outcome !== 'done' ? ['stop', t(`say_done_${tk.outcome}`)] : ['', t('say_done')])
        : (tk.status as string) === 'cancelled' ? ['stop', t('say_cancelled')]
        : (tk.status as string) === 'voided' ? ['stop', t('say_voided')]
        : ['stop', t(tk.status === 'no-show' ? 'say_no-show' : 'say_abandoned')];
    return html`<p class="say ${cls}" data-testid="status-say">${text}</p>`;
  }

  render() {
    const tk = this._ticket;
    const tz = this._hall?.timezone;
    const service = tk ? this._hall?.services.find((s) => s.id === tk.serviceId) : undefined;
    return html`
      <header>
        <h1>${this._hall?.name ?? t('phoneTitle')}</h1>
        <connection-badge .connection=${this.connection}></connection-badge>
        <lang-switch></lang-switch>
      </header>
      <main id="main">
        ${this._error && !tk
          ? this._notFound
            ? html`<div class="error" data-testid="not-found">${t('ticketNotFound')}<p class="why">${t('ticketNotFoundWhy')}</p></div>`
            : html`<div class="error">${this._error}</div>`
          : tk
            ? html`<div class="card">
                <div class="service">${service ? localName(service) : tk.serviceId}</div>
                <div class="number" data-testid="status-number">${tk.number}</div>
                <div class="status ${tk.status} ${tk.outcome ?? ''}" data-testid="status">${t((tk.status === 'done' && tk.outcome && tk.outcome !== 'done' ? `status_${tk.outcome}` : `status_${tk.status}`) as StringKey)}</div>
                ${(tk.status === 'called' || tk.status === 'serving') && tk.windowNumber
                  ? html`<div class="go" data-testid="go-window">${t('goTo', { w: tk.windowNumber })}</div>`
                  : nothing}
                ${tk.status === 'waiting' ? html`<div class="ahead" data-testid="ahead">${t('ahead', { n: tk.ahead })}</div>${this.renderNowServing(tk)}` : nothing}
                ${this._alerts.render(tk.status)}
                ${this.renderSay(tk)}
                ${this.renderMissing(tk)}
                <dl>
                  ${tk.status === 'waiting' ? html`<dt>${t('estimatedWait')}</dt><dd>${t('estimateMin', { n: tk.estimatedWaitMin })}</dd>` : nothing}
                  <dt>${t('issuedAt')}</dt><dd>${clockTime(tk.issuedAt, tz)}</dd>
                </dl>
                ${tk.status === 'waiting' ? html`<leave-button .ticketId=${tk.id} @left=${() => this._refetch()}></leave-button>` : nothing}
                ${tk.status === 'done' ? html`<phone-rating .ticketId=${tk.id} .rating=${tk.rating} @rated=${() => this._refetch()}></phone-rating>` : nothing}
              </div>
              <div class="tip">${t('phoneAutoUpdate')}</div>`
            : html`<div class="card">${t('connecting')}</div>`}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-status': TicketStatus;
  }
}

/** Runs at once, then at most once per `ms`, with a last run after a burst so nothing is missed. */
function throttle(fn: () => void, ms: number): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        fn();
      }, wait);
    }
  };
}
