import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { getLang, setLang, t } from './i18n.ts';

/** 中文 / English toggle; pages re-render on the `lang-changed` event it causes. */
@customElement('lang-switch')
export class LangSwitch extends LitElement {
  static styles = css`
    button { font: inherit; font-size: 0.9em; padding: 0.3em 0.9em; border-radius: 999px; cursor: pointer;
      border: 1px solid rgba(255, 255, 255, 0.6); background: transparent; color: inherit; }
  `;

  private readonly _onLang = () => this.requestUpdate();

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._onLang);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('lang-changed', this._onLang);
  }

  render() {
    return html`<button @click=${() => setLang(getLang() === 'zh' ? 'en' : 'zh')}>${t('switchLang')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lang-switch': LangSwitch;
  }
}
