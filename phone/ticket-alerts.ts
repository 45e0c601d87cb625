import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { t } from '../ui/i18n.ts';
import { dueAlert, loadGiven, saveGiven, type AlertKind } from './alerts.ts';

interface Seen {
  id: string;
  number: string;
  status: string;
  ahead: number;
  windowNumber?: number | null;
}

const storage = (): Storage | null => {
  try {
    return localStorage;
  } catch {
    return null;
  }
};

/** The short clip played for an alert (shipped with the pages, see ui/public/audio). */
export const ALERT_CLIP = '/audio/chime.ogg';

/**
 * The phone page's alerts: sound, vibration where the phone allows, the page title and a banner,
 * once each for "3 or fewer ahead" and "called" (alerts.ts decides). Phones play sound only after
 * a tap, so the page offers one tap to turn the sound on; the clip it unlocks is the one replayed.
 */
export class TicketAlerts implements ReactiveController {
  private given = new Set<AlertKind>();
  private givenFor = '';
  private audio: HTMLAudioElement | null = null;
  private soundOn = false;
  /** The alert shown in the banner (the latest one given on this page). */
  private shown: { kind: AlertKind; text: string } | null = null;
  private readonly baseTitle = document.title;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Called with every fresh read of the ticket. */
  seen(tk: Seen): void {
    if (this.givenFor !== tk.id) {
      this.given = loadGiven(storage(), tk.id);
      this.givenFor = tk.id;
    }
    const kind = dueAlert(tk, this.given);
    if (kind) {
      this.given.add(kind);
      if (kind === 'called') this.given.add('near');
      saveGiven(storage(), tk.id, this.given);
      this.shown = { kind, text: this.text(kind, tk) };
      this.ring();
    }
    this.setTitle(tk);
    this.host.requestUpdate();
  }

  private text(kind: AlertKind, tk: Seen): string {
    return kind === 'called' ? t('alertCalled', { w: tk.windowNumber ?? '' }) : t('alertNear', { n: tk.ahead });
  }

  /** The title says it while it holds (a tab in the background shows it); otherwise the page's own. */
  private setTitle(tk: Seen): void {
    const called = tk.status === 'called' && this.given.has('called');
    const near = tk.status === 'waiting' && this.given.has('near') && tk.ahead <= 3;
    document.title = called
      ? t('alertTitleCalled', { num: tk.number, w: tk.windowNumber ?? '' })
      : near ? t('alertTitleNear', { num: tk.number, n: tk.ahead }) : this.baseTitle;
  }

  private ring(): void {
    // Browsers allow vibration only once the visitor has touched the page (the sound button does);
    // asking before that only logs a refusal.
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    if (!activation || activation.hasBeenActive) {
      try {
        navigator.vibrate?.([400, 150, 400]);
      } catch {
        /* not allowed here */
      }
    }
    const a = this.audio ?? new Audio(ALERT_CLIP);
    this.audio = a;
    a.currentTime = 0;
    // Refused without an earlier tap on most phones: the banner and title still say it.
    void a.play().then(() => {
      this.soundOn = true;
      this.host.requestUpdate();
    }, () => undefined);
  }

  /** A tap: phones let a page play sound afterwards (the clip plays once, quietly, to show it works). */
  private enableSound = () => {
    const a = this.audio ?? new Audio(ALERT_CLIP);
    this.audio = a;
    a.volume = 0.4;
    void a.play().then(() => {
      this.soundOn = true;
      a.volume = 1;
      this.host.requestUpdate();
    }, () => undefined);
  };

  render(status: string) {
    const banner = this.shown && (this.shown.kind === 'called' ? status === 'called' || status === 'serving' : status === 'waiting')
      ? html`<div role="alert" data-testid="phone-alert" style="margin:0 0 14px;padding:12px 14px;border-radius:12px;background:#ffd600;font-size:20px;font-weight:800">
          ${this.shown.text}</div>`
      : nothing;
    const offer = status === 'waiting' && !this.soundOn
      ? html`<button data-action="alert-sound" @click=${this.enableSound}
          style="font:inherit;font-size:16px;min-height:44px;margin:0 0 14px;padding:0 14px;border-radius:999px;border:1px solid #1f6feb;background:#fff;color:#1f6feb">${t('alertSoundOn')}</button>`
      : status === 'waiting' ? html`<div style="margin:0 0 14px;color:#3d4f66;font-size:15px">${t('alertSoundReady')}</div>` : nothing;
    return html`${banner}${offer}`;
  }
}
