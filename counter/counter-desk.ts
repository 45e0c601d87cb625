import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError, newIdempotencyKey } from '../ui/api.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import type { HallConnection } from '../ui/hallConnection.ts';
import { hubNow, syncHubClock } from '../ui/hubClock.ts';
import { clockTime, localName, t, type StringKey } from '../ui/i18n.ts';
import type { HallEvent, ServiceView, WindowView } from '../ui/types.ts';
import { SHORTCUTS, whyNot, type DeskAction } from './deskRules.ts';
import './pause-form.ts';
import { deskStyles } from './desk-styles.ts';
import { queueMarks } from './queueMarks.ts';
import { counterStyles } from './styles.ts';
import { ct, wholeMinutes } from './text.ts';

interface QueueItem {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
}

/** The ticket in hand, as the hub's queue preview describes it (staff only: transfer reasons). */
interface CurrentTicket {
  id: string;
  number: string;
  serviceId: string;
  issuedServiceId: string;
  priority: boolean;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  lastCalledAt: string | null;
  calls: number;
  startedAt: string | null;
  transfers: { fromServiceId: string; toServiceId: string; at: string; reason: string; windowNumber: number | null; staffName: string }[];
}

/** How many of the next numbers the side panel lists. */
const NEXT_SHOWN = 6;
/** A first tap on 过号 arms it for this long; only a second tap within it marks the no-show. */
const NO_SHOW_CONFIRM_MS = 5_000;

/** One staffer at one window: the current ticket, one-tap actions, the queue ahead, own counts today. */
@customElement('counter-desk')
export class CounterDesk extends HallElement {
  // The shared sheet sizes the whole page (min-height 100vh); the desk sits under the header and must not.
  static styles = [counterStyles, deskStyles, css`:host { min-height: 0; }`];

