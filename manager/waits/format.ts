import { html, type TemplateResult } from 'lit';
import { L } from '../text.ts';
import type { Figures } from './types.ts';

/**
 * Seconds in whole minutes ("12 分钟", past an hour "3 小时 05 分"); a dash for a figure over
 * nothing. Never m:ss: "0:12" beside clock times reads as a time of day.
 */
export function dur(sec: number | null | undefined): string {
  if (sec === null || sec === undefined) return '—';
  const min = Math.round(sec / 60);
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h ? L(`${h} 小时 ${String(m).padStart(2, '0')} 分`, `${h} h ${String(m).padStart(2, '0')} min`) : L(`${m} 分钟`, `${m} min`);
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x}%`);

/** The figure columns every table shares, in the contract's order. */
export const FIGURE_COLUMNS: [keyof Figures, () => string, (v: Figures) => string][] = [
  ['issued', () => L('取号', 'Issued'), (v) => String(v.issued)],
  ['served', () => L('办结', 'Served'), (v) => String(v.served)],
  ['noShow', () => L('过号', 'No-show'), (v) => String(v.noShow)],
  ['abandoned', () => L('未办离开', 'Abandoned'), (v) => String(v.abandoned)],
  ['transferred', () => L('转出', 'Transferred'), (v) => String(v.transferred)],
  ['waitAvgSec', () => L('平均等候', 'Wait avg'), (v) => dur(v.waitAvgSec)],
  ['waitP50Sec', () => L('等候中位数', 'Wait P50'), (v) => dur(v.waitP50Sec)],
  ['waitP90Sec', () => L('等候P90', 'Wait P90'), (v) => dur(v.waitP90Sec)],
  ['waitMaxSec', () => L('最长等候', 'Wait max'), (v) => dur(v.waitMaxSec)],
  ['serviceAvgSec', () => L('平均办理', 'Service avg'), (v) => dur(v.serviceAvgSec)],
  ['serviceP90Sec', () => L('办理P90', 'Service P90'), (v) => dur(v.serviceP90Sec)],
  ['withinTargetPct', () => L('达标率', 'Within target'), (v) => pct(v.withinTargetPct)],
];

/** A table of rows with a label column, the figure columns, and extra columns of its own. */
export function figureTable<T extends Figures>(
  label: string,
  rows: T[],
  name: (r: T) => string,
  extra: [string, (r: T) => string][] = [],
  skip: (keyof Figures)[] = [],
  total?: Figures,
  /** Columns shown first, before the figures (who is still waiting on an open day); the total row has them too. */
  lead: [string, (r: Figures) => string][] = [],
): TemplateResult {
  const cols = FIGURE_COLUMNS.filter(([k]) => !skip.includes(k));
  if (!rows.length) return html`<p class="muted empty">${L('暂无', 'None yet')}</p>`;
  return html`<table>
    <thead><tr><th>${label}</th>${lead.map(([h]) => html`<th class="num lead">${h}</th>`)}${cols.map(([, h]) => html`<th class="num">${h()}</th>`)}${extra.map(([h]) => html`<th class="num">${h}</th>`)}</tr></thead>
    <tbody>
      ${rows.map((r) => html`<tr><td>${name(r)}</td>${lead.map(([, v]) => html`<td class="num lead">${v(r)}</td>`)}${cols.map(([, , v]) => html`<td class="num">${v(r)}</td>`)}${extra.map(([, v]) => html`<td class="num">${v(r)}</td>`)}</tr>`)}
      ${total ? html`<tr class="total"><th>${L('合计', 'Total')}</th>${lead.map(([, v]) => html`<th class="num lead">${v(total)}</th>`)}${cols.map(([, , v]) => html`<th class="num">${v(total)}</th>`)}${extra.map(() => html`<th></th>`)}</tr>` : ''}
    </tbody>
  </table>`;
}

/** Change against the previous period: a wait that grew is bad, a share that grew is good. */
export function delta(now: number | null, before: number | null | undefined, higherIsBetter: boolean, asDuration: boolean): TemplateResult | string {
  if (now === null || before === null || before === undefined) return '';
  const d = now - before;
  if (Math.abs(d) < 1e-9) return html`<span class="muted">±0</span>`;
  const good = d > 0 === higherIsBetter;
  const text = asDuration ? `${d > 0 ? '+' : '−'}${dur(Math.abs(d))}` : `${d > 0 ? '+' : ''}${Math.round(d * 100) / 100}`;
  return html`<span class=${good ? 'pos' : 'neg'}>${text}</span>`;
}
