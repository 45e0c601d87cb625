import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { localName, t, type StringKey } from '../ui/i18n.ts';
import { bookingDays, checkPhone, localParts } from './bookingRules.ts';
import './slot-picker.ts';
import { DEFAULT_RULES, type BookableService, type Booking, type Slot } from './types.ts';

/**
 * 电话预约: staff book for a caller with their own token (no per-address limit). The code is read
 * out to the caller; the hub keeps the phone number, masked for staff when listed.
 */
@customElement('phone-booking')
export class PhoneBooking extends HallElement {
  static styles = css`
    :host { display: block; }
    h2 { font-size: 18px; margin: 0 0 10px; }
    h3 { font-size: 16px; margin: 12px 0 8px; color: #3d4f66; }
    .chips { display: flex; flex-wrap: wrap; gap: 8px; }
    .chip { min-height: 48px; padding: 4px 14px; border-radius: 12px; border: 1px solid #9fb3cc; background: #fff; font: inherit; font-weight: 700; cursor: pointer; color: #0b2545; }
    .chip[aria-pressed='true'] { background: #1f6feb; border-color: #1f6feb; color: #fff; }
    slot-picker { --slot-cols: 3; }
    form { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-top: 12px; }
    label { display: flex; flex-direction: column; gap: 6px; font-weight: 700; }
    input { font: inherit; font-size: 18px; min-height: 48px; padding: 6px 12px; border: 1px solid #9fb3cc; border-radius: 10px; box-sizing: border-box; width: 100%; }
    .wide { grid-column: 1 / -1; }
    button.go { min-height: 52px; border: 0; border-radius: 12px; background: #1f6feb; color: #fff; font: inherit; font-weight: 700; cursor: pointer; }
    button[disabled] { opacity: 0.4; }
    .error { background: #fdecea; color: #c0392b; border-left: 5px solid #c0392b; padding: 10px 12px; border-radius: 8px; font-weight: 700; }
    .ok { background: #e8f8ef; color: #1e8449; border-left: 5px solid #1e8449; padding: 10px 12px; border-radius: 8px; font-weight: 700; font-size: 20px; }
    .field-error { color: #c0392b; font-size: 14px; }
  `;

  @property({ attribute: false }) services: BookableService[] = [];
  @property() today = '';
  @state() private _serviceId: string | null = null;
  @state() private _slot: Slot | null = null;
  @state() private _phone = '';
  @state() private _name = '';
  @state() private _problem: StringKey | null = null;
  @state() private _error: string | null = null;
  @state() private _done: string | null = null;
  @state() private _busy = false;

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this._serviceId || !this._slot || this._busy) return;
    const c = checkPhone(this._phone);
    if (!c.ok) return void (this._problem = c.problem);
    this._busy = true;
    this._error = null;
    try {
      const b = await api<Booking>('POST', '/api/appointments', {
        serviceId: this._serviceId, start: this._slot.start, phone: c.phone, ...(this._name.trim() ? { name: this._name.trim() } : {}),
      });
      const p = localParts(b.start);
      this._done = t('lobbyBooked', { code: b.code, d: p.day, s: p.time });
      this._slot = null;
      this._phone = '';
      this._name = '';
      void this.renderRoot.querySelector('slot-picker')?.reload();
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : String(err);
      if (err instanceof ApiError && err.code === 'SLOT_FULL') void this.renderRoot.querySelector('slot-picker')?.reload();
    } finally {
      this._busy = false;
    }
  }

  render() {
    const bookable = this.services.filter((s) => s.appointments);
    const s = bookable.find((x) => x.id === this._serviceId);
    return html`
      <h2>${t('lobbyBookFor')}</h2>
      ${this._done ? html`<div class="ok" role="status" data-testid="phone-booked">${this._done}</div>` : nothing}
      <div class="chips">
        ${bookable.map((x) => html`<button class="chip" data-service=${x.id} aria-pressed=${this._serviceId === x.id}
          @click=${() => ((this._serviceId = x.id), (this._slot = null), (this._done = null))}>${x.prefix} · ${localName(x)}</button>`)}
      </div>
      ${s ? html`<slot-picker .serviceId=${s.id} .days=${bookingDays(this.today, s.appointments ?? DEFAULT_RULES)} .today=${this.today}
          .chosen=${this._slot?.start ?? null} @pick=${(e: CustomEvent<Slot>) => ((this._slot = e.detail), (this._error = null))}></slot-picker>` : nothing}
      ${s && this._slot ? html`<form @submit=${this.submit} novalidate>
          <label>${t('bookPhone')}<input name="phone" type="tel" inputmode="tel" maxlength="20" .value=${this._phone}
            @input=${(e: InputEvent) => ((this._phone = (e.target as HTMLInputElement).value), (this._problem = null))} />
            ${this._problem ? html`<span class="field-error" role="alert">${t(this._problem)}</span>` : nothing}</label>
          <label>${t('bookName')}<input name="name" maxlength="20" .value=${this._name}
            @input=${(e: InputEvent) => (this._name = (e.target as HTMLInputElement).value)} /></label>
          ${this._error ? html`<div class="error wide" role="alert">${this._error}</div>` : nothing}
          <button class="go wide" type="submit" ?disabled=${this._busy}>${t('bookSubmit')} · ${localParts(this._slot.start).day.slice(5)} ${localParts(this._slot.start).time}</button>
        </form>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-booking': PhoneBooking;
  }
}
