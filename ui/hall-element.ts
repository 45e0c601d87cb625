import { LitElement } from 'lit';

/** Base of the pages' elements: re-renders when the language changes. */
export class HallElement extends LitElement {
  private readonly _onLangChanged = () => this.requestUpdate();

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lang-changed', this._onLangChanged);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('lang-changed', this._onLangChanged);
  }
}

/** Runs `fn` once after a burst of calls (many events in one sync become one re-fetch). */
export function debounce(fn: () => void, ms = 120): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
