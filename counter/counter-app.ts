import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../ui/connection-badge.ts';
import '../ui/lang-switch.ts';
import { api, ApiError, getToken, newIdempotencyKey, setToken } from '../ui/api.ts';
import { connectHall, type HallConnection } from '../ui/hallConnection.ts';
import { debounce, HallElement } from '../ui/hall-element.ts';
import { t } from '../ui/i18n.ts';
import type { WindowView } from '../ui/types.ts';
import './counter-desk.ts';
import { counterStyles } from './styles.ts';
import { ct } from './text.ts';

interface Me {
  staff: { id: string; name: string; role: string } | null;
  windowId: string | null;
}

/** The counter terminal: log in, sign in to a window (post A or B), then the desk. */
@customElement('counter-app')
export class CounterApp extends HallElement {
  static styles = counterStyles;

  @state() private _me: Me | null = null;
  @state() private _windows: WindowView[] = [];
  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _conn: HallConnection | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    if (getToken()) void this.restore();
  }

  private async restore(): Promise<void> {
    try {
      this._me = await api<Me>('GET', '/api/auth/me');
      this.connect();
      await this.loadWindows();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setToken(null);
      this._me = null;
    }
  }

  private connect(): void {
    this._conn?.close();
    this._conn = connectHall({ token: getToken() });
    // The window list follows the hall (who holds which window) while it is on screen.
    const refresh = debounce(() => {
      if (this._me?.staff && !this._me.windowId) void this.loadWindows().catch(() => undefined);
    }, 200);
    this._conn.onEvent(refresh);
    this._conn.onSynced(refresh);
  }

  private async loadWindows(): Promise<void> {
    this._windows = await api<WindowView[]>('GET', '/api/windows');
  }

  private async login(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._busy = true;
    this._error = null;
    try {
      const r = await api<{ token: string; staff: Me['staff']; window: string | null }>('POST', '/api/auth/login', {
        staffId: String(data.get('staffId') ?? '').trim(),
        pin: String(data.get('pin') ?? ''),
      }, { token: null });
      setToken(r.token);
      this._me = { staff: r.staff, windowId: r.window };
      this.connect();
      await this.loadWindows();
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private async signIn(windowId: string, post: 'A' | 'B', handover = false): Promise<void> {
    this._busy = true;
    this._error = null;
    try {
      await api('POST', `/api/windows/${windowId}/sign-in`, { post, ...(handover ? { handover: true } : {}) }, { headers: { 'Idempotency-Key': newIdempotencyKey() } });
      this._me = { ...this._me!, windowId };
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
      await this.loadWindows().catch(() => undefined);
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

  private signedOut = () => {
    this._me = { ...this._me!, windowId: null };
    void this.loadWindows();
  };

  render() {
    return html`
      <header>
        <h1>${t('counterTitle')}</h1>
        ${this._me?.staff ? html`<span class="who">${t('signedInAs', { name: this._me.staff.name, id: this._me.staff.id })}</span>` : nothing}
        ${this._conn ? html`<connection-badge .connection=${this._conn}></connection-badge>` : nothing}
        <lang-switch></lang-switch>
        ${this._me ? html`<button class="ghost" @click=${this.logout}>${t('logout')}</button>` : nothing}
      </header>
      <main id="main">
        ${!this._me?.staff ? this.renderLogin() : this._me.windowId && this._conn
          ? html`<counter-desk .connection=${this._conn} .staffId=${this._me.staff.id} .windowId=${this._me.windowId}
              @signed-out=${this.signedOut}></counter-desk>`
          : this.renderWindows()}
      </main>
    `;
  }

  private renderLogin() {
    return html`<form class="card login" @submit=${this.login}>
      <h2>${t('staffLogin')}</h2>
      <label>${t('staffId')}<input name="staffId" autocomplete="username" required autofocus /></label>
      <label>${t('pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="current-password" required /></label>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <button class="primary" type="submit" ?disabled=${this._busy}>${t('login')}</button>
    </form>`;
  }

  private renderWindows() {
    const me = this._me?.staff?.id;
    return html`<section class="card">
      <h2>${t('signInWindow')}</h2>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      ${me && !this._windows.some((w) => w.postA === me || w.postB === me)
        ? html`<div class="wsub" data-testid="substitute-hint">${ct('substituteHint')}</div>` : nothing}
      <div class="window-list">
        ${this._windows.map((w) => html`<div class="window-choice ${w.staffId && w.staffId !== me ? 'taken' : ''}" data-window=${w.id}>
          <div class="wtitle">${t('window', { n: w.number })} · ${w.name}</div>
          <div class="wsub">${w.state === 'closed' ? t('closed') : w.state === 'paused' ? `${t('paused')} · ${w.staffName ?? ''}` : t('held', { name: w.staffName ?? '' })}</div>
          <div class="posts">${this.postButtons(w, me)}</div>
        </div>`)}
      </div>
    </section>`;
  }

  /**
   * What a staffer can do at a window: sign in to a free one; take over a paused one (cover); take
   * over from the counterpart post without the window going dark (接班, handover); nothing else.
   */
  private postButtons(w: WindowView, me: string | undefined) {
    const postLabel = (p: 'A' | 'B') => t(p === 'A' ? 'postA' : 'postB');
    // Whose post it is, by name: a substitute sees whom they stand in for before choosing.
    const holder = (p: 'A' | 'B') => {
      const id = p === 'A' ? w.postA : w.postB;
      const name = p === 'A' ? w.postAName : w.postBName;
      if (!id) return ct('postNobody', { post: postLabel(p) });
      return `${ct('postOf', { post: postLabel(p), name: name ?? id })}${id === me ? ct('youArePost') : ''}`;
    };
    const plain = (p: 'A' | 'B', label = holder(p)) => html`<button class="primary ${(p === 'A' ? w.postA : w.postB) === me ? 'mine' : ''}"
      data-post=${p} ?disabled=${this._busy} @click=${() => this.signIn(w.id, p)}>${label}</button>`;
    const heldByOther = w.state === 'open' && w.staffId && w.staffId !== me;
    if (!heldByOther) {
      if (w.state === 'paused' && w.staffId !== me) return [plain('A', t('takeOver', { post: holder('A') })), plain('B', t('takeOver', { post: holder('B') }))];
      return [plain('A'), plain('B')];
    }
    const mine = w.postA === me ? 'A' : w.postB === me ? 'B' : null;
    if (mine) {
      return html`<button class="primary handover" data-handover=${mine} ?disabled=${this._busy}
        @click=${() => this.signIn(w.id, mine, true)}>${t('handover', { post: postLabel(mine) })}</button>`;
    }
    return html`<span class="wsub">${t('heldByOther')}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-app': CounterApp;
  }
}
