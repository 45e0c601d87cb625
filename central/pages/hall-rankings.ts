import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { capi, csvCell, dayBefore, download, today, type HallRow } from './session.ts';
import { percent, tr, type TextKey } from './text.ts';

type Measure = 'served' | 'withinTargetPct' | 'satisfactionPct' | 'uncoveredMinutes' | 'complaints';
interface Ranking {
  hallId: string; served: number; withinTargetPct: number | null; satisfactionPct: number | null; ratings: number;
  uncoveredMinutes: number; complaints: number; rank: Record<Measure, number>;
}

const MEASURES: { id: Measure; label: TextKey; pct?: boolean }[] = [
  { id: 'served', label: 'rankServed' },
  { id: 'withinTargetPct', label: 'rankWithin', pct: true },
  { id: 'satisfactionPct', label: 'rankSatisfaction', pct: true },
  { id: 'uncoveredMinutes', label: 'rankUncovered' },
  { id: 'complaints', label: 'rankComplaints' },
];

/** The halls ranked by one measure at a time (流动红旗); every measure in the CSV (BOM for Excel). */
@customElement('hall-rankings')
export class HallRankings extends LitElement {
  @property({ attribute: false }) halls: HallRow[] = [];
  @property() lastDay: string | undefined;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _by: Measure = 'served';
  @state() private _rows: Ranking[] | null = null;
  @state() private _error = '';

  static styles = css`
    :host { display: block; }
    form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin-bottom: 12px; }
    label { display: grid; gap: 4px; font-size: 14px; }
    input, select, button { font: inherit; padding: 6px 10px; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; }
    button { cursor: pointer; }
    table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d5dbe3; }
    th, td { padding: 8px 10px; border-bottom: 1px solid #e3e7ed; text-align: right; font-variant-numeric: tabular-nums; }
    th:nth-child(2), td:nth-child(2) { text-align: left; }
    th { background: #eef1f5; font-size: 14px; cursor: pointer; }
    th[aria-sort] { color: #7a1f1f; }
    tr.first td { background: #fff5e0; font-weight: 700; }
    .error { color: #b00020; }
  `;

  protected willUpdate(): void {
    if (!this._to) {
      this._to = this.lastDay ?? today();
      this._from = dayBefore(this._to, 29);
      void this._load();
    }
  }

  private async _load() {
    this._error = '';
    try {
      this._rows = (await capi<{ halls: Ranking[] }>('GET', `/api/central/reports/rankings?from=${this._from}&to=${this._to}`)).halls;
    } catch (e) {
      this._rows = null;
      this._error = (e as Error).message;
    }
  }

  private _name(id: string) {
    return this.halls.find((h) => h.hallId === id)?.name ?? id;
  }

  private _csv() {
    const rows = this._sorted();
    const head = [tr('hall'), 'ID', ...MEASURES.flatMap((m) => [tr(m.label), `${tr(m.label)} ${tr('rankCol')}`]), tr('ratings')];
    const lines = rows.map((r) => [this._name(r.hallId), r.hallId, ...MEASURES.flatMap((m) => [r[m.id], r.rank[m.id]]), r.ratings]);
    const text = '\ufeff' + [head, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
    void download({ text }, `central-rankings-${this._from}_${this._to}.csv`);
  }

  private _sorted(): Ranking[] {
    return [...(this._rows ?? [])].sort((a, b) => a.rank[this._by] - b.rank[this._by] || a.hallId.localeCompare(b.hallId));
  }

  render() {
    return html`
      <form @submit=${(e: Event) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        this._from = String(f.get('from'));
        this._to = String(f.get('to'));
        void this._load();
      }}>
        <label>${tr('from')}<input type="date" name="from" .value=${this._from} required /></label>
        <label>${tr('to')}<input type="date" name="to" .value=${this._to} required /></label>
        <button>${tr('show')}</button>
        <button type="button" data-action="csv" @click=${this._csv}>${tr('csv')}</button>
      </form>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
      ${this._rows ? html`<table data-table="rankings">
        <thead><tr><th>${tr('rankCol')}</th><th>${tr('hall')}</th>
          ${MEASURES.map((m) => html`<th data-measure=${m.id} aria-sort=${m.id === this._by ? 'ascending' : 'none'} @click=${() => (this._by = m.id)}>${tr(m.label)}</th>`)}</tr></thead>
        <tbody>${this._sorted().map((r) => html`<tr data-hall=${r.hallId} class=${r.rank[this._by] === 1 ? 'first' : ''}>
          <td>${r.rank[this._by]}</td><td>${this._name(r.hallId)}</td>
          ${MEASURES.map((m) => html`<td>${m.pct ? percent(r[m.id] as number | null) : r[m.id]}</td>`)}</tr>`)}</tbody>
      </table>` : html`<p>${tr('loading')}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-rankings': HallRankings;
  }
}
