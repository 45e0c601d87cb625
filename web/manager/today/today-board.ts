import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, getToken } from '../../lib/api.ts';
import '../../lib/connection-badge.ts';
import { connectHall, type HallConnection } from '../../lib/hallConnection.ts';
import { clockTime } from '../../lib/i18n.ts';
import type { ServiceView, WindowView } from '../../lib/types.ts';
import { handleAuth } from '../download.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import type { DayScores } from '../types.ts';

const REASON: Record<string, [string, string]> = {
  break: ['休息', 'Break'], meeting: ['开会', 'Meeting'], errand: ['外出办事', 'Errand'], leave: ['请假', 'Leave'], other: ['其他', 'Other'],
};

/**
 * Today, live: each window with who is at it and in which post, pauses with their notice, minutes
 * left uncovered so far, and the queue per service. Every hall event triggers a (debounced) refresh.
 */
@customElement('today-board')
export class TodayBoard extends LitElement {
  static styles = managerStyles;
  @state() private _windows: WindowView[] = [];
  @state() private _services: ServiceView[] = [];
  @state() private _scores: DayScores | null = null;
  @state() private _error = '';
  private _conn: HallConnection | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    this._conn = connectHall({ token: getToken() });
    this._conn.onEvent(() => this._soon());
    this._conn.onSynced(() => this._soon());
    void this._refresh();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    this._conn?.close();
    clearTimeout(this._timer);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  private _soon() {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => void this._refresh(), 300);
  }

  private async _refresh() {
    try {
      const [windows, services, scores] = await Promise.all([
        api<WindowView[]>('GET', '/api/windows'), api<ServiceView[]>('GET', '/api/services'), api<DayScores>('GET', '/api/reports/scores'),
      ]);
      this._windows = windows;
      this._services = services;
      this._scores = scores;
      this._error = '';
    } catch (e) {
      this._error = handleAuth(e);
    }
  }

  render() {
    const uncovered = new Map(this._scores?.windows.map((w) => [w.windowId, w]) ?? []);
    const waiting = this._services.reduce((a, s) => a + s.waiting, 0);
    return html`
      <div class="bar">
        <connection-badge .connection=${this._conn ?? undefined}></connection-badge>
        <span>${L('今日', 'Today')} ${this._scores?.date ?? ''}</span>
        <span class="tag">${L('等候', 'Waiting')} ${waiting}</span>
        <span class="tag open">${L('在岗窗口', 'Windows open')} ${this._windows.filter((w) => w.state === 'open').length} / ${this._windows.length}</span>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <h2>${L('窗口在岗情况', 'Windows now')}</h2>
      <table id="today-windows">
        <thead><tr><th>${L('窗口', 'Window')}</th><th>${L('状态', 'State')}</th><th>${L('在岗人员', 'At the window')}</th><th>${L('岗位', 'Post')}</th>
          <th>${L('A岗 / B岗', 'A / B post')}</th><th>${L('当前号', 'Ticket')}</th><th>${L('暂停说明', 'Pause notice')}</th><th class="num">${L('今日空岗(分)', 'Uncovered today (min)')}</th><th class="num">${L('顶岗(分)', 'Cover (min)')}</th></tr></thead>
        <tbody>${this._windows.map((w) => {
          const s = uncovered.get(w.id);
          const post = w.staffId ? (w.staffId === w.postA ? L('A岗', 'A') : w.staffId === w.postB ? L('B岗顶岗', 'B covering') : L('替岗', 'substitute')) : '—';
          return html`<tr data-window=${w.id}>
            <td>${w.number} ${w.name}</td>
            <td><span class="tag ${w.state}">${w.state === 'open' ? L('在岗', 'Open') : w.state === 'paused' ? L('暂停', 'Paused') : L('无人', 'Empty')}</span></td>
            <td>${w.staffName ? `${w.staffName}（${w.staffId}）` : '—'}</td><td>${post}</td>
            <td>${w.postA ?? '—'} / ${w.postB ?? '—'}</td><td>${w.currentNumber ?? ''}</td>
            <td>${w.pause ? `${L(...REASON[w.pause.reason] ?? [w.pause.reason, w.pause.reason])}${w.pause.note ? `：${w.pause.note}` : ''}${w.pause.expectedBackAt ? ` · ${L('预计', 'back')} ${clockTime(w.pause.expectedBackAt)}` : ''}` : ''}</td>
            <td class="num ${s && s.uncoveredMinutes > 0 ? 'neg' : ''}">${s?.uncoveredMinutes ?? '—'}</td><td class="num">${s?.coverMinutes ?? '—'}</td>
          </tr>`;
        })}</tbody>
      </table>
      <h2>${L('各业务排队', 'Queue per service')}</h2>
      <table id="today-services">
        <thead><tr><th>${L('业务', 'Service')}</th><th class="num">${L('等候人数', 'Waiting')}</th><th class="num">${L('预计等候(分)', 'Est. wait (min)')}</th><th class="num">${L('开放窗口', 'Windows open')}</th></tr></thead>
        <tbody>${this._services.map((s) => html`<tr><td>${s.prefix} ${s.name}</td><td class="num">${s.waiting}</td><td class="num">${s.estimatedWaitMin}</td><td class="num">${s.openWindows ?? ''}</td></tr>`)}</tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'today-board': TodayBoard;
  }
}
