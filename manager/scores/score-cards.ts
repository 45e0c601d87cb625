import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { clockTime, getLang } from '../../ui/i18n.ts';
import { downloadCsv, handleAuth } from '../download.ts';
import { activeRubric, itemLabel, partLabel, scoringAdmin } from '../rubricCache.ts';
import { people, staffLabel, windowLabel, type People } from '../people.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import { REASON } from '../today/labels.ts';
import type { DayScores, Item, Rubric, StaffScore, WindowScore } from '../types.ts';

const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const KIND: Record<string, [string, string]> = {
  A: ['A岗', 'A post'], B: ['B岗（顶岗）', 'B post (covering)'], substitute: ['代岗（顶岗）', 'Substitute (covering)'], paused: ['暂停', 'Paused'], empty: ['无人', 'Nobody'],
};

/** A day's score cards: every staffer and window, and one card opened with the evidence behind each item. */
@customElement('score-cards')
export class ScoreCards extends LitElement {
  static styles = managerStyles;
  @state() private _date = '';
  @state() private _day: DayScores | null = null;
  @state() private _rubric: Rubric | undefined;
  @state() private _open: { kind: 'staff' | 'window'; id: string } | null = null;
  @state() private _error = '';
  @state() private _people: People | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    void this._init();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  private async _init() {
    try {
      const admin = await scoringAdmin();
      this._rubric = activeRubric(admin);
      this._date ||= admin.today;
      this._people = await people(admin).catch(() => null);
      await this._load();
    } catch (e) {
      this._error = handleAuth(e);
    }
  }

  private async _load() {
    this._error = '';
    try {
      this._day = await api<DayScores>('GET', `/api/reports/scores?date=${this._date}`);
      const admin = await scoringAdmin();
      this._rubric = admin.rubrics.find((r) => r.id === this._day!.rubricId) ?? activeRubric(admin);
    } catch (e) {
      this._day = null;
      this._error = handleAuth(e);
    }
  }

  render() {
    const d = this._day;
    const parts = this._rubric?.parts ?? [];
    return html`
      <div class="bar">
        <label>${L('日期', 'Date')} <input type="date" .value=${this._date} @change=${(e: Event) => { this._date = (e.target as HTMLInputElement).value; void this._load(); }} /></label>
        <button @click=${() => void this._load()}>${L('刷新', 'Refresh')}</button>
        <button @click=${() => void downloadCsv(`/api/reports/scores?date=${this._date}&format=csv`, `scores-${this._date}.csv`).catch((e) => (this._error = handleAuth(e)))}>${L('导出 CSV', 'Export CSV')}</button>
        <button @click=${() => window.print()}>${L('打印', 'Print')}</button>
        ${d && !d.workingDay ? html`<span class="tag">${L('非工作日', 'Not a working day')}</span>` : nothing}
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${d ? html`
        <h2>${L('工作人员', 'Staff')} · ${d.date}</h2>
        <table id="staff">
          <thead><tr><th>${L('工号', 'No.')}</th><th>${L('姓名', 'Name')}</th><th class="num">${L('得分', 'Score')}</th>
            ${parts.map((p) => html`<th class="num">${partLabel(this._rubric, p.id)}</th>`)}
            <th class="num">${L('办结', 'Served')}</th><th class="num">${L('满意率', 'Satisfied')}</th><th class="num">${L('顶岗(分)', 'Cover (min)')}</th><th>${L('扣加分', 'Items')}</th></tr></thead>
          <tbody>${d.staff.length ? nothing : html`<tr class="empty"><td colspan=${7 + parts.length} class="muted">${L('暂无', 'None')}</td></tr>`}${d.staff.map((s) => html`
            <tr class="clickable ${this._isOpen('staff', s.staffId) ? 'selected' : ''}" data-staff=${s.staffId} @click=${() => (this._open = { kind: 'staff', id: s.staffId })}>
              <td>${s.staffId}</td><td>${s.name}${s.onDuty ? nothing : html` <span class="muted">${L('（未在岗）', '(off duty)')}</span>`}${s.disqualified ? html` <span class="tag closed">${L('取消评优', 'Disqualified')}</span>` : nothing}</td>
              <td class="num"><b>${s.score}</b></td>${parts.map((p) => html`<td class="num">${s.parts[p.id] ?? ''}</td>`)}
              <td class="num">${s.served}</td><td class="num">${pct(s.satisfactionPct)}</td><td class="num">${s.coverMinutes}</td>
              <td>${this._charges(s.items)}</td>
            </tr>`)}</tbody>
        </table>
        <h2>${L('窗口', 'Windows')}</h2>
        <table id="windows">
          <thead><tr><th>${L('窗口', 'Window')}</th><th class="num">${L('得分', 'Score')}</th><th class="num">${L('办结', 'Served')}</th><th class="num">${L('满意率', 'Satisfied')}</th>
            <th class="num">${L('空岗(分)', 'Uncovered (min)')}</th><th class="num">${L('暂停(分)', 'Paused (min)')}</th><th class="num">${L('顶岗(分)', 'Cover (min)')}</th><th>${L('扣加分', 'Items')}</th></tr></thead>
          <tbody>${d.windows.map((w) => html`
            <tr class="clickable ${this._isOpen('window', w.windowId) ? 'selected' : ''}" data-window=${w.windowId} @click=${() => (this._open = { kind: 'window', id: w.windowId })}>
              <td>${windowLabel(this._people, w.windowId)}</td><td class="num"><b>${w.score}</b></td><td class="num">${w.served}</td><td class="num">${pct(w.satisfactionPct)}</td>
              <td class="num ${w.uncoveredMinutes > 0 ? 'neg' : ''}">${w.uncoveredMinutes}</td><td class="num">${w.pauseMinutes}</td><td class="num">${w.coverMinutes}</td>
              <td>${this._charges(w.items)}</td>
            </tr>`)}</tbody>
        </table>
        ${this._card(d)}
      ` : nothing}
    `;
  }

