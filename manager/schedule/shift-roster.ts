import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { getLang } from '../../ui/i18n.ts';
import { handleAuth } from '../download.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';
import type { ScoringAdmin, Shift } from '../types.ts';

export const WEEKDAYS: [string, string][] = [['日', 'Sun'], ['一', 'Mon'], ['二', 'Tue'], ['三', 'Wed'], ['四', 'Thu'], ['五', 'Fri'], ['六', 'Sat']];
/** Monday first, as a Chinese week is read. */
const ORDER = [1, 2, 3, 4, 5, 6, 0];

/**
 * The roster (排班): staff beyond the A posts — substitutes, seconded colleagues — who are
 * expected on given weekdays, optionally within dates. A rostered staffer is liable to late,
 * early-leave and absence on those days exactly as an A post is. Saving replaces the schedule's
 * shift list; the other schedule settings are sent back unchanged.
 */
@customElement('shift-roster')
export class ShiftRoster extends LitElement {
  static styles = managerStyles;
  @property({ attribute: false }) admin: ScoringAdmin | null = null;
  @state() private _msg = '';

  private async _save(shifts: Shift[], form?: HTMLFormElement) {
    if (!this.admin) return;
    try {
      await api('PUT', '/api/admin/scoring/schedule', { ...this.admin.schedule, shifts });
      this._msg = L('排班已保存', 'Roster saved');
      form?.reset();
      this.dispatchEvent(new CustomEvent('schedule-changed', { bubbles: true, composed: true }));
    } catch (e) {
      this._msg = handleAuth(e);
    }
  }

  private _add(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const fd = new FormData(form);
    const weekdays = fd.getAll('swd').map(Number).sort();
    if (!weekdays.length) {
      this._msg = L('请至少选择一个星期几', 'Choose at least one weekday');
      return;
    }
    const shift: Shift = { staffId: String(fd.get('staffId')), weekdays, from: String(fd.get('from') || '') || null, to: String(fd.get('to') || '') || null };
    void this._save([...(this.admin?.schedule.shifts ?? []), shift], form);
  }

  private _days(weekdays: number[]) {
    const en = getLang() === 'en';
    return ORDER.filter((d) => weekdays.includes(d)).map((d) => (en ? WEEKDAYS[d]![1] : `周${WEEKDAYS[d]![0]}`)).join(en ? ', ' : '、');
  }

  render() {
    const a = this.admin;
    if (!a) return nothing;
    const en = getLang() === 'en';
    const names = new Map(a.staff.map((s) => [s.id, s.name]));
    const shifts = a.schedule.shifts;
    return html`
      <h2>${L('排班（轮值人员）', 'Roster')}</h2>
      <p class="muted">${L('A岗人员每个工作日均应在岗，无需排班；代岗、借调人员按此处排班考勤。', 'A posts are expected every working day without a roster; substitutes and seconded staff are expected as rostered here.')}</p>
      ${this._msg ? html`<p role="status" id="roster-msg">${this._msg}</p>` : nothing}
      <table id="roster"><thead><tr><th>${L('工作人员', 'Staff')}</th><th>${L('星期', 'Weekdays')}</th><th>${L('起止日期', 'Dates')}</th><th class="noprint"></th></tr></thead>
        <tbody>${shifts.length ? shifts.map((sh, i) => html`<tr data-shift=${i}>
          <td>${names.get(sh.staffId) ?? sh.staffId}（${sh.staffId}）</td><td>${this._days(sh.weekdays)}</td>
          <td>${sh.from || sh.to ? `${sh.from ?? L('即日', 'now')} – ${sh.to ?? L('长期', 'open')}` : L('长期', 'Always')}</td>
          <td class="noprint"><button @click=${() => void this._save(shifts.filter((_, j) => j !== i))}>${L('删除', 'Remove')}</button></td></tr>`)
          : html`<tr><td colspan="4" class="muted">${L('尚无排班', 'No roster yet')}</td></tr>`}</tbody></table>
      <form class="inline" id="roster-form" @submit=${(e: Event) => this._add(e)}>
        <label>${L('工作人员', 'Staff')}<select name="staffId" required>${a.staff.filter((s) => s.role === 'staff').map((s) => html`<option value=${s.id}>${s.name}（${s.id}）${s.postA.length ? ` · ${L('A岗', 'A post')} ${s.postA.join('、')}` : ''}</option>`)}</select></label>
        <label class="days">${L('星期', 'Weekdays')}<span>${ORDER.map((d) => html`<label><input type="checkbox" name="swd" value=${d} />${en ? WEEKDAYS[d]![1] : WEEKDAYS[d]![0]}</label> `)}</span></label>
        <label>${L('开始日期（可空）', 'From (optional)')}<input type="date" name="from" /></label>
        <label>${L('结束日期（可空）', 'To (optional)')}<input type="date" name="to" /></label>
        <button class="primary" type="submit">${L('添加排班', 'Add to roster')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shift-roster': ShiftRoster;
  }
}
