import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { handleAuth } from '../download.ts';
import { activeRubric, itemLabel, scoringAdmin } from '../rubricCache.ts';
import { people, resetKeepingDates, staffLabel, staffSelect, windowLabel, windowSelect, type People } from '../people.ts';
import { managerStyles } from '../shared-styles.ts';
import { count, L } from '../text.ts';
import type { Rubric } from '../types.ts';

interface Entry { id: string; date: string; staffId: string | null; windowId: string | null; item: string; count: number; points: number | null; note: string; enteredBy: string; enteredAt: string }
interface Complaint {
  id: string; date: string; staffId: string | null; windowId: string | null; surname: string; phone: string; content: string; channel: string;
  complexity: string; dueDate: string; verified: boolean; closedAt: string | null; overdue: boolean; closedLate: boolean; daysOver: number; enteredBy: string; followUps: { at: string; by: string; note: string }[];
}
interface Records { entries: Entry[]; complaints: Complaint[]; voided: { ref: string; by: string; at: string; reason: string }[] }

const CHANNEL: Record<string, [string, string]> = { oral: ['口头', 'oral'], phone: ['电话', 'phone'], written: ['书面', 'written'], pad: ['评价器差评', 'rating pad'] };
const KIND: Record<string, [string, string]> = { ordinary: ['一般', 'ordinary'], complex: ['复杂', 'complex'] };
const pair = (m: Record<string, [string, string]>, k: string) => L(...(m[k] ?? [k, k]));
const form = (e: Event) => Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Complaints (managers only: they hold names and phone numbers), praise, inspections, bonus and disqualification. */
@customElement('manual-entries')
export class ManualEntries extends LitElement {
  static styles = [managerStyles, css`
    tr.alert td { background: #fde8ea; }
    tr.alert td:first-child { box-shadow: inset 4px 0 #b00020; }
    form.ask { display: flex; gap: 6px; margin-bottom: 6px; }
    form.ask input { flex: 1; min-width: 10em; }
    .banner { background: #b00020; color: #fff; padding: 10px 14px; border-radius: 8px; font-weight: 600; margin: 8px 0; }
  `];
  @state() private _rubric: Rubric | undefined;
  @state() private _today = '';
  @state() private _records: Records | null = null;
  @state() private _msg = '';
  @state() private _people: People | null = null;
  /** A follow-up note or a void reason being written in the row itself (no browser prompt box). */
  @state() private _asking: { id: string; kind: 'follow' | 'void' } | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void scoringAdmin().then(async (a) => {
      this._rubric = activeRubric(a);
      this._today = a.today;
      this._people = await people(a);
      void this._load();
    }, (e) => (this._msg = handleAuth(e)));
  }

  private async _load() {
    try {
      this._records = await api<Records>('GET', '/api/admin/scoring/records');
    } catch (e) {
      this._msg = handleAuth(e);
    }
  }

  private async _post(path: string, body: unknown, formEl?: HTMLFormElement) {
    try {
      await api('POST', path, body);
      this._msg = L('已保存', 'Saved');
      this._asking = null;
      if (formEl) resetKeepingDates(formEl);
      await this._load();
    } catch (e) {
      this._msg = handleAuth(e);
    }
  }

  render() {
    const manual = (this._rubric?.items ?? []).filter((i) => i.source === 'manual' && i.code !== 'complaint');
    return html`
      ${this._msg ? html`<p role="status">${this._msg}</p>` : nothing}
      <h2>${L('录入奖惩（表扬、检查、加分、取消评优）', 'Enter praise, inspection findings, bonus, disqualification')}</h2>
      <form class="inline" id="entry-form" @submit=${(e: Event) => {
        e.preventDefault();
        const f = form(e);
        void this._post('/api/admin/scoring/entries', { date: f.date, staffId: orNull(f.staffId), windowId: orNull(f.windowId), item: f.item, count: Number(f.count || 1), points: f.points ? Number(f.points) : null, note: f.note ?? '' }, e.target as HTMLFormElement);
      }}>
        <label>${L('日期', 'Date')}<input type="date" name="date" .value=${this._today} required /></label>
        <label>${L('工作人员', 'Staff')}${staffSelect(this._people, 'staffId', { empty: L('（不针对个人）', '(no one in particular)') })}</label>
        <label>${L('窗口', 'Window')}${windowSelect(this._people, 'windowId', L('（不针对窗口）', '(no window)'))}</label>
        <label>${L('项目', 'Item')}<select name="item">${manual.map((i) => html`<option value=${i.code}>${itemLabel(this._rubric, i.code)}（${i.points > 0 ? '+' : ''}${i.points}${i.range ? ` ${i.range.join('…')}` : ''}）</option>`)}</select></label>
        <label>${L('次数', 'Count')}<input type="number" name="count" min="1" value="1" /></label>
        <label>${L('分值（可变项）', 'Points (variable items)')}<input type="number" name="points" /></label>
        <label>${L('说明', 'Note')}<input name="note" /></label>
        <button class="primary" type="submit">${L('保存', 'Save')}</button>
      </form>
      <h2>${L('登记投诉', 'Record a complaint')}</h2>
      <form class="inline" id="complaint-form" @submit=${(e: Event) => {
        e.preventDefault();
        const f = form(e);
        void this._post('/api/admin/scoring/complaints', { date: f.date, staffId: orNull(f.staffId), windowId: orNull(f.windowId), surname: f.surname ?? '', phone: f.phone ?? '', content: f.content, channel: f.channel, complexity: f.complexity, verified: f.verified === 'on' }, e.target as HTMLFormElement);
      }}>
        <label>${L('日期', 'Date')}<input type="date" name="date" .value=${this._today} required /></label>
        <label>${L('被投诉人', 'Staff named')}${staffSelect(this._people, 'staffId', { empty: L('（未指明）', '(not named)') })}</label>
        <label>${L('窗口', 'Window')}${windowSelect(this._people, 'windowId', L('（未指明）', '(not named)'))}</label>
        <label>${L('投诉人姓氏', 'Surname')}<input name="surname" /></label>
        <label>${L('联系电话', 'Phone')}<input name="phone" inputmode="tel" /></label>
        <label>${L('方式', 'Channel')}<select name="channel"><option value="oral">${L('口头', 'Oral')}</option><option value="phone">${L('电话', 'Phone')}</option><option value="written">${L('书面', 'Written')}</option></select></label>
        <label>${L('类别', 'Kind')}<select name="complexity"><option value="ordinary">${L('一般（当日或次日答复）', 'Ordinary (same/next day)')}</option><option value="complex">${L('复杂（5 个工作日）', 'Complex (5 working days)')}</option></select></label>
        <label>${L('内容', 'Content')}<input name="content" required /></label>
        <label><span><input type="checkbox" name="verified" /> ${L('已查实', 'Verified')}</span></label>
        <button class="primary" type="submit">${L('登记', 'Record')}</button>
      </form>
      ${this._list()}`;
  }

  private _list() {
    const r = this._records;
    if (!r) return nothing;
    const overdue = r.complaints.filter((c) => c.overdue);
    // Overdue first, then open, then closed; newest first within each.
    const rank = (c: Complaint) => (c.overdue ? 0 : c.closedAt ? 2 : 1);
    const complaints = [...r.complaints].sort((a, b) => rank(a) - rank(b) || b.date.localeCompare(a.date));
    return html`
      <h2>${L('投诉台账', 'Complaints')}</h2>
      ${overdue.length ? html`<div class="banner" id="overdue-banner" role="alert">${L(`${overdue.length} 件投诉已超答复期限仍未办结`, `${count(overdue.length, 'complaint')} past the deadline and still open`)}${L('：', ': ')}${overdue.map((c) => L(`${this._about(c.staffId, c.windowId)}（期限 ${c.dueDate}）`, `${this._about(c.staffId, c.windowId)} (due ${c.dueDate})`)).join(L('，', '; '))}</div>` : nothing}
      <p class="muted">${L('一般投诉当日或次日（下一工作日）答复；复杂投诉 5 个工作日内答复。', 'Ordinary complaints are answered the same or the next working day; complex ones within 5 working days.')}</p>
      <table id="complaints"><thead><tr><th>${L('日期', 'Date')}</th><th>${L('对象', 'About')}</th><th>${L('投诉人', 'By')}</th><th>${L('内容', 'Content')}</th><th>${L('答复期限', 'Due')}</th><th>${L('状态', 'State')}</th><th>${L('跟进', 'Follow-ups')}</th><th class="noprint"></th></tr></thead>
      <tbody>${complaints.length ? nothing : this._none(8)}${complaints.map((c) => html`<tr data-complaint=${c.id} class=${c.overdue ? 'alert' : ''}>
        <td>${c.date}</td><td data-col="about">${this._about(c.staffId, c.windowId)}</td><td>${[c.surname, c.phone].filter(Boolean).join(' ')}${L(`（${pair(CHANNEL, c.channel)}）`, ` (${pair(CHANNEL, c.channel)})`)}</td><td>${c.content}</td>
        <td data-col="due" class=${c.overdue || c.closedLate ? 'neg' : ''}>${c.dueDate}${L(`（${pair(KIND, c.complexity)}）`, ` (${pair(KIND, c.complexity)})`)}${c.overdue ? html`<br /><b>${L(`逾期 ${c.daysOver} 天`, `${count(c.daysOver, 'day')} overdue`)}</b>` : c.closedLate ? html`<br />${L(`超期 ${c.daysOver} 天办结`, `closed ${count(c.daysOver, 'day')} late`)}` : nothing}</td>
        <td>${c.verified ? L('已查实', 'Verified') : L('未查实', 'Not verified')} · ${c.closedAt ? L('已办结', 'Closed') : L('处理中', 'Open')}</td>
        <td>${c.followUps.map((f) => html`<div>${f.note} <span class="muted">${staffLabel(this._people, f.by)}</span></div>`)}</td>
        <td class="noprint">
          ${this._ask(c.id, 'follow', L('跟进说明', 'Follow-up note'), (note) => this._post(`/api/admin/scoring/complaints/${c.id}/follow-ups`, { note, verified: null, closed: false }))}
          <button data-act="follow" @click=${() => (this._asking = { id: c.id, kind: 'follow' })}>${L('跟进', 'Follow up')}</button>
          ${c.verified ? nothing : html`<button @click=${() => void this._post(`/api/admin/scoring/complaints/${c.id}/follow-ups`, { note: L('经调查属实', 'Verified on inquiry'), verified: true, closed: false })}>${L('查实', 'Verify')}</button>`}
          ${c.closedAt ? nothing : html`<button @click=${() => void this._post(`/api/admin/scoring/complaints/${c.id}/follow-ups`, { note: L('已答复，办结', 'Answered and closed'), verified: null, closed: true })}>${L('办结', 'Close')}</button>`}
          ${this._voidButton(c.id)}
        </td></tr>`)}</tbody></table>
      <h2>${L('奖惩记录', 'Entries')}</h2>
      <table id="entries"><thead><tr><th>${L('日期', 'Date')}</th><th>${L('对象', 'About')}</th><th>${L('项目', 'Item')}</th><th class="num">${L('次数', 'Count')}</th><th>${L('说明', 'Note')}</th><th>${L('录入', 'Entered')}</th><th class="noprint"></th></tr></thead>
      <tbody>${r.entries.length ? nothing : this._none(7)}${r.entries.map((x) => html`<tr data-entry=${x.id}><td>${x.date}</td><td data-col="about">${this._about(x.staffId, x.windowId)}</td><td>${itemLabel(this._rubric, x.item)}</td><td class="num">${x.count}</td><td>${x.note}</td>
        <td>${staffLabel(this._people, x.enteredBy)} ${x.enteredAt.slice(0, 16).replace('T', ' ')}</td><td class="noprint">${this._voidButton(x.id)}</td></tr>`)}</tbody></table>
      ${r.voided.length ? html`<h3>${L('已作废（保留备查）', 'Voided (kept on record)')}</h3><ul>${r.voided.map((v) => html`<li>${v.ref}：${v.reason}（${staffLabel(this._people, v.by)} ${v.at.slice(0, 16).replace('T', ' ')}）</li>`)}</ul>` : nothing}`;
  }

  private _about(staffId: string | null, windowId: string | null) {
    return [staffLabel(this._people, staffId), windowLabel(this._people, windowId)].filter(Boolean).join(' · ') || '—';
  }

  private _none(cols: number) {
    return html`<tr class="empty"><td colspan=${cols} class="muted">${L('暂无', 'None')}</td></tr>`;
  }

  /** The row's own little form for a note or a reason, in place of a browser prompt box. */
  private _ask(id: string, kind: 'follow' | 'void', label: string, send: (text: string) => Promise<void>) {
    if (this._asking?.id !== id || this._asking.kind !== kind) return nothing;
    return html`<form class="ask" data-ask=${kind} @submit=${(e: Event) => {
      e.preventDefault();
      const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
      if (text) void send(text);
    }}><input name="text" required placeholder=${label} aria-label=${label} />
      <button class="primary" type="submit">${L('确定', 'OK')}</button>
      <button type="button" @click=${() => (this._asking = null)}>${L('取消', 'Cancel')}</button></form>`;
  }

  private _voidButton(id: string) {
    return html`${this._ask(id, 'void', L('作废原因（记录保留）', 'Reason to void (the record is kept)'), (reason) => this._post(`/api/admin/scoring/records/${id}/void`, { reason }))}
      <button data-act="void" @click=${() => (this._asking = { id, kind: 'void' })}>${L('作废', 'Void')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'manual-entries': ManualEntries;
  }
}
