import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError, getToken, setToken } from '../ui/api.ts';
import { connectHall, type HallConnection } from '../ui/hallConnection.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t } from '../ui/i18n.ts';
import './lobby-board.ts';
import { lobbyStyles } from './styles.ts';

interface Me {
  staff: { id: string; name: string; role: string } | null;
}

/** Who may steer the lobby (contract v2, Roles): lobby staff, and managers who may do all they may. */
export const LOBBY_ROLES = ['lobby', 'manager'];

/** /lobby: staff login (as at the counter), then the lobby board for a lobby or manager login. */
@customElement('lobby-app')
export class LobbyApp extends HallElement {
  static styles = [lobbyStyles, css`
    :host { display: block; min-height: 100vh; background: #e9eef5; }
    header { display: flex; align-items: center; gap: 12px; height: 60px; padding: 0 16px; box-sizing: border-box; background: #0b2545; color: #fff; }
    h1 { flex: 1; margin: 0; font-size: 20px; }
    .ghost { background: transparent; border: 1px solid rgba(255, 255, 255, 0.6); color: #fff; border-radius: 999px; padding: 0.3em 0.9em; min-height: 40px; }
    .login { max-width: 420px; margin: 10vh auto; display: flex; flex-direction: column; gap: 14px; }
    .login input { font-size: 20px; }
  `];

  @state() private _me: Me | null = null;
  @state() private _conn: HallConnection | null = null;
  @state() private _error: string | null = null;
  @state() private _busy = false;

  connectedCallback(): void {
    super.connectedCallback();
    if (getToken()) void this.restore();
  }

  private async restore(): Promise<void> {
    try {
      this._me = await api<Me>('GET', '/api/auth/me');
      this.connect();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setToken(null);
      this._me = null;
    }
  }

  private connect(): void {
    this._conn?.close();
    this._conn = this.allowed() ? connectHall({ token: getToken() }) : null;
  }

  private allowed(): boolean {
    return !!this._me?.staff && LOBBY_ROLES.includes(this._me.staff.role);
  }

  private async login(e: Event): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this._busy = true;
    this._error = null;
    try {
      const r = await api<{ token: string; staff: Me['staff'] }>('POST', '/api/auth/login', {
        staffId: String(data.get('staffId') ?? '').trim(),
        pin: String(data.get('pin') ?? ''),
      }, { token: null });
      setToken(r.token);
      this._me = { staff: r.staff };
      this.connect();
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private logout = () => {
    setToken(null);
    this._conn?.close();
    this._conn = null;
    this._me = null;
  };

  render() {
    const staff = this._me?.staff;
    return html`
      <header>
        <h1>${t('lobbyTitle')}</h1>
        ${staff ? html`<span>${t('signedInAs', { name: staff.name, id: staff.id })}</span>` : nothing}
        ${this._conn ? html`<connection-badge .connection=${this._conn}></connection-badge>` : nothing}
        <lang-switch></lang-switch>
        ${staff ? html`<button class="ghost" @click=${this.logout}>${t('logout')}</button>` : nothing}
      </header>
      ${!staff
        ? this.renderLogin()
        : this._conn
          ? html`<lobby-board .connection=${this._conn}></lobby-board>`
          : html`<div class="card login"><div class="error" role="alert" data-testid="role-needed">${t('lobbyRoleNeeded')}</div></div>`}
    `;
  }

  private renderLogin() {
    return html`<form class="card login" @submit=${this.login}>
      <h2>${t('staffLogin')}</h2>
      <label>${t('staffId')}<input name="staffId" autocomplete="username" required /></label>
      <label>${t('pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="current-password" required /></label>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <button class="btn primary" type="submit" ?disabled=${this._busy}>${t('login')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lobby-app': LobbyApp;
  }
}
