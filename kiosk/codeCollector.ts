/**
 * A barcode/QR scanner at a kiosk is a keyboard that types fast: the booking's code, then Enter.
 * This collects digits typed in a burst and hands over a 6-digit code on Enter. A pause longer than
 * `gapMs` between keys starts over, so stray taps on a keyboard never add up to a code.
 */
export class CodeCollector {
  private digits = '';
  /** A burst that held anything but digits is not a code, whatever digits end it. */
  private tainted = false;
  private last = -Infinity;

  constructor(private readonly gapMs = 800) {}

  /** Feeds one key (`KeyboardEvent.key`) typed at `now` ms; returns a code when Enter ends one. */
  key(key: string, now: number): string | null {
    if (now - this.last > this.gapMs) {
      this.digits = '';
      this.tainted = false;
    }
    this.last = now;
    if (/^[0-9]$/.test(key)) {
      this.digits = (this.digits + key).slice(-12);
      return null;
    }
    if (key === 'Enter') {
      const code = !this.tainted && /^\d{6}$/.test(this.digits) ? this.digits : null;
      this.digits = '';
      this.tainted = false;
      return code;
    }
    // Anything else (letters, a full URL from another QR) is not a booking code.
    if (key !== 'Shift') this.tainted = true;
    return null;
  }
}

/** The error code a check-in refusal is shown under: an unknown code is 404 whatever the hub calls it. */
export function checkInProblem(status: number, code: string): 'TOO_EARLY' | 'TOO_LATE' | 'ALREADY_CHECKED_IN' | 'UNKNOWN_CODE' | null {
  if (code === 'TOO_EARLY' || code === 'TOO_LATE' || code === 'ALREADY_CHECKED_IN') return code;
  if (status === 404) return 'UNKNOWN_CODE';
  return null;
}
