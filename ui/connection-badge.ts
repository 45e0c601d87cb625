import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConnStatus, HallConnection } from './hallConnection.ts';
import { t } from './i18n.ts';

/** A small pill in a corner of every page: green online, amber connecting, red offline. */
@customElement('connection-badge')
export class ConnectionBadge extends LitElement {
  static styles = css`
    :host { display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.9rem; padding: 0.25em 0.8em;
      border-radius: 999px; background: rgba(0, 0, 0, 0.35); color: #fff; white-space: nowrap; }
    .dot { width: 0.7em; height: 0.7em; border-radius: 50%; background: #f5a623; }
    :host([status='online']) .dot { background: #2ecc71; }
    :host([status='offline']) { background: #c0392b; }
    :host([status='offline']) .dot { background: #fff; animation: blink 1s infinite; }
    @keyframes blink { 50% { opacity: 0.2; } }
  `;

  @property({ attribute: false }) connection?: HallConnection;
  @property({ reflect: true }) status: ConnStatus = 'connecting';
  @state() private _lang = 0;
  private _off?: () => void;
  private readonly _onLang = () => this._lang++;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._onLang);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('lang-changed', this._onLang);
    this._off?.();
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('connection')) {
      this._off?.();
      if (this.connection) {
        this.status = this.connection.status;
        this._off = this.connection.onStatus((s) => (this.status = s));
      }
    }
  }

  render() {
    return html`<span class="dot"></span><span>${t(this.status)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-badge': ConnectionBadge;
  }
}
