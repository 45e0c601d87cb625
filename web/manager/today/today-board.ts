import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Being built: the tab shows what it will hold. */
@customElement('today-board')
export class TodayBoard extends LitElement {
  render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'today-board': TodayBoard;
  }
}
