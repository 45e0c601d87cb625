import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLang } from '../../ui/i18n.ts';

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
/** Monday first, as Chinese calendars are laid out. */
const ORDER = [1, 2, 3, 4, 5, 6, 0];
const FIRST_HOUR = 7;
const LAST_HOUR = 18;

/**
 * Arrivals by weekday × hour, as tickets per business day of that weekday, in a table whose cells
 * are shaded by the number: readable at a glance, exact on a second look, and it prints in black
 * and white. Weekdays without a business day in the period are left out.
 */
@customElement('arrivals-table')
export class ArrivalsTable extends LitElement {
  @property({ attribute: false }) heatmap: { arrivals: number[][]; days: number[] } | null = null;

  static styles = css`
    :host { display: block; background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; padding: 8px 10px; overflow-x: auto; }
    h4 { margin: 0 0 6px; font-size: 14px; color: #1f2d3d; }
    table { border-collapse: separate; border-spacing: 2px; font-size: 12px; font-variant-numeric: tabular-nums; }
    th { font-weight: normal; color: #4a5a6a; padding: 2px 4px; white-space: nowrap; }
    td { width: 38px; height: 26px; text-align: center; border-radius: 3px; }
    small { color: #4a5a6a; }
    @media print { :host { break-inside: avoid; } td { border: 1px solid #ccc; } }
  `;

  render() {
    const en = getLang() === 'en';
    const hm = this.heatmap;
    const hours = Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => i + FIRST_HOUR);
    const rows = ORDER.filter((wd) => (hm?.days[wd] ?? 0) > 0).map((wd) => {
      const days = hm!.days[wd]!;
      return { wd, days, cells: hours.map((h) => Math.round(((hm!.arrivals[wd]?.[h] ?? 0) / days) * 10) / 10) };
    });
    const top = Math.max(1, ...rows.flatMap((r) => r.cells));
    const names = en ? WEEKDAYS.en : WEEKDAYS.zh;
    return html`
      <h4>${en ? 'Arrivals per day, by weekday and hour' : '各星期、各时段日均取号数'}</h4>
      ${rows.length === 0
        ? html`<small>${en ? 'No tickets in this period.' : '本期间没有取号。'}</small>`
        : html`<table>
            <thead><tr><th></th>${hours.map((h) => html`<th>${h}:00</th>`)}</tr></thead>
            <tbody>
              ${rows.map((r) => html`<tr>
                <th title=${en ? `${r.days} business days` : `${r.days} 个工作日`}>${names[r.wd]}</th>
                ${r.cells.map((v) => {
                  const share = v / top;
                  const bg = `rgba(31, 78, 121, ${(0.06 + share * 0.84).toFixed(2)})`;
                  return html`<td style="background:${bg};color:${share > 0.5 ? '#fff' : '#1f2d3d'}">${v ? v : ''}</td>`;
                })}
              </tr>`)}
            </tbody>
          </table>
          <small>${en ? 'Darker = more tickets; each cell is the average per business day.' : '颜色越深取号越多；每格为该星期该时段的日均取号数。'}</small>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'arrivals-table': ArrivalsTable;
  }
}
