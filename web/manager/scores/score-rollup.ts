import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Being built: the tab shows what it will hold. */
@customElement('score-rollup')
export class ScoreRollup extends LitElement {
  render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'score-rollup': ScoreRollup;
  }
}
