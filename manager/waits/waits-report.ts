import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { clockTime } from '../../ui/i18n.ts';
import { downloadCsv, handleAuth } from '../download.ts';
import { localName } from '../../ui/i18n.ts';
import type { HallInfo } from '../../ui/types.ts';
import { hallInfo } from '../people.ts';
import { managerStyles } from '../shared-styles.ts';
import { count, L } from '../text.ts';
import { delta, dur, figureTable, pct } from './format.ts';
import type { Figures, WaitsAnswer } from './types.ts';
import './waits-charts.ts';

type Period = 'today' | 'week' | 'month' | 'year' | 'day' | 'range';
type Group = 'service' | 'window' | 'staff' | 'hour';

/**
 * Wait times for a period: the contract's figures per service with the total, the same split by
 * window, staffer and hour, charts, the period before for comparison, and tickets whose times look
 * wrong (with a switch to leave them out). Prints as a plain report.
 */
@customElement('waits-report')
export class WaitsReport extends LitElement {
  @state() private _period: Period = 'today';
  @state() private _from = '';
  @state() private _to = '';
  @state() private _group: Group = 'service';
  @state() private _compare = true;
  @state() private _exclude = false;
  @state() private _data: WaitsAnswer | null = null;
  @state() private _error = '';
  @state() private _busy = false;
  /** Service names in both languages (the report rows carry the Chinese name only). */
  @state() private _hall: HallInfo | null = null;

  static styles = [
    managerStyles,
    css`
      .summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; }
      .summary .card { margin: 0; padding: 10px 14px; }
      .summary b { display: block; font-size: 24px; font-variant-numeric: tabular-nums; }
      .summary small { display: block; min-height: 1.2em; }
      .tabs button[aria-pressed='true'] { background: #1f4e79; color: #fff; }
      tr.total th { background: #f6f8fa; }
      .summary.now .card { border-left: 4px solid #1f4e79; }
      .summary.now .card.alert { border-left-color: #b00020; background: #fde8ea; }
      th.lead, td.lead { background: #eef4fb; font-weight: 600; }
      .scroll { overflow-x: auto; }
      @media print {
        .bar, .tabs, .noprint { display: none !important; }
        table { font-size: 11px; }
        th, td { padding: 3px 5px; }
        .card { break-inside: avoid; }
      }
    `,
  ];

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    void hallInfo().then((h) => (this._hall = h), () => undefined);
    void this._load();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  private _query(): string | null {
    if (this._period === 'day') return this._from ? `from=${this._from}&to=${this._from}` : null;
    if (this._period === 'range') return this._from && this._to ? `from=${this._from}&to=${this._to}` : null;
    return `period=${this._period}`;
  }

  private async _load() {
    const q = this._query();
    if (!q) return;
    this._busy = true;
    this._error = '';
    try {
      const extra = `${this._compare ? '&compare=previous' : ''}${this._exclude ? '&excludeFlagged=true' : ''}`;
      this._data = await api<WaitsAnswer>('GET', `/api/reports/waits?${q}${extra}`);
      if (this._period !== 'day' && this._period !== 'range') [this._from, this._to] = [this._data.from, this._data.to];
    } catch (e) {
      this._error = handleAuth(e);
    } finally {
      this._busy = false;
    }
  }

  private async _csv() {
    const d = this._data;
    if (!d) return;
    try {
      const extra = `${this._exclude ? '&excludeFlagged=true' : ''}&groupBy=${this._group}`;
      await downloadCsv(`/api/reports/waits?from=${d.from}&to=${d.to}&format=csv${extra}`, `waits-${d.from}_${d.to}-${this._group}.csv`);
    } catch (e) {
      this._error = handleAuth(e);
    }
  }

  private _set(change: () => void) {
    change();
    void this._load();
  }