  private _isOpen(kind: 'staff' | 'window', id: string) {
    return this._open?.kind === kind && this._open.id === id;
  }

  private _charges(items: Item[]) {
    // A zero-point item worth a look (a complaint answered late) is flagged, not hidden.
    return items.filter((i) => i.code !== 'satisfaction' && i.count > 0)
      .map((i) => html`<span class="tag ${i.points < 0 || i.code === 'complaint-overdue' ? 'neg' : i.points > 0 ? 'pos' : ''}">${itemLabel(this._rubric, i.code)} ×${i.count}</span> `);
  }

  private _card(d: DayScores) {
    if (!this._open) return html`<p class="muted noprint">${L('点击一行查看评分卡及依据。', 'Click a row to open its score card and evidence.')}</p>`;
    const s = this._open.kind === 'staff' ? d.staff.find((x) => x.staffId === this._open!.id) : undefined;
    const w = this._open.kind === 'window' ? d.windows.find((x) => x.windowId === this._open!.id) : undefined;
    const subject = s ?? w;
    if (!subject) return nothing;
    const title = s ? L(`${s.name}（${s.staffId}）`, `${s.name} (${s.staffId})`) : windowLabel(this._people, w!.windowId);
    return html`
      <section class="card" id="card">
        <h2>${L('评分卡', 'Score card')} · ${title} · ${d.date} · ${subject.score} ${L('分', 'pts')}</h2>
        <div class="grid">${(this._rubric?.parts ?? []).map((p) => html`<div><b>${partLabel(this._rubric, p.id)}</b> ${subject.parts[p.id] ?? 0} / ${p.max}</div>`)}</div>
        <h3>${L('扣加分项及依据', 'Items and evidence')}</h3>
        <table class="evidence">
          <thead><tr><th>${L('项目', 'Item')}</th><th class="num">${L('次数', 'Count')}</th><th class="num">${L('分值', 'Points')}</th><th>${L('依据', 'Evidence')}</th></tr></thead>
          <tbody>${subject.items.length ? nothing : html`<tr class="empty"><td colspan="4" class="muted">${L('暂无', 'None')}</td></tr>`}${subject.items.map((i) => html`<tr>
            <td>${itemLabel(this._rubric, i.code)} <span class="muted">${i.code}</span></td><td class="num">${i.count}</td>
            <td class="num ${i.points < 0 ? 'neg' : ''}">${signed(i.points)}</td>
            <td><ul class="evidence">${i.evidence.map((e) => html`<li>${getLang() === 'en' ? e.en : e.zh}</li>`)}</ul></td></tr>`)}</tbody>
        </table>
        ${w ? this._intervals(w) : this._staffFigures(s!)}
      </section>`;
  }

  private _staffFigures(s: StaffScore) {
    return html`<p>${L('办结', 'Served')} ${s.served} · ${L('评价', 'Ratings')} ${s.ratings} · ${L('满意率', 'Satisfied')} ${pct(s.satisfactionPct)} · ${L('顶岗', 'Cover')} ${s.coverMinutes} ${L('分钟', 'min')}</p>`;
  }

  private _intervals(w: WindowScore) {
    return html`
      <h3>${L('在岗记录（工作时间内）', 'Cover record (working hours)')}</h3>
      <table><thead><tr><th>${L('时间', 'Time')}</th><th>${L('状态', 'State')}</th><th>${L('人员', 'Staff')}</th><th class="num">${L('分钟', 'Min')}</th><th>${L('说明', 'Note')}</th></tr></thead>
      <tbody>${w.intervals.length ? nothing : html`<tr class="empty"><td colspan="5" class="muted">${L('暂无', 'None')}</td></tr>`}${w.intervals.map((i) => html`<tr><td>${clockTime(i.from)}–${clockTime(i.to)}</td>
        <td class=${i.kind === 'paused' || i.kind === 'empty' ? 'neg' : ''}>${L(KIND[i.kind]![0], KIND[i.kind]![1])}</td><td>${i.staffId ? staffLabel(this._people, i.staffId) : '—'}</td>
        <td class="num">${i.minutes}</td><td>${[i.reason ? L(...(REASON[i.reason] ?? [i.reason, i.reason])) : '', i.note].filter(Boolean).join('：')}</td></tr>`)}</tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'score-cards': ScoreCards;
  }
}
