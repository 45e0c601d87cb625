import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLang } from '../../ui/i18n.ts';
import './arrivals-table.ts';
import type { HourRow } from './types.ts';

type ECharts = { setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void };

const min = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

/**
 * Arrivals and waits by hour of the day (a chart), and arrivals by weekday × hour (a shaded
 * table). ECharts is loaded on first draw, not with the page.
 */
@customElement('waits-charts')
export class WaitsCharts extends LitElement {
  @property({ attribute: false }) hours: HourRow[] = [];
  @property({ attribute: false }) heatmap: { arrivals: number[][]; days: number[] } | null = null;
  private _charts: ECharts[] = [];

  static styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; align-items: start; }
    .chart { height: 300px; background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; }
    @media print { :host { grid-template-columns: 1fr 1fr; } .chart { height: 260px; break-inside: avoid; } }
  `;

  render() {
    return html`<div class="chart" id="hours"></div><arrivals-table .heatmap=${this.heatmap}></arrivals-table>`;
  }

  protected async updated(): Promise<void> {
    const { init } = await import('./echarts.ts');
    const en = getLang() === 'en';
    const hoursEl = this.renderRoot.querySelector<HTMLElement>('#hours')!;
    if (!this._charts.length) {
      this._charts = [init(hoursEl) as unknown as ECharts];
      window.addEventListener('resize', this._resize);
    }
    const [byHour] = this._charts as [ECharts];
    const labels = this.hours.map((h) => `${h.hour}:00`);
    byHour.setOption({
      // Drawn at once: a printout or a screenshot taken mid-animation shows broken lines.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 4 },
      grid: { left: 48, right: 48, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: labels, name: en ? 'hour of issue' : '取号时段', nameLocation: 'middle', nameGap: 22 },
      yAxis: [{ type: 'value', name: en ? 'tickets' : '取号数' }, { type: 'value', name: en ? 'wait (min)' : '等候（分钟）' }],
      series: [
        { type: 'bar', name: en ? 'Issued' : '取号数', data: this.hours.map((h) => h.issued), itemStyle: { color: '#9fbad6' } },
        { type: 'line', name: en ? 'Median wait' : '等候中位数', yAxisIndex: 1, data: this.hours.map((h) => min(h.waitP50Sec)) },
        { type: 'line', name: en ? '90% waited at most' : '90%的人等候不超过', yAxisIndex: 1, data: this.hours.map((h) => min(h.waitP90Sec)) },
      ],
    }, true);
  }

  private _resize = () => {
    for (const c of this._charts) c.resize();
  };

  disconnectedCallback(): void {
    window.removeEventListener('resize', this._resize);
    for (const c of this._charts) c.dispose();
    this._charts = [];
    super.disconnectedCallback();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'waits-charts': WaitsCharts;
  }
}