  render() {
    const d = this._data;
    const periods: [Period, string][] = [
      ['today', L('今天', 'Today')], ['week', L('本周', 'This week')], ['month', L('本月', 'This month')],
      ['year', L('今年', 'This year')], ['day', L('某一天', 'A day')], ['range', L('日期范围', 'Date range')],
    ];
    return html`
      <div class="bar">
        <select aria-label=${L('期间', 'Period')} @change=${(e: Event) => this._set(() => (this._period = (e.target as HTMLSelectElement).value as Period))}>
          ${periods.map(([v, label]) => html`<option value=${v} ?selected=${v === this._period}>${label}</option>`)}
        </select>
        ${this._period === 'day' || this._period === 'range'
          ? html`<input type="date" .value=${this._from} @change=${(e: Event) => this._set(() => (this._from = (e.target as HTMLInputElement).value))} />`
          : nothing}
        ${this._period === 'range' ? html`— <input type="date" .value=${this._to} @change=${(e: Event) => this._set(() => (this._to = (e.target as HTMLInputElement).value))} />` : nothing}
        <label><input type="checkbox" .checked=${this._compare} @change=${(e: Event) => this._set(() => (this._compare = (e.target as HTMLInputElement).checked))} /> ${L('与上一期对比', 'Compare with previous period')}</label>
        <label><input type="checkbox" .checked=${this._exclude} @change=${(e: Event) => this._set(() => (this._exclude = (e.target as HTMLInputElement).checked))} /> ${L('剔除存疑记录', 'Leave out suspect tickets')}</label>
        <button @click=${() => this._csv()} ?disabled=${!d}>${L('导出 CSV', 'Export CSV')}</button>
        <button @click=${() => window.print()}>${L('打印', 'Print')}</button>
        ${this._busy ? html`<span class="muted">${L('计算中…', 'Working…')}</span>` : nothing}
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${d ? this._report(d) : nothing}
    `;
  }

  private _report(d: WaitsAnswer) {
    // A previous period without a single ticket (before the hall opened) is no comparison: "+180" against nothing reads as growth.
    const p = d.previous && d.previous.total.issued > 0 ? d.previous.total : undefined;
    const card = (label: string, value: string, change: unknown = '') => html`<div class="card"><span class="muted">${label}</span><b>${value}</b><small>${change}</small></div>`;
    const groups: [Group, string][] = [['service', L('按业务', 'By service')], ['window', L('按窗口', 'By window')], ['staff', L('按人员', 'By staff')], ['hour', L('按时段', 'By hour')]];
    return html`
      <h2>${L('等候时长报表', 'Wait times')} ${d.from}${d.to !== d.from ? ` — ${d.to}` : ''}
        <span class="muted">${L('（', '(')}${L(`${d.days} 个工作日`, count(d.days, 'business day'))}${d.previous ? L(`；对比 ${d.previous.from} — ${d.previous.to}${p ? '' : '（上期无数据）'}`, `; against ${d.previous.from} — ${d.previous.to}${p ? '' : ' (no data)'}`) : ''}${L('）', ')')}</span></h2>
      ${this._waitingNow(d)}
      <div class="summary">
        ${card(L('取号', 'Issued'), String(d.total.issued), p ? delta(d.total.issued, p.issued, true, false) : '')}
        ${card(L('办结', 'Served'), String(d.total.served), p ? delta(d.total.served, p.served, true, false) : '')}
        ${card(L('平均等候', 'Average wait'), dur(d.total.waitAvgSec), p ? delta(d.total.waitAvgSec, p.waitAvgSec, false, true) : '')}
        ${card(L('九成人等候不超过', '90% waited at most'), dur(d.total.waitP90Sec), p ? delta(d.total.waitP90Sec, p.waitP90Sec, false, true) : '')}
        ${card(L('平均办理', 'Average service'), dur(d.total.serviceAvgSec), p ? delta(d.total.serviceAvgSec, p.serviceAvgSec, false, true) : '')}
        ${card(L('等候达标率', 'Within target'), pct(d.total.withinTargetPct), p ? delta(d.total.withinTargetPct, p.withinTargetPct, true, false) : '')}
        ${card(L('过号 / 未办离开', 'No-show / abandoned'), `${d.total.noShow} / ${d.total.abandoned}`)}
        ${card(L('最长排队', 'Longest queue'), String(d.total.maxWaiting))}
      </div>
      <div class="bar tabs" role="group">
        ${groups.map(([g, label]) => html`<button aria-pressed=${g === this._group} @click=${() => (this._group = g)}>${label}</button>`)}
      </div>
      <div class="scroll">${this._table(d)}</div>
      <h3>${L('时段与到达规律', 'Hours and arrivals')}</h3>
      <waits-charts .hours=${d.hours} .heatmap=${d.heatmap}></waits-charts>
      ${this._flagged(d)}
    `;
  }

  /**
   * An open day first says who is still waiting and for how long: the figures below count only
   * tickets already called, and read "all within target" while the queue stands still.
   */
  private _waitingNow(d: WaitsAnswer) {
    const t = d.total;
    if (t.waitingNow === undefined) return nothing;
    const longest = t.longestWaitingMin ?? null;
    return html`<div class="summary now" id="waiting-now">
      <div class="card ${t.waitingNow ? 'alert' : ''}"><span class="muted">${L('此刻等候', 'Waiting now')}</span><b data-testid="waiting-now">${t.waitingNow}</b>
        <small>${L('尚未叫号的人数', 'not yet called')}</small></div>
      <div class="card ${t.waitingNow ? 'alert' : ''}"><span class="muted">${L('其中最长已等', 'Longest wait so far')}</span>
        <b data-testid="longest-waiting">${longest === null ? '—' : L(`${longest} 分钟`, `${longest} min`)}</b>
        <small>${L('从取号算起', 'since taking the number')}</small></div>
    </div>`;
  }

