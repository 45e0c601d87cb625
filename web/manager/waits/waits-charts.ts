import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLang } from '../../lib/i18n.ts';
import type { HourRow } from './types.ts';

type ECharts = { setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void };

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const min = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

/**
 * Two charts of a wait report: arrivals and waits by hour of the day, and arrivals by weekday ×
 * hour (average per business day). ECharts is loaded on first draw, not with the page.
 */
@customElement('waits-charts')
export class WaitsCharts extends LitElement {
  @property({ attribute: false }) hours: HourRow[] = [];
  @property({ attribute: false }) heatmap: { arrivals: number[][]; days: number[] } | null = null;
  private _charts: ECharts[] = [];

  static styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
    .chart { height: 300px; background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; }
    @media print { :host { grid-template-columns: 1fr 1fr; } .chart { height: 260px; break-inside: avoid; } }
  `;

  render() {
    return html`<div class="chart" id="hours"></div><div class="chart" id="heat"></div>`;
  }

  protected async updated(): Promise<void> {
    const { echarts } = await import('./echarts.ts');
    const en = getLang() === 'en';
    const [hoursEl, heatEl] = ['hours', 'heat'].map((id) => this.renderRoot.querySelector<HTMLElement>(`#${id}`)!);
    if (!this._charts.length) {
      this._charts = [hoursEl!, heatEl!].map((el) => echarts.init(el) as unknown as ECharts);
      window.addEventListener('resize', this._resize);
    }
    const [byHour, heat] = this._charts as [ECharts, ECharts];
    const labels = this.hours.map((h) => `${h.hour}:00`);
    byHour.setOption({
      title: undefined,
      tooltip: { trigger: 'axis' },
      legend: { top: 4 },
      grid: { left: 48, right: 48, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', name: en ? 'tickets' : '取号数' }, { type: 'value', name: en ? 'wait (min)' : '等候（分）' }],
      series: [
        { type: 'bar', name: en ? 'Issued' : '取号', data: this.hours.map((h) => h.issued), itemStyle: { color: '#9fbad6' } },
        { type: 'line', name: en ? 'Wait P50' : '等候中位数', yAxisIndex: 1, data: this.hours.map((h) => min(h.waitP50Sec)) },
        { type: 'line', name: en ? 'Wait P90' : '等候P90', yAxisIndex: 1, data: this.hours.map((h) => min(h.waitP90Sec)) },
      ],
    }, true);
    const hm = this.heatmap;
    const cells: [number, number, number][] = [];
    let top = 0;
    const hourRange = Array.from({ length: 12 }, (_, i) => i + 7);
    if (hm) {
      // Monday first, as Chinese calendars are laid out.
      [1, 2, 3, 4, 5, 6, 0].forEach((wd, row) => {
        const days = hm.days[wd] ?? 0;
        hourRange.forEach((hour, col) => {
          const avg = days ? Math.round(((hm.arrivals[wd]?.[hour] ?? 0) / days) * 10) / 10 : 0;
          top = Math.max(top, avg);
          cells.push([col, row, avg]);
        });
      });
    }
    const names = en ? WEEKDAYS.en : WEEKDAYS.zh;
    heat.setOption({
      tooltip: { position: 'top' },
      grid: { left: 48, right: 16, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: hourRange.map((h) => `${h}:00`), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: [1, 2, 3, 4, 5, 6, 0].map((d) => names[d]), splitArea: { show: true } },
      visualMap: { min: 0, max: Math.max(1, top), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: [en ? 'arrivals per day' : '日均取号', ''] },
      series: [{ type: 'heatmap', name: en ? 'Arrivals' : '取号', data: cells, label: { show: true, fontSize: 10 } }],
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
