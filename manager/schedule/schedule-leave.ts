import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { getLang } from '../../ui/i18n.ts';
import { handleAuth } from '../download.ts';
import { scoringAdmin } from '../rubricCache.ts';
import { people, resetKeepingDates, staffLabel, staffSelect, type People } from '../people.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import type { ScoringAdmin } from '../types.ts';
import { WEEKDAYS as DAYS } from './shift-roster.ts';

interface Leave { id: string; staffId: string; from: string; to: string; spans: number[] | null; coverStaffId: string | null; note: string; enteredBy: string }
const dates = (s: string) => s.split(/[\s,，、]+/).map((x) => x.trim()).filter(Boolean);

/** Working days, holidays and 调休, grace and pause limit; leave with its cover; the hall's rubric. */
@customElement('schedule-leave')
export class ScheduleLeave extends LitElement {
  static styles = managerStyles;
  @state() private _admin: ScoringAdmin | null = null;
  @state() private _leave: Leave[] = [];
  @state() private _msg = '';
  @state() private _people: People | null = null;
  /** The leave record whose void reason is being written in its row (no browser prompt box). */
  @state() private _voiding: string | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    this.addEventListener('schedule-changed', this._reload);
    void this._load(false);
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    this.removeEventListener('schedule-changed', this._reload);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();
  private _reload = () => void this._load(true);

  private async _load(refresh: boolean) {
    try {
      this._admin = await scoringAdmin(refresh);
      this._people = await people(this._admin);
      this._leave = (await api<{ leave: Leave[] }>('GET', '/api/admin/scoring/records')).leave;
    } catch (e) {
      this._msg = handleAuth(e);
    }
  }

  private async _send(method: string, path: string, body: unknown, formEl?: HTMLFormElement) {
    try {
      await api(method, path, body);
      this._msg = L('已保存', 'Saved');
      this._voiding = null;
      if (formEl) resetKeepingDates(formEl);
      await this._load(true);
    } catch (e) {
      this._msg = handleAuth(e);
    }
  }

