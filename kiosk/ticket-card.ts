import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { HallElement } from '../ui/hall-element.ts';
import { clockTime, localName, t } from '../ui/i18n.ts';
import type { ServiceView, TicketView } from '../ui/types.ts';
import { appointmentMark } from './checkin-pad.ts';
import { windowsLine } from './availability.ts';


/**
 * The number just taken, on screen whatever the printer does: big number, queue position, time and
 * a QR code of the phone status page. Fires `done` after `seconds` (20 by default) or on tap.
 */
@customElement('ticket-card')
export class TicketCard extends HallElement {
  static styles = css`
    :host { display: flex; flex-direction: column; align-items: center; text-align: center; color: #0b2545;
      background: #fff; border-radius: 3vh; padding: 2.5vh 4vw; margin: 0 auto; width: min(90%, 900px); }
    /* Sized so the whole ticket, QR and button included, fits under a printer alert without scrolling. */
    .label { font-size: 2.8vh; color: #5b6b80; }
    .number { font-size: 10vh; font-weight: 800; line-height: 1.1; color: #c0392b; font-variant-numeric: tabular-nums; }
    .service { font-size: 3.6vh; font-weight: 600; }
    .priority { display: inline-block; margin-top: 1vh; padding: 0.3vh 1.5vw; border-radius: 999px; background: #27ae60; color: #fff; font-size: 2.6vh; }
    .ahead { font-size: 3.6vh; font-weight: 700; margin-top: 1vh; }
    .where { font-size: 3.4vh; font-weight: 700; margin-top: 0.8vh; padding: 0.6vh 2vw; border-radius: 1.2vh; background: #fff3bf; color: #0b2545; }
    dl { display: grid; grid-template-columns: auto auto; gap: 0.6vh 3vw; font-size: 2.8vh; margin: 1.2vh 0; }
    dt { color: #5b6b80; text-align: right; }
    dd { margin: 0; font-weight: 700; text-align: left; }
    img { width: 14vh; height: 14vh; image-rendering: pixelated; }
    .scan { font-size: 2.6vh; color: #5b6b80; }
    button { margin-top: 1.5vh; font: inherit; font-size: 3.4vh; padding: 1.2vh 6vw; border-radius: 2vh; border: 0;
      background: #0b2545; color: #fff; cursor: pointer; }
    .count { font-size: 2.4vh; color: #5b6b80; margin-top: 0.6vh; }
  `;

  @property({ attribute: false }) ticket?: TicketView;
  @property({ attribute: false }) service: ServiceView | null = null;
  @property() timezone = 'Asia/Shanghai';
  /** The hall's publicUrl: the address phones reach the hub by (the kiosk's own may be localhost). */
  @property({ attribute: false }) publicUrl: string | null = null;
  /** How long the ticket stays on screen before the kiosk is ready for the next visitor. */
  @property({ type: Number }) seconds = 20;
  @state() private _qr: string | null = null;
  @state() private _left = 20;
  private _timer?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    super.connectedCallback();
    this._left = this.seconds;
    this._timer = setInterval(() => {
      if (--this._left <= 0) this.finish();
    }, 1000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
  }

  protected willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('ticket') || changed.has('publicUrl')) && this.ticket) void this.makeQr(this.ticket);
  }

  /** The ticket's status page as a phone on the hall's network reaches it: the same address the paper prints. */
  qrUrl(tk: TicketView): string {
    const base = (this.publicUrl ?? location.origin).replace(/\/+$/, '');
    const key = (tk as TicketView & { key?: string }).key;
    return `${base}/t/${encodeURIComponent(tk.id)}${key ? `?k=${encodeURIComponent(key)}` : ''}`;
  }

  private async makeQr(tk: TicketView): Promise<void> {
    // Loaded only here: the kiosk's start screen does not pay for the QR encoder.
    const QR = await import('qrcode');
    const url = this.qrUrl(tk);
    this._qr = await QR.toDataURL(url, { margin: 1, width: 360, errorCorrectionLevel: 'M' });
    this.dataset.qrUrl = url;
  }

  private finish = () => {
    clearInterval(this._timer);
    this.dispatchEvent(new CustomEvent('done', { bubbles: true, composed: true }));
  };

  render() {
    const tk = this.ticket;
    if (!tk) return nothing;
    return html`
      <div class="label">${t('yourNumber')}</div>
      <div class="number" data-testid="ticket-number">${tk.number}</div>
      <div class="service">${this.service ? localName(this.service) : tk.serviceId}</div>
      ${tk.priority ? html`<span class="priority">${t('priority')}</span>` : nothing}
      ${appointmentMark(tk, this.timezone)}
      <div class="ahead" data-testid="ticket-ahead">${t('ahead', { n: tk.ahead })}</div>
      ${this.service && windowsLine(this.service) ? html`<div class="where" data-testid="ticket-windows">${windowsLine(this.service)}</div>` : nothing}
      <dl>
        <dt>${t('estimatedWait')}</dt><dd>${this.service?.openWindows === 0 ? t('noWindow') : t('estimateMin', { n: tk.estimatedWaitMin })}</dd>
        <dt>${t('issuedAt')}</dt><dd>${clockTime(tk.issuedAt, this.timezone)}</dd>
      </dl>
      ${this._qr ? html`<img src=${this._qr} alt="QR" data-testid="ticket-qr" />` : nothing}
      <div class="scan">${t('scanToFollow')}</div>
      <button @click=${this.finish}>${t('done')}</button>
      <div class="count">${t('returnsIn', { n: this._left })}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-card': TicketCard;
  }
}
