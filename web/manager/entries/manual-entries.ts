import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Being built: the tab shows what it will hold. */
@customElement('manual-entries')
export class ManualEntries extends LitElement {
  render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'manual-entries': ManualEntries;
  }
}