  render() {
    const a = this._admin;
    if (!a) return html`<p>${this._msg}</p>`;
    const s = a.schedule;
    const en = getLang() === 'en';
    return html`
      ${this._msg ? html`<p role="status">${this._msg}</p>` : nothing}
      <h2>${L('考评细则', 'Rubric')}</h2>
      <div class="bar">
        <select id="rubric" .value=${a.rubricId}>${a.rubrics.map((r) => html`<option value=${r.id} ?selected=${r.id === a.rubricId}>${en ? r.label.en : r.label.zh}</option>`)}</select>
        <button class="primary" @click=${() => void this._send('PUT', '/api/admin/scoring/rubric', { rubricId: (this.renderRoot.querySelector('#rubric') as HTMLSelectElement).value })}>${L('启用（历史各日按新细则重算）', 'Use it (past days are re-scored)')}</button>
      </div>
      <h2>${L('工作日与考勤', 'Working days and attendance')}</h2>
      <p class="muted">${L('工作时间', 'Hours')}：${a.hours.map(([f, t]) => `${f}–${t}`).join('，')}</p>
      <form class="inline" id="schedule-form" @submit=${(e: Event) => {
        e.preventDefault();
        const fd = new FormData(e.target as HTMLFormElement);
        void this._send('PUT', '/api/admin/scoring/schedule', {
          workWeekdays: fd.getAll('wd').map(Number), holidays: dates(String(fd.get('holidays') ?? '')), extraWorkdays: dates(String(fd.get('extra') ?? '')),
          graceMin: Number(fd.get('grace')), pauseLimitMin: Number(fd.get('limit')), shifts: s.shifts,
        });
      }}>
        <label class="days">${L('工作日', 'Working weekdays')}<span>${DAYS.map(([zh, enD], i) => html`<label><input type="checkbox" name="wd" value=${i} ?checked=${s.workWeekdays.includes(i)} />${en ? enD : zh}</label> `)}</span></label>
        <label>${L('节假日（休）', 'Holidays (closed)')}<textarea name="holidays" rows="2">${s.holidays.join(', ')}</textarea></label>
        <label>${L('调休上班日', 'Adjusted working days')}<textarea name="extra" rows="2">${s.extraWorkdays.join(', ')}</textarea></label>
        <label>${L('迟到早退宽限（分钟）', 'Grace (min)')}<input type="number" name="grace" min="0" max="60" .value=${String(s.graceMin)} /></label>
        <label>${L('未暂停签退离岗上限（分钟）', 'Away after signing out without a pause, limit (min)')}<input type="number" name="limit" min="1" max="480" .value=${String(s.pauseLimitMin)} /></label>
        <button class="primary" type="submit">${L('保存', 'Save')}</button>
      </form>
      <shift-roster .admin=${a}></shift-roster>
      <h2>${L('请假登记', 'Leave')}</h2>
      <form class="inline" id="leave-form" @submit=${(e: Event) => {
        e.preventDefault();
        const f = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
        const spans = f.half === 'am' ? [0] : f.half === 'pm' ? [1] : null;
        void this._send('POST', '/api/admin/scoring/leave', { staffId: f.staffId, from: f.from, to: f.to || f.from, spans, coverStaffId: f.cover?.trim() || null, note: f.note ?? '' }, e.target as HTMLFormElement);
      }}>
        <label>${L('请假人', 'Staff on leave')}${staffSelect(this._people, 'staffId', { required: true, staffOnly: true })}</label>
        <label>${L('开始', 'From')}<input type="date" name="from" .value=${a.today} required /></label>
        <label>${L('结束', 'To')}<input type="date" name="to" /></label>
        <label>${L('时段', 'Part')}<select name="half"><option value="day">${L('全天', 'Whole day')}</option><option value="am">${L('上午', 'Morning')}</option><option value="pm">${L('下午', 'Afternoon')}</option></select></label>
        <label>${L('顶岗人（无人顶岗每天扣 2 分）', 'Covered by (no cover: −2 a day)')}${staffSelect(this._people, 'cover', { empty: L('无人顶岗', 'No cover'), staffOnly: true })}</label>
        <label>${L('事由', 'Reason')}<input name="note" /></label>
        <button class="primary" type="submit">${L('登记', 'Record')}</button>
      </form>
      <table id="leave"><thead><tr><th>${L('工号', 'Staff')}</th><th>${L('日期', 'Dates')}</th><th>${L('时段', 'Part')}</th><th>${L('顶岗', 'Cover')}</th><th>${L('事由', 'Reason')}</th><th>${L('录入', 'By')}</th><th class="noprint"></th></tr></thead>
        <tbody>${this._leave.length ? nothing : html`<tr class="empty"><td colspan="7" class="muted">${L('暂无', 'None')}</td></tr>`}${this._leave.map((l) => html`<tr data-leave=${l.id}><td>${staffLabel(this._people, l.staffId)}</td><td>${l.from}${l.to !== l.from ? ` – ${l.to}` : ''}</td>
          <td>${l.spans === null ? L('全天', 'Whole day') : l.spans.map((i) => a.hours[i]?.join('–')).join('，')}</td>
          <td class=${l.coverStaffId ? '' : 'neg'}>${l.coverStaffId ? staffLabel(this._people, l.coverStaffId) : L('无人顶岗', 'No cover')}</td><td>${l.note}</td><td>${staffLabel(this._people, l.enteredBy)}</td>
          <td class="noprint">${this._voiding === l.id ? html`<form class="inline" data-ask="void" @submit=${(e: Event) => {
            e.preventDefault();
            const reason = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
            if (reason) void this._send('POST', `/api/admin/scoring/records/${l.id}/void`, { reason });
          }}><input name="text" required aria-label=${L('作废原因（记录保留）', 'Reason to void (kept on record)')} placeholder=${L('作废原因（记录保留）', 'Reason to void (kept on record)')} />
            <button class="primary" type="submit">${L('确定', 'OK')}</button><button type="button" @click=${() => (this._voiding = null)}>${L('取消', 'Cancel')}</button></form>`
            : html`<button data-act="void" @click=${() => (this._voiding = l.id)}>${L('作废', 'Void')}</button>`}</td></tr>`)}</tbody></table>
      <h3>${L('变更记录', 'Change history')}</h3>
      <ul>${a.history.length ? nothing : html`<li class="muted">${L('暂无', 'None')}</li>`}${a.history.slice(-10).reverse().map((h) => html`<li>${h.at.slice(0, 16).replace('T', ' ')} ${staffLabel(this._people, h.by)}：${h.what === 'rubric'
        ? `${L('启用考评细则', 'rubric set to')} ${(a.rubrics.find((r) => r.id === h.value)?.label[en ? 'en' : 'zh']) ?? h.value}`
        : L('修改工作日、考勤或排班', 'schedule, attendance or roster changed')}</li>`)}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'schedule-leave': ScheduleLeave;
  }
}
