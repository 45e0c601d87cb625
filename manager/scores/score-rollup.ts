import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { downloadCsv, handleAuth } from '../download.ts';
import { activeRubric, partLabel, scoringAdmin } from '../rubricCache.ts';
import { people, staffLabel, windowLabel, type People } from '../people.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import type { Rubric } from '../types.ts';

interface Row {
  id: string;
  days: number;
  total: number;
  average: number | null;
  parts: Record<string, number>;
  served: number;
  satisfactionPct: number | null;
  disqualified: boolean;
}
interface PeriodResult {
  from: string;
  to: string;
  days: number;
  staff: Row[];
  windows: Row[];
  quarters: { quarter: string; windows: Row[]; staff: Row[] }[];
}

/** Monthly, quarterly and yearly results, ranked, with each quarter's 流动红旗窗口 and 工作标兵. */
@customElement('score-rollup')
export class ScoreRollup extends LitElement {
  static styles = managerStyles;
  @state() private _period: 'month' | 'quarter' | 'year' = 'month';
  @state() private _of = '';
  @state() private _result: PeriodResult | null = null;
  @state() private _rubric: Rubric | undefined;
  @state() private _error = '';
  @state() private _people: People | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void scoringAdmin().then(async (a) => {
      this._rubric = activeRubric(a);
      this._of = a.today.slice(0, 7);
      this._people = await people(a).catch(() => null);
      void this._load();
    }, (e) => (this._error = handleAuth(e)));
  }

  private _defaultOf(p: 'month' | 'quarter' | 'year') {
    const [y, m] = (this._of || '2026-01').split(/-Q?/).map(Number) as [number, number];
    if (p === 'year') return String(y);
    if (p === 'quarter') return `${y}-Q${this._period === 'month' ? Math.ceil((m || 1) / 3) : m || 1}`;
    return `${y}-${String(this._period === 'quarter' ? (m || 1) * 3 - 2 : m || 1).padStart(2, '0')}`;
  }

  private async _load() {
    try {
      this._result = await api<PeriodResult>('GET', `/api/reports/scores/rollup?period=${this._period}&of=${encodeURIComponent(this._of)}`);
      this._error = '';
    } catch (e) {
      this._result = null;
      this._error = handleAuth(e);
    }
  }

  render() {
    const r = this._result;
    return html`
      <div class="bar">
        <select .value=${this._period} @change=${(e: Event) => { const p = (e.target as HTMLSelectElement).value as 'month'; this._of = this._defaultOf(p); this._period = p; void this._load(); }}>
          <option value="month">${L('月度', 'Month')}</option><option value="quarter">${L('季度', 'Quarter')}</option><option value="year">${L('年度', 'Year')}</option>
        </select>
        <input .value=${this._of} size="9" @change=${(e: Event) => { this._of = (e.target as HTMLInputElement).value.trim(); void this._load(); }} />
        <button @click=${() => void downloadCsv(`/api/reports/scores/rollup?period=${this._period}&of=${this._of}&format=csv`, `scores-${this._of}.csv`).catch((e) => (this._error = handleAuth(e)))}>${L('导出 CSV', 'Export CSV')}</button>
        <button @click=${() => window.print()}>${L('打印', 'Print')}</button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${r ? html`
        <p class="muted" id="ranking-rule">${r.from} – ${r.to} · ${L('计分天数', 'Days scored')} ${r.days} ·
          ${L('按考评总分（各人应在岗各日得分之和）排名，日均分仅供参考', 'Ranked by the rubric\'s total over the days each person was on duty; the daily average is shown for reference')}</p>
        ${r.quarters.map((q) => html`<div class="card" data-quarter=${q.quarter}><h3>${q.quarter} ${L('流动红旗窗口', 'Red-flag windows')}：${q.windows.map((x) => this._name('window', x.id)).join(L('、', ', ')) || '—'}
          · ${L('工作标兵', 'Model staff')}：<span data-testid="model-staff">${q.staff.map((x) => this._name('staff', x.id)).join(L('、', ', ')) || '—'}</span></h3></div>`)}
        <h2>${L('工作人员', 'Staff')}</h2>${this._table(r.staff, 'staff')}
        <h2>${L('窗口', 'Windows')}</h2>${this._table(r.windows, 'window')}
      ` : nothing}`;
  }

  private _name(kind: 'staff' | 'window', id: string): string {
    return kind === 'staff' ? staffLabel(this._people, id) : windowLabel(this._people, id);
  }

  private _table(rows: Row[], kind: 'staff' | 'window') {
    const parts = this._rubric?.parts ?? [];
    if (!rows.length) return html`<p class="muted">${L('暂无', 'None yet')}</p>`;
    return html`<table id=${`rollup-${kind}`}><thead><tr><th class="num">${L('名次', 'Rank')}</th><th>${kind === 'staff' ? L('姓名', 'Name') : L('窗口', 'Window')}</th>
      <th class="num">${kind === 'staff' ? L('应在岗天数', 'Days on duty') : L('天数', 'Days')}</th><th class="num">${L('总分', 'Total')}</th><th class="num">${L('日均分', 'Daily average')}</th>
      ${parts.map((p) => html`<th class="num">${partLabel(this._rubric, p.id)}</th>`)}<th class="num">${L('办结', 'Served')}</th><th class="num">${L('满意率', 'Satisfied')}</th></tr></thead>
      <tbody>${rows.map((x, i) => html`<tr data-id=${x.id}><td class="num">${i + 1}</td><td>${this._name(kind, x.id)}${x.disqualified ? html` <span class="tag closed">${L('取消评优', 'Disqualified')}</span>` : nothing}</td>
        <td class="num">${x.days}</td><td class="num" data-col="total"><b>${x.total}</b></td><td class="num" data-col="average">${x.average ?? '—'}</td>
        ${parts.map((p) => html`<td class="num">${x.parts[p.id] ?? ''}</td>`)}<td class="num">${x.served}</td><td class="num">${x.satisfactionPct ?? '—'}</td></tr>`)}</tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'score-rollup': ScoreRollup;
  }
}
