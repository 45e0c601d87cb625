import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { io, type Socket } from 'socket.io-client';
import { getLang, setLang } from '../../ui/i18n.ts';
import './hall-board.ts';
import { capi, saveSession, storedUser, centralToken, type CentralUser, type HallRow } from './session.ts';
import { tr, type TextKey } from './text.ts';

type Tab = 'board' | 'waits' | 'rankings';
const TABS: { id: Tab; label: TextKey }[] = [
  { id: 'board', label: 'tabBoard' },
  { id: 'waits', label: 'tabWaits' },
  { id: 'rankings', label: 'tabRankings' },
];

/**
 * The centre's shell: log in with user and PIN, then the board of every hall the user may see
 * (rows pushed live on the /central namespace), a hall's drill-down (#hall/H01), the cross-hall
 * wait report and the rankings (their modules loaded when first opened).
 */
@customElement('central-app')
export class CentralApp extends LitElement {
  @state() private _user: CentralUser | null = storedUser();
  @state() private _route = location.hash.slice(1) || 'board';
  @state() private _rows = new Map<string, HallRow>();
  @state() private _connected = false;
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _loaded = new Set<string>();
  private _socket: Socket | null = null;

  static styles = css`
    :host { display: block; min-height: 100vh; }
    header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #7a1f1f; color: #fff; }
    header h1 { font-size: 20px; margin: 0; flex: 1; }
    header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 6px; padding: 6px 12px; font: inherit; cursor: pointer; }
    .conn { font-size: 14px; padding: 2px 10px; border-radius: 999px; background: #2e7d32; }
    .conn.off { background: #b26a00; }
    nav { display: flex; gap: 4px; padding: 0 16px; background: #fff; border-bottom: 1px solid #d5dbe3; }
    nav button { border: 0; background: none; padding: 12px 16px; font: inherit; font-size: 16px; cursor: pointer; border-bottom: 3px solid transparent; }
    nav button[aria-selected='true'] { border-bottom-color: #7a1f1f; color: #7a1f1f; font-weight: 600; }
    main { padding: 16px 20px; }
    form { max-width: 360px; margin: 12vh auto; background: #fff; padding: 28px; border-radius: 12px; box-shadow: 0 2px 12px #0002; display: grid; gap: 14px; }
    form h1 { margin: 0 0 8px; font-size: 22px; }
    label { display: grid; gap: 6px; font-size: 15px; }
    input { font: inherit; font-size: 18px; padding: 10px; border: 1px solid #b8c2cc; border-radius: 6px; }
    form button { font: inherit; font-size: 18px; padding: 12px; border: 0; border-radius: 6px; background: #7a1f1f; color: #fff; cursor: pointer; }
    .lang { justify-self: end; background: none; border: 1px solid #b8c2cc; color: #1d2733; font-size: 14px; padding: 4px 10px; }
    .error { color: #b00020; min-height: 1.2em; }
    @media print { header, nav { display: none; } main { padding: 0; } }
  `;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    window.addEventListener('hashchange', this._onHash);
    window.addEventListener('central-unauthorized', this._logout);
    if (this._user) this._connect();
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    window.removeEventListener('hashchange', this._onHash);
    window.removeEventListener('central-unauthorized', this._logout);
    this._socket?.close();
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();
  private _onHash = () => (this._route = location.hash.slice(1) || 'board');

  /** Rows come whole on connect (`central:halls`) and one by one as halls change (`central:hall`). */
  private _connect() {
    this._socket?.close();
    const s = io('/central', { auth: { token: centralToken() }, transports: ['websocket', 'polling'] });
    this._socket = s;
    s.on('connect', () => (this._connected = true));
    s.on('disconnect', () => (this._connected = false));
    s.on('connect_error', (e: Error) => {
      this._connected = false;
      if (e.message === 'UNAUTHORIZED') this._logout();
    });
    s.on('central:halls', (rows: HallRow[]) => (this._rows = new Map(rows.map((r) => [r.hallId, r]))));
    s.on('central:hall', (row: HallRow) => {
      const next = new Map(this._rows);
      next.set(row.hallId, row);
      this._rows = next;
    });
  }

