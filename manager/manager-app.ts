import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api, getToken, setToken } from '../ui/api.ts';
import { getLang, setLang } from '../ui/i18n.ts';
import { tabs, type ManagerTab } from './tabs.ts';
import { tr } from './text.ts';

const WHO_KEY = 'hallhub.manager';

interface Who {
  id: string;
  name: string;
  role: string;
}

function storedWho(): Who | null {
  try {
    const raw = localStorage.getItem(WHO_KEY);
    return raw ? (JSON.parse(raw) as Who) : null;
  } catch {
    return null;
  }
}

/**
 * The manager app's shell: log in with staff number and PIN (managers only), then tabs. A tab's
 * module is imported when first opened; its element reads the token through the shared API helper.
 */
@customElement('manager-app')
export class ManagerApp extends LitElement {
  @state() private _who: Who | null = getToken() ? storedWho() : null;
  @state() private _tab: string = location.hash.slice(1) || tabs[0]!.id;
  @state() private _loaded = new Set<string>();
  @state() private _error = '';
  @state() private _busy = false;

  static styles = css`
    :host { display: block; min-height: 100vh; }
    header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1f4e79; color: #fff; }
    header h1 { font-size: 20px; margin: 0; flex: 1; }
    header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 6px; padding: 6px 12px; font: inherit; cursor: pointer; }
    nav { display: flex; gap: 4px; padding: 0 16px; background: #fff; border-bottom: 1px solid #d5dbe3; flex-wrap: wrap; }
    nav button { border: 0; background: none; padding: 12px 16px; font: inherit; font-size: 16px; cursor: pointer; border-bottom: 3px solid transparent; }
    nav button[aria-selected='true'] { border-bottom-color: #1f4e79; color: #1f4e79; font-weight: 600; }
    main { padding: 16px 20px; }
    form { max-width: 360px; margin: 12vh auto; background: #fff; padding: 28px; border-radius: 12px; box-shadow: 0 2px 12px #0002; display: grid; gap: 14px; }
    form h1 { margin: 0 0 8px; font-size: 22px; }
    label { display: grid; gap: 6px; font-size: 15px; }
    input { font: inherit; font-size: 18px; padding: 10px; border: 1px solid #b8c2cc; border-radius: 6px; }
    form button { font: inherit; font-size: 18px; padding: 12px; border: 0; border-radius: 6px; background: #1f4e79; color: #fff; cursor: pointer; }
    .error { color: #b00020; min-height: 1.2em; }
    @media print { header, nav { display: none; } main { padding: 0; } }
  `;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._rerender);
    window.addEventListener('manager-unauthorized', this._logout);
  }
  disconnectedCallback(): void {
    window.removeEventListener('lang-changed', this._rerender);
    window.removeEventListener('manager-unauthorized', this._logout);
    super.disconnectedCallback();
  }
  private _rerender = () => this.requestUpdate();

  render() {
    const en = getLang() === 'en';
    if (!this._who) return this._loginForm();
    return html`
      <header>
        <h1>${tr('appTitle')}</h1>
        <span>${this._who.name}（${this._who.id}）</span>
        <button @click=${() => setLang(en ? 'zh' : 'en')}>${en ? '中文' : 'English'}</button>
        <button @click=${this._logout}>${tr('logout')}</button>
      </header>
      <nav role="tablist">
        ${tabs.map((t) => html`<button role="tab" data-tab=${t.id} aria-selected=${t.id === this._tab} @click=${() => this._open(t)}>${en ? t.label.en : t.label.zh}</button>`)}
      </nav>
      <main>${this._content()}</main>
    `;
  }

  private _content() {
    const tab = tabs.find((t) => t.id === this._tab) ?? tabs[0]!;
    if (!this._loaded.has(tab.id)) {
      void this._load(tab);
      return html`<p>${tr('loading')}</p>`;
    }
    const el = document.createElement(tab.tag);
    el.setAttribute('data-tab', tab.id);
    return el;
  }

  private async _load(tab: ManagerTab) {
    await tab.load();
    this._loaded = new Set([...this._loaded, tab.id]);
  }

  private _open(t: ManagerTab) {
    this._tab = t.id;
    history.replaceState(null, '', `#${t.id}`);
  }

  private _loginForm() {
    return html`
      <form @submit=${this._login}>
        <h1>${tr('appTitle')}</h1>
        <label>${tr('staffId')}<input name="staffId" autocomplete="username" required /></label>
        <label>${tr('pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="current-password" required /></label>
        <div class="error" role="alert">${this._error || nothing}</div>
        <button type="submit" ?disabled=${this._busy}>${tr('login')}</button>
        <button type="button" style="background:#eef2f6;color:#1f4e79" @click=${() => setLang(getLang() === 'en' ? 'zh' : 'en')}>${getLang() === 'en' ? '中文' : 'English'}</button>
      </form>
    `;
  }

  private async _login(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this._busy = true;
    this._error = '';
    try {
      const r = await api<{ token: string; staff: Who }>('POST', '/api/auth/login', { staffId: String(form.get('staffId')).trim(), pin: String(form.get('pin')) }, { token: null });
      if (r.staff.role !== 'manager') {
        this._error = tr('notManager');
        return;
      }
      setToken(r.token);
      localStorage.setItem(WHO_KEY, JSON.stringify(r.staff));
      this._who = r.staff;
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _logout = () => {
    setToken(null);
    localStorage.removeItem(WHO_KEY);
    this._who = null;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'manager-app': ManagerApp;
  }
}
