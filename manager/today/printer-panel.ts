import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../ui/api.ts';
import { clockTime, getLang } from '../../ui/i18n.ts';
import { handleAuth } from '../download.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';

interface PrinterRow {
  kioskId: string;
  name: string;
  printer: string | null;
  configured: boolean;
  ok: boolean;
  pendingJobs: number;
  heldJobs: number;
  paperLow: boolean;
  lastError: string | null;
  lastErrorEn: string | null;
  lastErrorDetail: string | null;
  lastPrintedAt: string | null;
}

/**
 * The kiosks' ticket printers on the today board: out of paper, cover open, switched off, in
 * words; tickets a fault held back, with the button that prints them (each marked 补打). Checked
 * every 10 s: the hub asks idle printers their status on its own.
 */
@customElement('printer-panel')
export class PrinterPanel extends LitElement {
  static styles = [managerStyles, css`
    tr.fault td { background: #fde8ea; }
    .tag.alert { background: #b00020; color: #fff; font-weight: 600; }
    .tag.warn { background: #f5a623; color: #1a1a1a; font-weight: 600; }
  `];
  @state() private _rows: PrinterRow[] = [];
  @state() private _note = '';
  private _tick: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    void this._refresh();
    this._tick = setInterval(() => void this._refresh(), 10_000);
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    clearInterval(this._tick);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  private async _refresh() {
    try {
      this._rows = await api<PrinterRow[]>('GET', '/api/admin/printers');
    } catch (e) {
      this._note = handleAuth(e);
    }
  }

  private async _printHeld(kioskId: string) {
    try {
      const r = await api<{ released: number }>('POST', `/api/admin/printers/${encodeURIComponent(kioskId)}/print-held`, {});
      this._note = L(`已交打印机补打 ${r.released} 张`, `${r.released} ticket(s) sent to the printer`);
      await this._refresh();
    } catch (e) {
      this._note = e instanceof ApiError ? e.message : String(e);
    }
  }

  render() {
    const rows = this._rows.filter((r) => r.configured);
    if (!rows.length) return nothing;
    const en = getLang() === 'en';
    return html`
      <h2>${L('取号机打印机', 'Kiosk printers')}</h2>
      ${this._note ? html`<p class="muted" role="status">${this._note}</p>` : nothing}
      <table id="today-printers">
        <thead><tr><th>${L('取号机', 'Kiosk')}</th><th>${L('状态', 'State')}</th><th class="num">${L('未打印', 'Not printed')}</th>
          <th>${L('最近出票', 'Last printed')}</th><th></th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-kiosk=${r.kioskId} class=${r.ok ? '' : 'fault'}>
          <td>${r.name}<br /><span class="muted">${r.printer}</span></td>
          <td>${r.ok
            ? r.paperLow ? html`<span class="tag warn">${L('纸快用完了', 'Paper low')}</span>` : html`<span class="tag open">${L('正常', 'Ready')}</span>`
            : html`<span class="tag alert">${(en ? r.lastErrorEn : r.lastError) ?? L('故障', 'Fault')}</span>`}
            ${!r.ok && r.lastErrorDetail ? html`<br /><span class="muted">${r.lastErrorDetail}</span>` : nothing}</td>
          <td class="num">${r.heldJobs}</td>
          <td>${r.lastPrintedAt ? clockTime(r.lastPrintedAt) : '—'}</td>
          <td>${r.heldJobs
            ? html`<button class="primary" data-action="print-held" ?disabled=${!r.ok} @click=${() => this._printHeld(r.kioskId)}>${L(`补打 ${r.heldJobs} 张`, `Print ${r.heldJobs} held`)}</button>`
            : nothing}</td>
        </tr>`)}</tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'printer-panel': PrinterPanel;
  }
}
