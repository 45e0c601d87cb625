import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { HallElement } from '../ui/hall-element.ts';
import { localName, t, type StringKey } from '../ui/i18n.ts';
import { checkInWindow, localParts, weekday } from './bookingRules.ts';
import type { AppointmentRules, BookableService, Booking, HallForBooking } from './types.ts';

/**
 * The booking as the visitor keeps it: one screen, meant to be screenshotted. The code large, a QR
 * of the code (the kiosk's scanner types it), when, where, when to check in, what to bring.
 */
@customElement('booking-card')
export class BookingCard extends HallElement {
  static styles = css`
    :host { display: block; background: #fff; color: #0b2545; border-radius: 16px; padding: 16px 18px;
      box-shadow: 0 2px 12px rgba(11, 37, 69, 0.12); border-top: 8px solid #1f6feb; }
    .done { font-size: 18px; font-weight: 700; color: #1e8449; text-align: center; }
    .hall { text-align: center; font-size: 15px; color: #3d4f66; margin-top: 2px; }
    .row { display: flex; align-items: center; gap: 14px; margin: 12px 0 8px; }
    .code-box { flex: 1; text-align: center; }
    .label { font-size: 14px; color: #5b6b80; }
    .code { font-size: 44px; font-weight: 800; letter-spacing: 0.12em; color: #c0392b; font-variant-numeric: tabular-nums; line-height: 1.1; }
    img { width: 116px; height: 116px; image-rendering: pixelated; flex: none; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; margin: 8px 0; font-size: 16px; }
    dt { color: #5b6b80; }
    dd { margin: 0; font-weight: 700; }
    .arrive { background: #fff6cc; border-left: 5px solid #e6a800; padding: 8px 10px; border-radius: 8px; font-size: 15px; line-height: 1.5; }
    ul { margin: 6px 0 0; padding-left: 1.3em; font-size: 15px; line-height: 1.6; }
    .keep { margin-top: 10px; text-align: center; font-size: 13px; color: #5b6b80; }
  `;

  @property({ attribute: false }) booking?: Booking;
  @property({ attribute: false }) service?: BookableService;
  @property({ attribute: false }) hall?: HallForBooking;
  @property({ attribute: false }) rules?: AppointmentRules;
  @state() private _qr: string | null = null;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('booking') && this.booking) void this.makeQr(this.booking.code);
  }

  private async makeQr(code: string): Promise<void> {
    // Loaded only here: the page's first screens do not pay for the QR encoder.
    const QR = await import('qrcode');
    this._qr = await QR.toDataURL(code, { margin: 1, width: 232, errorCorrectionLevel: 'M' });
  }

  render() {
    const b = this.booking;
    if (!b) return nothing;
    const s = localParts(b.start);
    const e = localParts(b.end);
    const [, m, d] = s.day.split('-');
    const dayText = `${Number(m)}/${Number(d)} ${t(`weekday${weekday(s.day)}` as StringKey)}`;
    const win = this.rules ? checkInWindow(b.start, this.rules.earlyMin, this.rules.lateMin) : null;
    const materials = this.service?.materials ?? [];
    return html`
      <div class="done">✓ ${t('bookDone')}</div>
      <div class="hall">${this.hall?.name ?? ''}</div>
      <div class="row">
        <div class="code-box">
          <div class="label">${t('bookCode')}</div>
          <div class="code" data-testid="booking-code">${b.code}</div>
        </div>
        ${this._qr ? html`<img src=${this._qr} alt="QR ${b.code}" data-testid="booking-qr" />` : nothing}
      </div>
      <dl>
        <dt>${t('bookWhen')}</dt><dd data-testid="booking-when">${dayText} ${s.time}–${e.time}</dd>
        <dt>${t('bookService')}</dt><dd>${this.service ? localName(this.service) : b.serviceId}</dd>
        <dt>${t('bookWhere')}</dt><dd data-testid="booking-where">${this.hall?.address || this.hall?.name || ''}</dd>
      </dl>
      ${win ? html`<div class="arrive" data-testid="booking-arrive">${t('bookArrive', { from: win.from, to: win.to })}</div>` : nothing}
      ${materials.length ? html`<div class="label" style="margin-top:8px">${t('bookBring')}</div><ul>${materials.map((x) => html`<li>${x}</li>`)}</ul>` : nothing}
      <div class="keep">${t('bookKeep')}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-card': BookingCard;
  }
}
