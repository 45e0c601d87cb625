import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getLang } from '../../ui/i18n.ts';
import { capi, dayBefore, download, today, type HallRow } from './session.ts';
import { duration, percent, tr, type TextKey } from './text.ts';

type Figures = Record<string, number | null>;
interface Report { from: string; to: string; halls: (Figures & { hallId: string })[]; total: Figures }
type ECharts = { setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void };

const COLUMNS: { key: string; label: TextKey; kind: 'n' | 'sec' | 'pct' }[] = [
  { key: 'issued', label: 'issued', kind: 'n' },
  { key: 'served', label: 'served', kind: 'n' },
  { key: 'noShow', label: 'noShow', kind: 'n' },
  { key: 'abandoned', label: 'abandoned', kind: 'n' },
  { key: 'waitAvgSec', label: 'waitAvg', kind: 'sec' },
  { key: 'waitP50Sec', label: 'waitP50', kind: 'sec' },
  { key: 'waitP90Sec', label: 'waitP90', kind: 'sec' },
  { key: 'waitMaxSec', label: 'waitMax', kind: 'sec' },
  { key: 'serviceAvgSec', label: 'serviceAvg', kind: 'sec' },
  { key: 'withinTargetPct', label: 'withinTarget', kind: 'pct' },
];

function cell(kind: 'n' | 'sec' | 'pct', v: number | null | undefined): string {
  if (kind === 'sec') return duration(v);
  if (kind === 'pct') return percent(v);
  return v === null || v === undefined ? '—' : String(v);
}

const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round(s / 6) / 10);

/**
 * Waits across halls over a period: one row per hall (equal to the hall's own report), the total
 * over every ticket of every hall (exact percentiles), a chart of average and P90 wait per hall
 * (ECharts loaded on first draw) and the centre's CSV with BOM.
 */
@customElement('network-waits')
export class NetworkWaits extends LitElement {
  @property({ attribute: false }) halls: HallRow[] = [];
  @property() lastDay: string | undefined;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _report: Report | null = null;
  @state() private _error = '';
  private _chart: ECharts | null = null;

  static styles = css`
    :host { display: block; }
    form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin-bottom: 12px; }
    label { display: grid; gap: 4px; font-size: 14px; }
    input, button { font: inherit; padding: 6px 10px; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; }
    button { cursor: pointer; }
    table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d5dbe3; margin-bottom: 16px; }
    th, td { padding: 8px 10px; border-bottom: 1px solid #e3e7ed; text-align: right; font-variant-numeric: tabular-nums; }
    th:first-child, td:first-child { text-align: left; }
    th { background: #eef1f5; font-size: 14px; }
    tr.total td { font-weight: 700; background: #f7f9fb; }
    #chart { height: 320px; background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; }
    .error { color: #b00020; }
  `;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this._resize);
  }
  disconnectedCallback(): void {
    window.removeEventListener('resize', this._resize);
    this._chart?.dispose();
    this._chart = null;
    super.disconnectedCallback();
  }
  private _resize = () => this._chart?.resize();

  protected willUpdate(): void {
    if (!this._to) {
      this._to = this.lastDay ?? today();
      this._from = dayBefore(this._to, 6);
      void this._load();
    }
  }

  private _query(): string {
    return `from=${this._from}&to=${this._to}`;
  }

  private async _load() {
    this._error = '';
    try {
      this._report = await capi<Report>('GET', `/api/central/reports/waits?${this._query()}`);
    } catch (e) {
      this._report = null;
      this._error = (e as Error).message;
    }
  }

  private _submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this._from = String(f.get('from'));
    this._to = String(f.get('to'));
    void this._load();
  }

  private _name(id: string) {
    return this.halls.find((h) => h.hallId === id)?.name ?? id;
  }

  render() {
    const r = this._report;
    return html`
      <form @submit=${this._submit}>
        <label>${tr('from')}<input type="date" name="from" .value=${this._from} required /></label>
        <label>${tr('to')}<input type="date" name="to" .value=${this._to} required /></label>
        <button>${tr('show')}</button>
        <button type="button" data-action="csv" @click=${() => download({ path: `/api/central/reports/waits?${this._query()}&format=csv` }, `central-waits-${this._from}_${this._to}.csv`)}>${tr('csv')}</button>
      </form>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
      ${r ? html`<table data-table="waits">
        <thead><tr><th>${tr('hall')}</th>${COLUMNS.map((c) => html`<th>${tr(c.label)}</th>`)}</tr></thead>
        <tbody>
          ${r.halls.map((h) => html`<tr data-hall=${h.hallId}><td>${this._name(h.hallId)}</td>${COLUMNS.map((c) => html`<td>${cell(c.kind, h[c.key])}</td>`)}</tr>`)}
          <tr class="total" data-hall="total"><td>${tr('total')}</td>${COLUMNS.map((c) => html`<td>${cell(c.kind, r.total[c.key])}</td>`)}</tr>
        </tbody>
      </table>
      <div id="chart" role="img" aria-label=${tr('chartTitle')}></div>` : html`<p>${tr('loading')}</p>`}`;
  }

  protected async updated(): Promise<void> {
    const r = this._report;
    const el = this.renderRoot.querySelector<HTMLElement>('#chart');
    if (!r || !el) return;
    const { init } = await import('../../manager/waits/echarts.ts');
    if (!this._chart || !el.isConnected || el.childElementCount === 0) {
      this._chart?.dispose();
      this._chart = init(el) as unknown as ECharts;
    }
    const en = getLang() === 'en';
    this._chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 4 },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: r.halls.map((h) => this._name(h.hallId)), axisLabel: { interval: 0, rotate: r.halls.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: en ? 'min' : '分钟' },
      series: [
        { name: tr('waitAvg'), type: 'bar', data: r.halls.map((h) => minutes(h.waitAvgSec)) },
        { name: tr('waitP90'), type: 'bar', data: r.halls.map((h) => minutes(h.waitP90Sec)) },
      ],
    }, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'network-waits': NetworkWaits;
  }
}
