import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../ui/api.ts';
import { clockTime } from '../../ui/i18n.ts';
import { handleAuth } from '../download.ts';
import { managerStyles } from '../shared-styles.ts';
import { L } from '../text.ts';

interface DeviceRow { id: string; kind: 'kiosk' | 'pad'; name: string; windowId: string | null; status: string; pairedAt: string | null; createdAt: string }
interface Issuer { address: string; deviceId: string | null; staffId: string | null; tickets: number; waiting: number; first: string; last: string }
interface WindowRow { id: string; number: number; name: string }

/**
 * Devices and security: pair kiosks and each window's pad (a one-time code, shown as the link to
 * open on the device), revoke a lost one; today's tickets by who issued them, with one action
 * that voids a flood's waiting tickets for a reason; sign a staffer out of every device.
 */
@customElement('device-admin')
export class DeviceAdmin extends LitElement {
  static styles = [managerStyles, css`code.link { user-select: all; word-break: break-all; background: #f4f6f8; padding: 2px 6px; border-radius: 4px; }`];
  @state() private _devices: DeviceRow[] = [];
  @state() private _issuers: Issuer[] = [];
  @state() private _windows: WindowRow[] = [];
  @state() private _made: { name: string; link: string; code: string } | null = null;
  @state() private _note = '';

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    void this._refresh();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  private async _refresh() {
    try {
      [this._devices, this._windows, { issuers: this._issuers }] = await Promise.all([
        api<DeviceRow[]>('GET', '/api/devices'),
        api<WindowRow[]>('GET', '/api/windows', undefined, { token: null }),
        api<{ issuers: Issuer[] }>('GET', '/api/tickets/issuers'),
      ]);
    } catch (e) {
      this._note = handleAuth(e);
    }
  }

  private _link(kind: 'kiosk' | 'pad', windowId: string | null, code: string): string {
    const w = this._windows.find((x) => x.id === windowId);
    return kind === 'pad' ? `${location.origin}/rate/${w?.number ?? 1}?pair=${code}` : `${location.origin}/kiosk?pair=${code}`;
  }

  private async _create(ev: Event) {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const kind = f.get('kind') === 'pad' ? 'pad' : 'kiosk';
    const windowId = kind === 'pad' ? String(f.get('windowId') ?? '') : undefined;
    try {
      const r = await api<{ id: string; pairingCode: string }>('POST', '/api/devices', { kind, name: String(f.get('name') ?? ''), ...(windowId ? { windowId } : {}) });
      this._made = { name: String(f.get('name') || kind), code: r.pairingCode, link: this._link(kind, windowId ?? null, r.pairingCode) };
      this._note = '';
      await this._refresh();
    } catch (e) {
      this._note = handleAuth(e);
    }
  }

  private async _act(fn: () => Promise<unknown>) {
    try {
      await fn();
      this._note = '';
      await this._refresh();
    } catch (e) {
      this._note = handleAuth(e);
    }
  }

  private _renew(d: DeviceRow) {
    return this._act(async () => {
      const r = await api<{ pairingCode: string }>('POST', `/api/devices/${encodeURIComponent(d.id)}/pairing-code`, {});
      this._made = { name: d.name, code: r.pairingCode, link: this._link(d.kind, d.windowId, r.pairingCode) };
    });
  }

  private _void(i: Issuer) {
    const reason = prompt(L(`作废 ${i.address} 取的 ${i.waiting} 个等候号，原因：`, `Void the ${i.waiting} waiting tickets from ${i.address}; reason:`));
    if (!reason?.trim()) return;
    const issuedBy = i.deviceId ? { deviceId: i.deviceId } : { address: i.address };
    return this._act(() => api('POST', '/api/tickets/void', { issuedBy, reason }));
  }

  private _signOut(ev: Event) {
    ev.preventDefault();
    const id = String(new FormData(ev.target as HTMLFormElement).get('staffId') ?? '').trim();
    if (id) void this._act(() => api('POST', `/api/staff/${encodeURIComponent(id)}/sign-out-everywhere`, {}));
  }

  render() {
    const status = (s: string) => ({ paired: L('已配对', 'paired'), revoked: L('已停用', 'revoked'), 'awaiting-pairing': L('待配对', 'awaiting pairing'), 'code-expired': L('配对码已过期', 'code expired') })[s] ?? s;
    return html`
      ${this._note ? html`<p class="error">${this._note}</p>` : nothing}
      <h2>${L('取号机与评价器', 'Kiosks and pads')}</h2>
      <form class="inline" @submit=${(e: Event) => this._create(e)}>
        <label>${L('类型', 'Kind')}<select name="kind"><option value="pad">${L('评价器', 'Pad')}</option><option value="kiosk">${L('取号机', 'Kiosk')}</option></select></label>
        <label>${L('窗口（评价器）', 'Window (pad)')}<select name="windowId">${this._windows.map((w) => html`<option value=${w.id}>${w.number} ${w.name}</option>`)}</select></label>
        <label>${L('名称', 'Name')}<input name="name" maxlength="60" /></label>
        <button class="primary" data-testid="make-code">${L('生成配对码', 'Make a pairing code')}</button>
      </form>
      ${this._made ? html`<div class="card" data-testid="pairing-code">${L(`在设备上打开（15 分钟内有效，仅一次）：`, 'Open on the device (valid 15 minutes, once):')}
        <b>${this._made.code}</b><br /><code class="link">${this._made.link}</code></div>` : nothing}
      <table>
        <tr><th>${L('设备', 'Device')}</th><th>${L('窗口', 'Window')}</th><th>${L('状态', 'Status')}</th><th>${L('配对时间', 'Paired')}</th><th></th></tr>
        ${this._devices.map((d) => html`<tr data-device=${d.id}><td>${d.name} <span class="muted">${d.id}</span></td><td>${d.windowId ?? ''}</td>
          <td><span class="tag">${status(d.status)}</span></td><td>${d.pairedAt ? clockTime(d.pairedAt) : ''}</td>
          <td>${d.status === 'revoked' ? nothing : html`<button @click=${() => this._renew(d)}>${L('新配对码', 'New code')}</button>
            <button @click=${() => this._act(() => api('DELETE', `/api/devices/${encodeURIComponent(d.id)}`))}>${L('停用', 'Revoke')}</button>`}</td></tr>`)}
      </table>
      <h2>${L('今日取号来源', "Today's tickets by issuer")}</h2>
      <table>
        <tr><th>${L('地址', 'Address')}</th><th>${L('设备 / 工号', 'Device / staff')}</th><th class="num">${L('取号', 'Tickets')}</th><th class="num">${L('等候中', 'Waiting')}</th><th>${L('时间', 'Time')}</th><th></th></tr>
        ${this._issuers.map((i) => html`<tr><td>${i.address}</td><td>${i.deviceId ?? i.staffId ?? L('未配对', 'unpaired')}</td><td class="num">${i.tickets}</td><td class="num">${i.waiting}</td>
          <td>${clockTime(i.first)}–${clockTime(i.last)}</td><td>${i.waiting ? html`<button @click=${() => this._void(i)}>${L('作废等候号', 'Void waiting')}</button>` : nothing}</td></tr>`)}
      </table>
      <h2>${L('让员工在所有设备上退出', 'Sign a staffer out everywhere')}</h2>
      <form class="inline" @submit=${(e: Event) => this._signOut(e)}>
        <label>${L('工号', 'Staff number')}<input name="staffId" maxlength="32" /></label>
        <button>${L('全部退出', 'Sign out everywhere')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'device-admin': DeviceAdmin;
  }
}