  private _table(d: WaitsAnswer) {
    const minutes = (m: number) => `${Math.round(m)}`;
    switch (this._group) {
      case 'window':
        return figureTable(L('窗口', 'Window'), d.windows, (w) => `${w.number ?? ''} ${w.name}`, [
          [L('开窗(分)', 'Open (min)'), (w) => minutes(w.openMin)], [L('暂停(分)', 'Paused (min)'), (w) => minutes(w.pausedMin)],
          [L('有人等却空闲(分)', 'Idle while queued (min)'), (w) => minutes(w.idleWhileQueuedMin)],
        ], ['issued', 'abandoned', 'transferred']);
      case 'staff':
        return figureTable(L('人员', 'Staff'), d.staff, (s) => L(`${s.name}（${s.staffId}）`, `${s.name} (${s.staffId})`), [[L('有人等却空闲(分)', 'Idle while queued (min)'), (s) => minutes(s.idleWhileQueuedMin)]], ['issued', 'abandoned', 'transferred']);
      case 'hour':
        return figureTable(L('取号时段', 'Hour of issue'), d.hours, (h) => `${h.hour}:00–${h.hour + 1}:00`);
      default: {
        const prev = new Map((d.previous?.services ?? []).map((s) => [s.serviceId, s]));
        const live: [string, (r: Figures) => string][] = d.total.waitingNow === undefined ? [] : [
          [L('此刻等候', 'Waiting now'), (r) => String(r.waitingNow ?? 0)],
          [L('最长已等(分)', 'Longest waiting (min)'), (r) => (r.longestWaitingMin === null || r.longestWaitingMin === undefined ? '—' : String(r.longestWaitingMin))],
        ];
        const svc = (s: { serviceId: string; name: string }) => {
          const known = this._hall?.services.find((x) => x.id === s.serviceId);
          return `${s.serviceId} ${known ? localName(known) : s.name}`;
        };
        return figureTable(L('业务', 'Service'), d.services, svc, [
          [L('最长排队', 'Longest queue'), (s) => String(s.maxWaiting)],
          ...((d.previous?.total.issued ?? 0) > 0 ? [[L('上期平均等候', 'Previous wait avg'), (s: { serviceId: string }) => dur(prev.get(s.serviceId)?.waitAvgSec)] as [string, (s: { serviceId: string }) => string]] : []),
        ], [], d.total, live);
      }
    }
  }

  private _flagged(d: WaitsAnswer) {
    if (!d.flaggedCount) return nothing;
    // Names, not ids: the director knows 王芳 and 3 号窗口, not S03 and W3.
    const windows = new Map(d.windows.map((w) => [w.windowId, w]));
    const staff = new Map(d.staff.map((s) => [s.staffId, s.name]));
    const windowName = (id: string | null) => { const w = id ? windows.get(id) : undefined; return w ? L(`${w.number ?? ''} 号窗口`, `Window ${w.number ?? ''}`) : (id ?? ''); };
    const staffName = (id: string | null) => (id ? L(`${staff.get(id) ?? id}（${id}）`, `${staff.get(id) ?? id} (${id})`) : '');
    return html`<h3>${L(`存疑记录 ${d.flaggedCount} 条`, count(d.flaggedCount, 'suspect ticket'))}
        <span class="muted">${d.excludedFlagged ? L('（已从统计中剔除）', '(left out of the figures)') : L('（已计入统计）', '(counted in the figures)')}</span></h3>
      <p class="muted">${L('办理时长超过目标 4 倍或超过 2 小时，多为忘记点“办结”。', 'Service over 4× its target or over 2 hours: usually a forgotten "finish".')}</p>
      <table>
        <thead><tr><th>${L('日期', 'Day')}</th><th>${L('号码', 'Number')}</th><th>${L('窗口', 'Window')}</th><th>${L('人员', 'Staff')}</th><th>${L('开始', 'Started')}</th><th>${L('办结', 'Finished')}</th><th class="num">${L('办理时长', 'Service')}</th></tr></thead>
        <tbody>${d.flagged.map((t) => html`<tr><td>${t.day}</td><td>${t.number}</td><td>${windowName(t.windowId)}</td><td>${staffName(t.staffId)}</td><td>${clockTime(t.startedAt)}</td><td>${clockTime(t.finishedAt)}</td><td class="num">${dur(t.serviceSec)}</td></tr>`)}</tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'waits-report': WaitsReport;
  }
}
