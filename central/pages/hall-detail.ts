import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { clockTime } from '../../ui/i18n.ts';
import { oldestWaitSec } from './hall-board.ts';
import { capi, dayBefore, type HallRow } from './session.ts';
import { duration, percent, tr } from './text.ts';

interface WindowInfo { id: string; number: number; name: string; serviceIds: string[] }
interface ServiceInfo { id: string; name: string }
interface Detail extends HallRow { windows: WindowInfo[]; services: ServiceInfo[] }
type Total = Record<string, number | null>;

/**
 * One hall: its live row (from the board's feed), its windows with the uncovered ones in red,
 * and its waits over the last seven business days up to the hall's own day.
 */
@customElement('hall-detail')
export class HallDetail extends LitElement {
  @property() hallId = '';
  @property({ attribute: false }) row: HallRow | null = null;
  @state() private _detail: Detail | null = null;
  @state() private _waits: { from: string; to: string; total: Total } | null = null;
  @state() private _error = '';
  private _loadedFor = '';

  static styles = css`
    :host { display: block; }
    button.back { font: inherit; padding: 6px 12px; border: 1px solid #b8c2cc; background: #fff; border-radius: 6px; cursor: pointer; }
    h2 { margin: 12px 0; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-bottom: 16px; }
    .card { background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; padding: 12px; }
    .card b { display: block; font-size: 26px; margin-top: 4px; }
    .red { color: #c62828; }
    table { border-collapse: collapse; background: #fff; border: 1px solid #d5dbe3; min-width: 420px; margin-bottom: 16px; }
    th, td { padding: 8px 12px; border-bottom: 1px solid #e3e7ed; text-align: left; }
    th { background: #eef1f5; font-size: 14px; }
    tr.uncovered td { background: #fdecec; color: #c62828; font-weight: 700; }
    .error { color: #b00020; }
  `;

  protected updated(): void {
    if (this.hallId && this._loadedFor !== this.hallId) {
      this._loadedFor = this.hallId;
      void this._load();
    }
  }

  private async _load() {
    try {
      const d = await capi<Detail>('GET', `/api/central/halls/${encodeURIComponent(this.hallId)}`);
      this._detail = d;
      const to = d.businessDay ?? this.row?.businessDay;
      if (to) {
        const from = dayBefore(to, 6);
        const w = await capi<{ total: Total }>('GET', `/api/central/reports/waits?from=${from}&to=${to}&hallId=${encodeURIComponent(this.hallId)}`);
        this._waits = { from, to, total: w.total };
      }
    } catch (e) {
      this._error = (e as Error).message;
    }
  }

  render() {
    const back = html`<button class="back" @click=${() => this.dispatchEvent(new CustomEvent('back'))}>← ${tr('back')}</button>`;
    if (this._error) return html`${back}<p class="error" role="alert">${this._error}</p>`;
    const d = this._detail;
    const r = this.row ?? d;
    if (!d || !r) return html`${back}<p>${tr('loading')}</p>`;
    const oldest = oldestWaitSec(r);
    const uncovered = new Set(r.uncoveredNow);
    const w = this._waits?.total;
    return html`${back}
      <h2>${r.name} <small>${r.region} · ${r.hallId}</small></h2>
      <div class="cards">
        <div class="card">${tr('status')}<b>${r.online ? tr('online') : tr('offline')}</b></div>
        <div class="card">${tr('businessDay')}<b>${r.businessDay ?? '—'}</b></div>
        <div class="card">${tr('waiting')}<b data-figure="waiting">${r.waiting}</b></div>
        <div class="card">${tr('windowsOpen')}<b>${r.windowsOpen}</b></div>
        <div class="card">${tr('windowsPaused')}<b>${r.windowsPaused}</b></div>
        <div class="card">${tr('oldestWait')}<b>${duration(oldest)}</b></div>
        <div class="card">${tr('lastSeen')}<b>${clockTime(r.lastSeenAt)}</b></div>
      </div>
      <table>
        <thead><tr><th>${tr('windowCol')}</th><th>${tr('services')}</th><th>${tr('nowCol')}</th></tr></thead>
        <tbody>${d.windows.map((win) => html`<tr class=${uncovered.has(win.id) ? 'uncovered' : ''} data-window=${win.id}>
          <td>${win.number} · ${win.name}</td>
          <td>${win.serviceIds.map((s) => d.services.find((x) => x.id === s)?.name ?? s).join('、')}</td>
          <td>${uncovered.has(win.id) ? tr('uncoveredNow') : tr('covered')}</td></tr>`)}</tbody>
      </table>
      ${w ? html`<h3>${tr('periodWaits', { from: this._waits!.from, to: this._waits!.to })}</h3>
        <table data-table="hall-waits">
          <tr><th>${tr('issued')}</th><td>${w.issued}</td><th>${tr('served')}</th><td>${w.served}</td></tr>
          <tr><th>${tr('waitAvg')}</th><td>${duration(w.waitAvgSec)}</td><th>${tr('waitP90')}</th><td>${duration(w.waitP90Sec)}</td></tr>
          <tr><th>${tr('waitMax')}</th><td>${duration(w.waitMaxSec)}</td><th>${tr('withinTarget')}</th><td>${percent(w.withinTargetPct)}</td></tr>
        </table>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-detail': HallDetail;
  }
}