  @property({ attribute: false }) connection?: HallConnection;
  @property() staffId = '';
  @property() windowId = '';
  @state() private _window?: WindowView;
  @state() private _services: ServiceView[] = [];
  /** Finished by this staffer today, as the hub counts it (survives reloads and logins). */
  @state() private _servedToday: number | null = null;
  @state() private _current: CurrentTicket | null = null;
  /** What the last action did, said on screen (a recall went out, a no-show waits for its second tap). */
  @state() private _notice = '';
  /** The ticket whose no-show is armed by a first tap, until the confirm window runs out. */
  @state() private _noShowArmed: string | null = null;
  @state() private _tick = 0;
  private _disarm: ReturnType<typeof setTimeout> | undefined;
  private _ticker: ReturnType<typeof setInterval> | undefined;
  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _panel: 'none' | 'transfer' | 'pause' = 'none';
  /** What this window would call next, in order (GET /api/windows/:id/queue). */
  @state() private _next: QueueItem[] = [];
  @state() private _waiting: number | null = null;
  /** Transfer dialog: the ticket's own service (not offered), the chosen one, the reason. */
  @state() private _fromService: string | null = null;
  @state() private _toService: string | null = null;
  @state() private _transferReason = '';
  private _offs: (() => void)[] = [];
  private readonly _refetch = debounce(() => void this.load(), 100);
  private readonly _onKey = (e: KeyboardEvent) => {
    const action = SHORTCUTS[e.key];
    if (!action) return;
    e.preventDefault();
    // A key that cannot act now says why instead of doing nothing.
    const why = whyNot(action, this._window);
    if (why) return void (this._error = t(why));
    if (action === 'no-show') return void this.noShowTap();
    void this.act(action, action === 'finish' ? { outcome: 'done' } : undefined);
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    // Elapsed minutes (wait so far, paused for) move on between events.
    this._ticker = setInterval(() => this._tick++, 20_000);
    void syncHubClock().then(() => this._tick++, () => undefined);
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
    clearInterval(this._ticker);
    clearTimeout(this._disarm);
    for (const off of this._offs) off();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection') && this.connection) {
      for (const off of this._offs) off();
      this._offs = [
        this.connection.onEvent((e) => this.onEvent(e)),
        this.connection.onSynced(() => this._refetch()),
      ];
    }
  }

  private onEvent(_e: HallEvent): void {
    // Every change may move the queue, the ticket in hand or the day's count: the hub says which.
    this._refetch();
  }

  private async load(): Promise<void> {
    try {
      const [windows, services] = await Promise.all([api<WindowView[]>('GET', '/api/windows'), api<ServiceView[]>('GET', '/api/services')]);
      this._window = windows.find((w) => w.id === this.windowId);
      this._services = services;
      void this.loadQueue();
      if (this._window && this._window.staffId !== this.staffId) this.dispatchEvent(new CustomEvent('signed-out', { bubbles: true, composed: true }));
    } catch {
      /* offline: the next sync re-fetches */
    }
  }

  private async loadQueue(): Promise<void> {
    try {
      const q = await api<{ waiting: number; next: QueueItem[]; current?: CurrentTicket | null; servedToday?: number }>(
        'GET', `/api/windows/${encodeURIComponent(this.windowId)}/queue?limit=${NEXT_SHOWN}`);
      this._next = q.next;
      this._waiting = q.waiting;
      this._current = q.current ?? null;
      this._servedToday = q.servedToday ?? null;
      if (this._noShowArmed && this._current?.id !== this._noShowArmed) this._noShowArmed = null;
    } catch {
      // An older hub without the preview: the counts per service still show.
      this._next = [];
      this._waiting = null;
    }
  }

  private async openTransfer(): Promise<void> {
    this._panel = 'transfer';
    this._toService = null;
    this._transferReason = '';
    this._fromService = null;
    const id = this._window?.currentTicketId;
    if (!id) return;
    try {
      this._fromService = (await api<{ serviceId: string }>('GET', `/api/tickets/${encodeURIComponent(id)}`)).serviceId;
    } catch {
      /* every service is offered; the hub refuses a transfer to the same one */
    }
  }

  /** 过号 on the first tap only arms; the second tap within a few seconds marks the no-show. */
  private noShowTap(): void {
    const id = this._window?.currentTicketId;
    if (!id || whyNot('no-show', this._window)) return;
    const number = this._window?.currentNumber ?? '';
    if (this._noShowArmed === id) {
      clearTimeout(this._disarm);
      this._noShowArmed = null;
      void this.act('no-show').then((ok) => { if (ok) this._notice = ct('noShowDone', { n: number }); });
      return;
    }
    this._noShowArmed = id;
    this._notice = ct('noShowArmed', { s: NO_SHOW_CONFIRM_MS / 1000 });
    clearTimeout(this._disarm);
    this._disarm = setTimeout(() => {
      if (this._noShowArmed === id) (this._noShowArmed = null), (this._notice = '');
    }, NO_SHOW_CONFIRM_MS);
  }

  private async recall(): Promise<void> {
    const r = await this.act('recall');
    if (!r) return;
    await this.loadQueue();
    const c = this._current;
    this._notice = ct('recalled', { n: c?.number ?? r.ticket?.number ?? '', t: clockTime(c?.lastCalledAt ?? r.ticket?.lastCalledAt), k: c?.calls ?? '' });
  }

  private async act(action: DeskAction, body?: unknown): Promise<{ ticket?: { number: string; lastCalledAt?: string | null } | null } | null> {
    if (this._busy || whyNot(action, this._window)) return null;
    this._busy = true;
    this._error = null;
    if (action !== 'no-show') this._notice = '';
    if (action !== 'no-show' && this._noShowArmed) (this._noShowArmed = null), clearTimeout(this._disarm);
    try {
      // A fresh key per tap: a double tap or a retry after a dropped answer is done once.
      const r = await api<{ window?: WindowView } & Partial<WindowView>>('POST', `/api/windows/${this.windowId}/${action}`, body ?? {}, {
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      this._window = r.window ?? (r as WindowView);
      this._panel = 'none';
      if (action === 'sign-out') this.dispatchEvent(new CustomEvent('signed-out', { bubbles: true, composed: true }));
      return r as { ticket?: { number: string; lastCalledAt?: string | null } | null };
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
      return null;
    } finally {
      this._busy = false;
      this._refetch();
    }
  }

  private button(action: DeskAction, label: StringKey, cls = '', body?: unknown) {
    const why = whyNot(action, this._window);
    return html`<button class="act ${cls}" data-action=${action} ?disabled=${!!why || this._busy} title=${why ? t(why) : label ? t(label) : ''}
      @click=${() => (action === 'transfer' ? this.openTransfer() : action === 'pause' ? (this._panel = action)
        : action === 'recall' ? this.recall() : this.act(action, body))}>${t(label)}</button>`;
  }

  /** 过号 is quiet until armed, and sits away from 开始办理: one stray tap must not send a visitor away. */
  private noShowButton() {
    const why = whyNot('no-show', this._window);
    const armed = !!this._noShowArmed && this._noShowArmed === this._window?.currentTicketId;
    return html`<button class="act ${armed ? 'warn armed' : 'ghost-dark'}" data-action="no-show" aria-pressed=${armed}
      ?disabled=${!!why || this._busy} title=${why ? t(why) : ct('noShowArmed', { s: NO_SHOW_CONFIRM_MS / 1000 })}
      @click=${() => this.noShowTap()}>${armed ? ct('noShowConfirm', { n: this._window?.currentNumber ?? '' }) : ct('noShowArm')}</button>`;
  }

  /** The ticket in hand: its service, when it was taken, how long the visitor has waited, where it came from. */
  private renderTicketInfo() {
    const c = this._current;
    if (!c || c.id !== this._window?.currentTicketId) return nothing;
    void this._tick;
    const now = hubNow();
    const waitMin = wholeMinutes(c.issuedAt, c.status === 'serving' && c.calledAt ? Date.parse(c.calledAt) : now);
    const last = c.transfers.at(-1);
    return html`<div class="ticket-info" data-testid="ticket-info">
      <div><span class="k">${ct('ticketService')}</span> <b data-testid="ticket-service">${this.serviceName(c.serviceId)}</b>
        ${c.priority ? html`<span class="prio">${t('priority')}</span>` : nothing}</div>
      <div data-testid="ticket-times"><span class="k">${ct('issued')}</span> ${clockTime(c.issuedAt)} ·
        ${c.status === 'serving' ? ct('waited', { n: waitMin }) : ct('waitedSoFar', { n: waitMin })}
        ${c.status === 'serving' && c.startedAt ? html` · ${ct('servingFor', { n: wholeMinutes(c.startedAt, now) })}` : nothing}
        ${c.calls > 1 && c.lastCalledAt ? html` · ${ct('calls', { n: c.calls, t: clockTime(c.lastCalledAt) })}` : nothing}</div>
      ${last ? html`<div class="transfer-note" data-testid="ticket-transfer">${ct('transferredFrom', {
        w: last.windowNumber ?? '?', who: last.staffName, from: this.serviceName(last.fromServiceId), to: this.serviceName(last.toServiceId),
      })}：<b>${last.reason || ct('transferredNoReason')}</b></div>` : nothing}
    </div>`;
  }

  /** A paused desk says why, what the window shows visitors, and for how long it has been paused. */
  private renderPauseInfo(w: WindowView) {
    const p = w.pause;
    if (w.state !== 'paused' || !p) return nothing;
    void this._tick;
    const now = hubNow();
    const overdue = p.expectedBackAt ? wholeMinutes(p.expectedBackAt, now) : 0;
    return html`<div class="pause-info" data-testid="pause-info">
      <div class="pline"><b>${ct('pausedSince', { reason: t(`reason_${p.reason}` as StringKey) })}</b>
        ${p.since ? html` · <span data-testid="paused-for">${ct('pausedFor', { n: wholeMinutes(p.since, now), t: clockTime(p.since) })}</span>` : nothing}</div>
      <div>${p.note ? ct('pausedNote', { note: p.note }) : ct('pausedNoNote')}
        ${p.expectedBackAt ? html` · <span class=${overdue > 0 ? 'late' : ''}>${overdue > 0
          ? ct('pausedOverdue', { t: clockTime(p.expectedBackAt), n: overdue }) : ct('pausedBack', { t: clockTime(p.expectedBackAt) })}</span>` : nothing}</div>
    </div>`;
  }

  render() {
    const w = this._window;
    if (!w) return html`<div class="card">${t('connecting')}</div>`;
    const queue = w.serviceIds.map((id) => this._services.find((s) => s.id === id)).filter((s): s is ServiceView => !!s);
    const waitingTotal = this._waiting ?? queue.reduce((n, s) => n + s.waiting, 0);
    return html`
      <div class="desk">
        <section class="card current">
          <div class="wtitle">${t('window', { n: w.number })} · ${w.name} · ${w.post === 'B' ? t('postB') : t('postA')}</div>
          <div class="label">${t('current')}</div>
          <div class="cur-number ${w.currentNumber ? '' : 'empty'}" data-testid="current-number">${w.currentNumber ?? '—'}</div>
          <div class="cur-status" data-testid="cur-status">${w.state === 'paused' ? t('paused') : w.currentStatus ? t(`status_${w.currentStatus}` as StringKey)
            : waitingTotal > 0 ? ct('idleWaiting', { n: waitingTotal }) : ct('idleNobody')}</div>
          ${this.renderTicketInfo()}
          ${this.renderPauseInfo(w)}
          ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
          ${this._notice ? html`<div class="notice" role="status" data-testid="notice">${this._notice}</div>` : nothing}
          ${this._panel === 'none' ? this.renderActions(w) : nothing}
          ${this._panel === 'transfer' ? this.renderTransfer() : nothing}
          ${this._panel === 'pause'
            ? html`<pause-form @cancel=${() => (this._panel = 'none')} @pause=${(e: CustomEvent) => this.act('pause', e.detail)}></pause-form>`
            : nothing}
          <div class="hint">${t('shortcuts')}</div>
        </section>
        <aside class="card side">
          <h3>${t('nextQueue')} <span class="total">${waitingTotal}</span></h3>
          ${this._next.length
            ? html`<ol class="next" data-testid="next-numbers">${this._next.map((n, i) => html`<li class=${i === 0 ? 'first' : ''}>
                <span class="nnum">${n.number}</span>${n.priority ? html`<span class="prio">${t('priority')}</span>` : nothing}${queueMarks(n, (id) => this.serviceName(id))}
                <span class="nsvc">${this.serviceName(n.serviceId)}</span></li>`)}</ol>
              ${waitingTotal > this._next.length ? html`<div class="more">${t('andMore', { n: waitingTotal - this._next.length })}</div>` : nothing}`
            : nothing}
          <ul class="queue">
            ${queue.map((s) => html`<li><span>${s.prefix} · ${localName(s)}</span><b>${t('waitingN', { n: s.waiting })}</b></li>`)}
          </ul>
          <h3 title=${ct('myTodayHint')}>${t('myToday')}</h3>
          <div class="mine" data-testid="my-count">${this._servedToday ?? '—'}</div>
        </aside>
      </div>
    `;
  }

  /**
   * The action rows. An open dialog (transfer, pause) takes their place: a 1366×768 screen has no
   * room for both, and the dialog's own buttons (confirm, cancel) are the only ones that apply then.
   */
  private renderActions(w: WindowView) {
    return html`
      <div class="actions">
        ${this.button('call-next', 'callNext', 'big primary')}
        ${this.button('recall', 'recall')}
        ${this.button('start', 'start')}
      </div>
      <div class="actions">
        ${this.button('finish', 'finish', 'ok', { outcome: 'done' })}
        ${this.button('finish', 'oneTimeNotice', '', { outcome: 'one-time-notice' })}
        ${this.button('finish', 'notAccepted', '', { outcome: 'not-accepted' })}
        ${this.button('transfer', 'transfer')}
      </div>
      <div class="actions">
        ${this.noShowButton()}
        ${w.state === 'paused' ? this.button('resume', 'resume', 'primary') : this.button('pause', 'pause')}
        ${this.button('sign-out', 'signOut', 'ghost-dark')}
      </div>`;
  }

  private serviceName(id: string): string {
    const sv = this._services.find((x) => x.id === id);
    return sv ? localName(sv) : id;
  }

  private renderTransfer() {
    const choices = this._services.filter((s) => s.id !== this._fromService);
    return html`<div class="panel" role="dialog" aria-label=${t('transfer')}>
      <div class="ptitle">${t('transferTitle', { n: this._window?.currentNumber ?? '' })}</div>
      <div class="phint">${t('transferHint')}</div>
      <div class="choices">
        ${choices.map((s) => html`<button class="act choice" data-transfer=${s.id} aria-pressed=${this._toService === s.id}
          @click=${() => (this._toService = s.id)}>${s.prefix} · ${localName(s)}<small>${t('waitingN', { n: s.waiting })}</small></button>`)}
      </div>
      <label class="reason">${t('transferReason')}
        <input name="transfer-reason" maxlength="200" .value=${this._transferReason}
          @input=${(e: InputEvent) => (this._transferReason = (e.target as HTMLInputElement).value)} /></label>
      <div class="actions">
        <button class="act primary" data-action="confirm-transfer" ?disabled=${!this._toService || this._busy}
          @click=${() => this.act('transfer', { serviceId: this._toService, reason: this._transferReason.trim() })}>
          ${this._toService ? t('transferConfirm', { s: this.serviceName(this._toService) }) : t('transferPick')}</button>
        <button class="act ghost-dark" @click=${() => (this._panel = 'none')}>${t('cancel')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-desk': CounterDesk;
  }
}
