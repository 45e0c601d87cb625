import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, getToken } from '../../ui/api.ts';
import '../../ui/connection-badge.ts';
import { connectHall, type HallConnection } from '../../ui/hallConnection.ts';
import { clockTime, localName } from '../../ui/i18n.ts';
import { hubNow, syncHubClock } from '../../ui/hubClock.ts';
import type { ServiceView, WindowView } from '../../ui/types.ts';
import { handleAuth } from '../download.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import type { DayScores, WindowScore } from '../types.ts';
import { REASON, postOf } from './labels.ts';
import { uncoveredStretches, type Stretch } from './stretches.ts';
import './printer-panel.ts';

/** The windows view carries the sign-in time as `since`. */
type Win = WindowView & { since?: string | null };

const minsSince = (iso: string) => Math.max(0, Math.floor((hubNow() - Date.parse(iso)) / 60_000));

/**
 * Today at a glance, live: every window with who is at it, in which post and since when; pauses
 * with reason, note and expected return; windows that should be serving and are not (uncovered
 * now) on top and in red; the queue per service with the crowd alert. Every hall event triggers a
 * debounced re-fetch, and a minute tick keeps the running minutes true between events.
 */
@customElement('today-board')
export class TodayBoard extends LitElement {
  static styles = [managerStyles, css`
    tr.alert td { background: #fde8ea; }
    tr.alert td:first-child { box-shadow: inset 4px 0 #b00020; }
    tr.crowded td { background: #fff4d6; }
    .tag.alert { background: #b00020; color: #fff; font-weight: 600; }
    .tag.warn { background: #f5a623; color: #1a1a1a; font-weight: 600; }
    .big { font-size: 17px; }
  `];
  @state() private _windows: Win[] = [];
  @state() private _services: ServiceView[] = [];
  @state() private _scores: DayScores | null = null;
  @state() private _error = '';
  private _conn: HallConnection | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _tick: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    this._conn = connectHall({ token: getToken() });
    this._conn.onEvent(() => this._soon());
    this._conn.onSynced(() => this._soon());
    this._tick = setInterval(() => void this._refresh(), 60_000);
    void this._refresh();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    this._conn?.close();
    clearTimeout(this._timer);
    clearInterval(this._tick);
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
        api<Win[]>('GET', '/api/windows'), api<ServiceView[]>('GET', '/api/services'), api<DayScores>('GET', '/api/reports/scores'), syncHubClock(),
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
    const byId = new Map(this._scores?.windows.map((w) => [w.windowId, w]) ?? []);
    const names = new Map(this._scores?.staff.map((s) => [s.staffId, s.name]) ?? []);
    for (const w of this._windows) {
      if (w.postA && w.postAName) names.set(w.postA, w.postAName);
      if (w.postB && w.postBName) names.set(w.postB, w.postBName);
      if (w.staffId && w.staffName) names.set(w.staffId, w.staffName);
    }
    const uncoveredNow = this._windows.filter((w) => byId.get(w.id)?.uncoveredSince);
    // Uncovered windows first: what needs the director's attention is at the top.
    const rows = [...uncoveredNow, ...this._windows.filter((w) => !byId.get(w.id)?.uncoveredSince)];
    const waiting = this._services.reduce((a, s) => a + s.waiting, 0);
    const crowded = this._services.filter((s) => s.crowded);
    return html`
      <div class="bar big">
        <connection-badge .connection=${this._conn ?? undefined}></connection-badge>
        <span>${L('今日', 'Today')} ${this._scores?.date ?? ''} ${this._scores ? clockTime(new Date(hubNow()).toISOString()) : ''}</span>
        <span class="tag">${L('等候', 'Waiting')} ${waiting}</span>
        <span class="tag open">${L('在岗窗口', 'Windows open')} ${this._windows.filter((w) => w.state === 'open').length} / ${this._windows.length}</span>
        <span id="uncovered-now" class="tag ${uncoveredNow.length ? 'alert' : ''}">${L('当前空岗', 'Uncovered now')} ${uncoveredNow.length}</span>
        ${crowded.length ? html`<span id="crowded-now" class="tag warn">${L('排队拥挤', 'Crowded')}：${crowded.map((s) => s.prefix).join('、')}</span>` : nothing}
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <h2>${L('窗口在岗情况', 'Windows now')}</h2>
      <table id="today-windows">
        <thead><tr><th>${L('窗口', 'Window')}</th><th>${L('状态', 'State')}</th><th>${L('在岗人员', 'At the window')}</th><th>${L('岗位', 'Post')}</th>
          <th>${L('签到时间', 'Since')}</th><th>${L('A岗 / B岗', 'A / B post')}</th><th>${L('当前号', 'Ticket')}</th><th>${L('暂停说明（去向）', 'Pause notice')}</th>
          <th class="num">${L('今日空岗(分)', 'Uncovered today (min)')}</th><th class="num">${L('顶岗(分)', 'Cover (min)')}</th></tr></thead>
        <tbody>${rows.map((w) => this._windowRow(w, byId.get(w.id), names))}</tbody>
      </table>
      ${this._stretches(names)}
      <h2>${L('各业务排队', 'Queue per service')}</h2>
      <table id="today-services">
        <thead><tr><th>${L('业务', 'Service')}</th><th class="num">${L('等候人数', 'Waiting')}</th><th class="num">${L('预计等候(分)', 'Est. wait (min)')}</th>
          <th class="num">${L('开放窗口', 'Windows open')}</th><th>${L('提示', 'Alert')}</th></tr></thead>
        <tbody>${this._services.map((s) => html`<tr data-service=${s.id} class=${s.crowded ? 'crowded' : ''}>
          <td>${s.prefix} ${localName(s)}</td><td class="num">${s.waiting}</td><td class="num">${s.estimatedWaitMin}</td><td class="num">${s.openWindows ?? ''}</td>
          <td>${s.crowded
            ? html`<span class="tag warn">${L('拥挤，请二次分流', 'Crowded: redirect waiting visitors')}</span>`
            : s.waiting > 0 && s.openWindows === 0 ? html`<span class="tag alert">${L('有人等候但无窗口开放', 'Waiting with no window open')}</span>` : ''}</td></tr>`)}</tbody>
      </table>
      <printer-panel></printer-panel>
    `;
  }

  private _windowRow(w: Win, s: WindowScore | undefined, names: Map<string, string>) {
    const who = (id: string | null | undefined) => (id ? L(`${names.get(id) ?? id}（${id}）`, `${names.get(id) ?? id} (${id})`) : '—');
    const since = s?.uncoveredSince ?? null;
    const stateTag = since
      ? html`<span class="tag alert">${L(`空岗 ${clockTime(since)} 起，${minsSince(since)} 分钟`, `Uncovered since ${clockTime(since)}, ${minsSince(since)} min`)}</span>`
      : html`<span class="tag ${w.state}">${w.state === 'open' ? L('在岗', 'Open') : w.state === 'paused' ? L('暂停', 'Paused') : L('未开', 'Closed')}</span>`;
    return html`<tr data-window=${w.id} class=${since ? 'alert' : ''}>
      <td>${w.number} ${w.name}</td>
      <td data-col="state">${stateTag}</td>
      <td>${w.staffId ? who(w.staffId) : '—'}</td>
      <td data-col="post">${postOf(w)}</td>
      <td data-col="since">${w.staffId && w.since ? clockTime(w.since) : '—'}</td>
      <td>${who(w.postA)} / ${who(w.postB)}</td>
      <td>${w.currentNumber ?? ''}</td>
      <td data-col="pause">${this._pause(w)}</td>
      <td data-col="uncovered" class="num ${s && s.uncoveredMinutes > 0 ? 'neg' : ''}">${s?.uncoveredMinutes ?? '—'}</td>
      <td class="num">${s?.coverMinutes ?? '—'}</td>
    </tr>`;
  }

  /** Today's uncovered stretches, kept after someone covers: who left which window empty, when, for how long. */
  private _stretches(names: Map<string, string>) {
    const list = uncoveredStretches(this._scores?.windows ?? []);
    const win = new Map(this._windows.map((w) => [w.id, w]));
    const who = (id: string | null) => (id ? L(`${names.get(id) ?? id}（${id}）`, `${names.get(id) ?? id} (${id})`) : '—');
    const cause = (s: Stretch) => {
      if (s.cause === 'paused') {
        const [zh, en] = REASON[s.reason ?? 'other'] ?? ['暂停', 'Paused'];
        return L(`暂停（${zh}）${s.note ? `：${s.note}` : ''}`, `paused (${en.toLowerCase()})${s.note ? `: ${s.note}` : ''}`);
      }
      return s.cause === 'left' ? L('签退后无人接岗', 'signed out, nobody took over') : L('开门后无人签到', 'nobody signed in since opening');
    };
    return html`
      <h2>${L('今日空岗记录', 'Uncovered stretches today')}</h2>
      ${list.length ? html`<table id="uncovered-stretches">
        <thead><tr><th>${L('窗口', 'Window')}</th><th>${L('空岗前在岗', 'On duty before')}</th><th>${L('原因', 'Why')}</th>
          <th>${L('起止', 'From – to')}</th><th class="num">${L('分钟', 'Minutes')}</th></tr></thead>
        <tbody>${list.map((s) => { const w = win.get(s.windowId); return html`<tr data-stretch=${s.windowId} class=${s.ongoing ? 'alert' : ''}>
          <td>${w ? `${w.number} ${w.name}` : s.windowId}</td><td data-col="before">${who(s.before)}</td><td>${cause(s)}</td>
          <td data-col="span">${clockTime(s.from)}–${s.ongoing ? L('至今', 'now') : clockTime(s.to)}</td><td class="num" data-col="minutes">${s.minutes}</td></tr>`; })}</tbody>
      </table>` : html`<p class="muted" id="uncovered-stretches">${L('暂无', 'None so far')}</p>`}`;
  }

  private _pause(w: Win) {
    const p = w.pause;
    if (!p) return '';
    const [zh, en] = REASON[p.reason] ?? [p.reason, p.reason];
    const late = p.expectedBackAt !== null && Date.parse(p.expectedBackAt) < hubNow();
    return html`${L(zh, en)}${p.note ? `${L('：', ': ')}${p.note}` : p.reason === 'other' ? html`<span class="neg">${L('（未说明原因）', ' (no reason given)')}</span>` : ''}
      ${p.since ? html`<span class="muted">· ${clockTime(p.since)} ${L('起', 'since')}</span>` : nothing}
      ${p.expectedBackAt ? html`· <span class=${late ? 'neg' : ''}>${L('预计', 'back at')} ${clockTime(p.expectedBackAt)} ${L('返回', '')}${late ? L('（已超时）', ' (overdue)') : ''}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'today-board': TodayBoard;
  }
}
