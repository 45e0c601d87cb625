import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { clockTime } from '../../ui/i18n.ts';
import type { HallRow } from './session.ts';
import { duration, tr } from './text.ts';

/** How long the longest-waiting visitor has waited, by the hall's own clock at its last report. */
export function oldestWaitSec(r: HallRow): number | null {
  if (!r.oldestWaitingSince || !r.hallNow) return null;
  return Math.max(0, (Date.parse(r.hallNow) - Date.parse(r.oldestWaitingSince)) / 1000);
}

/**
 * The board: one row per hall the user may see, as the centre pushes it. A window standing empty
 * while visitors wait (uncovered now) is shown in red, the hall's whole row marked too.
 */
@customElement('hall-board')
export class HallBoard extends LitElement {
  @property({ attribute: false }) rows: HallRow[] = [];

  static styles = css`
    :host { display: block; }
    table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d5dbe3; font-size: 16px; }
    th, td { padding: 10px 12px; border-bottom: 1px solid #e3e7ed; text-align: left; }
    th { background: #eef1f5; font-weight: 600; font-size: 14px; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    tr.hall { cursor: pointer; }
    tr.hall:hover { background: #f7f9fb; }
    tr.alarm { background: #fdecec; }
    .on { color: #2e7d32; font-weight: 600; }
    .off { color: #8a8f98; }
    .red { color: #c62828; font-weight: 700; }
    .region { color: #5a6572; font-size: 14px; }
    .empty { padding: 24px; color: #5a6572; }
    a { color: #1f4e79; text-decoration: none; font-weight: 600; }
  `;

  render() {
    if (!this.rows.length) return html`<div class="empty">${tr('noHalls')}</div>`;
    return html`<table>
      <thead><tr>
        <th>${tr('hall')}</th><th>${tr('status')}</th><th>${tr('waiting')}</th><th>${tr('windowsOpen')}</th>
        <th>${tr('windowsPaused')}</th><th>${tr('uncovered')}</th><th>${tr('oldestWait')}</th><th>${tr('lastSeen')}</th>
      </tr></thead>
      <tbody>${this.rows.map((r) => this._row(r))}</tbody>
    </table>`;
  }

  private _row(r: HallRow) {
    const oldest = oldestWaitSec(r);
    return html`<tr class="hall ${r.uncoveredNow.length ? 'alarm' : ''}" data-hall=${r.hallId} @click=${() => this.dispatchEvent(new CustomEvent('open-hall', { detail: r.hallId, bubbles: true, composed: true }))}>
      <td><a href="#hall/${r.hallId}">${r.name}</a> <span class="region">${r.region} · ${r.hallId}</span></td>
      <td class=${r.online ? 'on' : 'off'} data-col="online">${r.online ? tr('online') : tr('offline')}</td>
      <td class="n" data-col="waiting">${r.waiting}</td>
      <td class="n" data-col="open">${r.windowsOpen}</td>
      <td class="n" data-col="paused">${r.windowsPaused}</td>
      <td data-col="uncovered" class=${r.uncoveredNow.length ? 'red' : ''}>${r.uncoveredNow.length ? r.uncoveredNow.join('、') : tr('none')}</td>
      <td data-col="oldest">${oldest === null ? '—' : html`${duration(oldest)} <span class="region">${tr('sinceAt', { t: clockTime(r.oldestWaitingSince) })}</span>`}</td>
      <td data-col="seen">${clockTime(r.lastSeenAt)}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-board': HallBoard;
  }
}
