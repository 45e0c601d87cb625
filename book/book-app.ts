import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../ui/lang-switch.ts';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { localName, t, type StringKey } from '../ui/i18n.ts';
import './booking-card.ts';
import { bookingDays, checkPhone, forgetBooking, keepBooking, keptBookings, localParts, normaliseCode, type KeptBooking } from './bookingRules.ts';
import './slot-picker.ts';
import { bookStyles } from './styles.ts';
import { DEFAULT_RULES, type BookableService, type Booking, type HallForBooking, type Slot } from './types.ts';

type Step = 'service' | 'slot' | 'done';

const store = (): Storage | null => {
  try {
    return localStorage;
  } catch {
    return null;
  }
};

/**
 * /book on the visitor's phone: pick a service (its materials shown), a day and a slot with what is
 * free, give a mobile number, and keep the card with the code. Bookings made on this phone are
 * listed and can be cancelled here; a code typed in finds the booking it was made for.
 */
@customElement('book-app')
export class BookApp extends HallElement {
  static styles = bookStyles;

  @state() private _hall: HallForBooking | null = null;
  @state() private _services: BookableService[] = [];
  @state() private _today = '';
  @state() private _step: Step = 'service';
  @state() private _service: BookableService | null = null;
  @state() private _slot: Slot | null = null;
  @state() private _phone = '';
  @state() private _name = '';
  @state() private _phoneProblem: StringKey | null = null;
  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _booking: Booking | null = null;
  @state() private _kept: KeptBooking[] = [];
  @state() private _cancelAsk: KeptBooking | null = null;
  @state() private _cancelCode = '';
  @state() private _notice: string | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [hall, services, health] = await Promise.all([
        api<HallForBooking>('GET', '/api/hall', undefined, { token: null }),
        api<BookableService[]>('GET', '/api/services', undefined, { token: null }),
        api<{ businessDay: string }>('GET', '/api/health', undefined, { token: null }),
      ]);
      this._hall = hall;
      this._services = services.filter((s) => s.appointments);
      this._today = health.businessDay;
      this._kept = keptBookings(store(), this._today);
      this._error = null;
    } catch (e) {
      this._error = e instanceof ApiError ? e.message : String(e);
    }
  }

  private choose(s: BookableService): void {
    this._service = s;
    this._slot = null;
    this._step = 'slot';
    this._error = null;
    this._notice = null;
  }

  private onPhoneInput(e: InputEvent): void {
    this._phone = (e.target as HTMLInputElement).value;
    // Said as soon as the number is long enough to judge, not on every keystroke before.
    const c = checkPhone(this._phone);
    this._phoneProblem = c.ok || this._phone.replace(/\D/g, '').length < 11 ? null : c.problem;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this._service || !this._slot || this._busy) return;
    const c = checkPhone(this._phone);
    if (!c.ok) return void (this._phoneProblem = c.problem);
    this._busy = true;
    this._error = null;
    try {
      const b = await api<Booking>('POST', '/api/appointments', {
        serviceId: this._service.id, start: this._slot.start, phone: c.phone, ...(this._name.trim() ? { name: this._name.trim() } : {}),
      }, { token: null });
      this._booking = b;
      keepBooking(store(), this._today, { id: b.id, code: b.code, serviceId: b.serviceId, start: b.start, end: b.end });
      this._kept = keptBookings(store(), this._today);
      this._step = 'done';
    } catch (err) {
      this._error = this.refusal(err);
      // A slot taken meanwhile: show what is free now.
      if (err instanceof ApiError && err.code === 'SLOT_FULL') {
        this._slot = null;
        void this.renderRoot.querySelector('slot-picker')?.reload();
      }
    } finally {
      this._busy = false;
    }
  }

  /** The hub's message, and until when a barred phone may book again when it says so. */
  private refusal(err: unknown): string {
    if (!(err instanceof ApiError)) return String(err);
    const until = typeof err.detail.until === 'string' ? err.detail.until : null;
    if (!until) return err.message;
    const p = localParts(until);
    const extra = t('bookBlockedUntil', { t: `${p.day} ${p.time}` });
    return err.message.includes(p.day) ? err.message : `${err.message} ${extra}`;
  }

  private async cancel(b: KeptBooking): Promise<void> {
    this._busy = true;
    this._error = null;
    try {
      await api('POST', `/api/appointments/${encodeURIComponent(b.id)}/cancel`, { code: b.code }, { token: null });
      forgetBooking(store(), this._today, b.id);
      this._kept = keptBookings(store(), this._today);
      this._cancelAsk = null;
      this._notice = t('bookCancelled');
      if (this._booking?.id === b.id) this.restart();
    } catch (err) {
      this._error = this.refusal(err);
    } finally {
      this._busy = false;
    }
  }

  private cancelByCode(e: Event): void {
    e.preventDefault();
    this._error = null;
    const code = normaliseCode(this._cancelCode);
    if (!code) return void (this._error = t('bookCodeBad'));
    const b = this._kept.find((x) => x.code === code);
    if (!b) return void (this._error = t('bookCodeNotHere'));
    this._cancelAsk = b;
  }

  private restart = () => {
    this._step = 'service';
    this._service = null;
    this._slot = null;
    this._booking = null;
    this._error = null;
    void this.load();
  };

  private serviceOf(id: string): BookableService | undefined {
    return this._services.find((s) => s.id === id);
  }

  private when(b: { start: string; end: string }): string {
    const s = localParts(b.start);
    return `${s.day.slice(5).replace('-', '/')} ${s.time}–${localParts(b.end).time}`;
  }

  render() {
    return html`
      <header>
        ${this._step !== 'service' && this._step !== 'done'
          ? html`<button class="back" @click=${() => ((this._step = 'service'), (this._error = null))} aria-label=${t('back')}>‹</button>`
          : nothing}
        <h1>${t('bookTitle')}<small>${this._hall?.name ?? ''}</small></h1>
        <lang-switch></lang-switch>
      </header>
      <main id="main">
        ${this._notice ? html`<div class="notice" role="status">${this._notice}</div>` : nothing}
        ${this._step === 'service' ? this.renderServices() : this._step === 'slot' ? this.renderSlot() : this.renderDone()}
        ${this._cancelAsk ? this.renderCancelAsk(this._cancelAsk) : nothing}
      </main>
    `;
  }

  private renderServices() {
    return html`
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      ${this._kept.length ? this.renderKept() : nothing}
      <h2>${t('bookPickService')}</h2>
      ${this._hall && !this._services.length ? html`<p class="muted">${t('bookNoService')}</p>` : nothing}
      <div class="services">
        ${this._services.map((s) => html`<button class="service" data-service=${s.id} @click=${() => this.choose(s)}>
          <span class="prefix">${s.prefix}</span>
          <span class="sname">${localName(s)}${s.guide ? html`<small>${s.guide}</small>` : nothing}</span>
          <span class="go">›</span></button>`)}
      </div>
      <form class="by-code" @submit=${this.cancelByCode}>
        <h3>${t('bookCancelWithCode')}</h3>
        <div class="inline">
          <input name="code" inputmode="numeric" maxlength="8" autocomplete="off" placeholder=${t('bookCodeInput')}
            .value=${this._cancelCode} @input=${(e: InputEvent) => (this._cancelCode = (e.target as HTMLInputElement).value)} />
          <button class="ghost-btn" type="submit">${t('bookCancel')}</button>
        </div>
      </form>
    `;
  }

  private renderKept() {
    return html`<section class="kept">
      <h3>${t('bookMine')}</h3>
      ${this._kept.map((b) => {
        const s = this.serviceOf(b.serviceId);
        return html`<div class="kept-row" data-booking=${b.id}>
          <div><b>${this.when(b)}</b> · ${s ? localName(s) : b.serviceId}<br /><span class="muted">${t('bookCode')} ${b.code}</span></div>
          <button class="ghost-btn" ?disabled=${this._busy} @click=${() => (this._cancelAsk = b)}>${t('bookCancel')}</button>
        </div>`;
      })}
    </section>`;
  }

  private renderSlot() {
    const s = this._service;
    if (!s) return nothing;
    const rules = s.appointments ?? DEFAULT_RULES;
    const phoneCheck = this._phoneProblem;
    return html`
      <section class="svc-head">
        <h2>${localName(s)}</h2>
        <div class="muted">${t('materials')}</div>
        ${s.materials?.length ? html`<ol class="materials">${s.materials.map((m) => html`<li>${m}</li>`)}</ol>` : html`<p class="muted">${t('noMaterials')}</p>`}
      </section>
      <slot-picker .serviceId=${s.id} .days=${bookingDays(this._today, rules)} .today=${this._today} .chosen=${this._slot?.start ?? null}
        @pick=${(e: CustomEvent<Slot>) => ((this._slot = e.detail), (this._error = null))}></slot-picker>
      ${this._slot
        ? html`<form class="who" @submit=${this.submit} novalidate>
            <div class="chosen" data-testid="chosen-slot">${this.when(this._slot)}</div>
            <label>${t('bookPhone')}
              <input name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" placeholder="13812345678"
                aria-invalid=${phoneCheck ? 'true' : 'false'} .value=${this._phone} @input=${this.onPhoneInput} />
              ${phoneCheck
                ? html`<span class="field-error" role="alert" data-testid="phone-problem">${t(phoneCheck)}</span>`
                : html`<span class="muted small">${t('bookPhoneHint')}</span>`}
            </label>
            <label>${t('bookName')}<input name="name" maxlength="20" autocomplete="name" .value=${this._name}
              @input=${(e: InputEvent) => (this._name = (e.target as HTMLInputElement).value)} /></label>
            ${this._error ? html`<div class="error" role="alert" data-testid="book-error">${this._error}</div>` : nothing}
            <button class="primary" type="submit" ?disabled=${this._busy}>${t('bookSubmit')}</button>
          </form>`
        : this._error ? html`<div class="error" role="alert" data-testid="book-error">${this._error}</div>` : nothing}
    `;
  }

  private renderDone() {
    const b = this._booking;
    if (!b) return nothing;
    const s = this.serviceOf(b.serviceId);
    return html`
      <booking-card .booking=${b} .service=${s} .hall=${this._hall ?? undefined} .rules=${s?.appointments ?? DEFAULT_RULES}></booking-card>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      <div class="after">
        <button class="ghost-btn" ?disabled=${this._busy} @click=${() => (this._cancelAsk = this._kept.find((k) => k.id === b.id) ?? { ...b })}>${t('bookCancel')}</button>
        <button class="primary" @click=${this.restart}>${t('bookNew')}</button>
      </div>
    `;
  }

  private renderCancelAsk(b: KeptBooking) {
    const p = localParts(b.start);
    return html`<div class="sheet" role="dialog" aria-modal="true">
      <div class="sheet-body">
        <p>${t('bookCancelAsk', { d: p.day.slice(5).replace('-', '/'), s: p.time })}</p>
        <button class="danger" data-action="confirm-cancel" ?disabled=${this._busy} @click=${() => this.cancel(b)}>${t('bookCancel')}</button>
        <button class="ghost-btn" @click=${() => (this._cancelAsk = null)}>${t('back')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'book-app': BookApp;
  }
}
