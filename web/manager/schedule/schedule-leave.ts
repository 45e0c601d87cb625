import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Being built: the tab shows what it will hold. */
@customElement('schedule-leave')
export class ScheduleLeave extends LitElement {
  render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'schedule-leave': ScheduleLeave;
  }
}