  private _logout = () => {
    this._socket?.close();
    this._socket = null;
    saveSession(null, null);
    this._user = null;
    this._rows = new Map();
  };

  private async _login(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._busy = true;
    this._error = '';
    try {
      const r = await capi<{ token: string; user: CentralUser }>('POST', '/api/central/auth/login', { userId: String(data.get('userId')).trim(), pin: String(data.get('pin')) }, { token: null });
      saveSession(r.token, r.user);
      this._user = r.user;
      this._connect();
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }

  private _go(route: string) {
    location.hash = route;
    this._route = route;
  }

  render() {
    const en = getLang() === 'en';
    const langButton = html`<button type="button" class="lang" @click=${() => setLang(en ? 'zh' : 'en')}>${en ? '中文' : 'English'}</button>`;
    if (!this._user) {
      return html`<form @submit=${this._login}>
        ${langButton}
        <h1>${tr('appTitle')}</h1>
        <label>${tr('userId')}<input name="userId" autocomplete="username" required /></label>
        <label>${tr('pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="current-password" required /></label>
        <div class="error" role="alert">${this._error}</div>
        <button ?disabled=${this._busy}>${tr('login')}</button>
      </form>`;
    }
    const tab = this._route.startsWith('hall/') ? 'board' : this._route;
    return html`
      <header>
        <h1>${tr('appTitle')}</h1>
        <span class="conn ${this._connected ? '' : 'off'}" data-live=${this._connected ? 'on' : 'off'}>${this._connected ? tr('live') : tr('reconnecting')}</span>
        <span>${this._user.name}（${this._user.id}）</span>
        <button @click=${() => setLang(en ? 'zh' : 'en')}>${en ? '中文' : 'English'}</button>
        <button @click=${this._logout}>${tr('logout')}</button>
      </header>
      <nav role="tablist">
        ${TABS.map((t) => html`<button role="tab" data-tab=${t.id} aria-selected=${t.id === tab} @click=${() => this._go(t.id)}>${tr(t.label)}</button>`)}
      </nav>
      <main>${this._content()}</main>
    `;
  }

  /** The latest business day any hall reports: the reports' default end (halls may run on a test clock). */
  private _lastDay(): string | undefined {
    return [...this._rows.values()].map((r) => r.businessDay).filter((d): d is string => !!d).sort().at(-1);
  }

  private _content() {
    const rows = [...this._rows.values()].sort((a, b) => a.hallId.localeCompare(b.hallId));
    if (this._route.startsWith('hall/')) {
      const id = decodeURIComponent(this._route.slice(5));
      this._ensure('detail', () => import('./hall-detail.ts'));
      return html`<hall-detail .hallId=${id} .row=${this._rows.get(id) ?? null} @back=${() => this._go('board')}></hall-detail>`;
    }
    if (this._route === 'waits') {
      this._ensure('waits', () => import('./network-waits.ts'));
      return html`<network-waits .halls=${rows} .lastDay=${this._lastDay()}></network-waits>`;
    }
    if (this._route === 'rankings') {
      this._ensure('rankings', () => import('./hall-rankings.ts'));
      return html`<hall-rankings .halls=${rows} .lastDay=${this._lastDay()}></hall-rankings>`;
    }
    return html`<hall-board .rows=${rows} @open-hall=${(e: CustomEvent<string>) => this._go(`hall/${encodeURIComponent(e.detail)}`)}></hall-board>`;
  }

  private _ensure(name: string, load: () => Promise<unknown>) {
    if (this._loaded.has(name)) return;
    void load().then(() => (this._loaded = new Set([...this._loaded, name])));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'central-app': CentralApp;
  }
}
