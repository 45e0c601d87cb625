import { callClips, callText, speechText } from './callSpeech.ts';
import { ClipPlayer, wait } from './clipPlayer.ts';

export interface Announcement {
  seq: number;
  number: string;
  windowNumber: number;
  text: string;
}
export interface Spoken extends Announcement {
  /** How the call was voiced: shipped clips, a system Chinese voice, or nothing (no audio). */
  via: 'clips' | 'speech';
  startedAt: number;
  endedAt: number | null;
  /** Times the call has been played so far (the display's repeat setting). */
  plays: number;
}

const STORE_KEY = 'hallhub.display.announced';

/**
 * The display's announcement queue: every call exactly once (by event seq), in order, each played
 * to its end before the next, repeated as configured, a chime before each. The last announced seq
 * is kept per business day so a reload or reconnect does not call anyone twice.
 */
export class Announcer {
  readonly queue: Announcement[] = [];
  readonly history: Spoken[] = [];
  private lastSeq = 0;
  private day: string | null = null;
  private busy = false;
  private readonly player = new ClipPlayer();

  constructor(readonly repeat = 1) {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null') as { day: string; seq: number } | null;
      if (saved) {
        this.day = saved.day;
        this.lastSeq = saved.seq;
      }
    } catch {
      /* nothing saved */
    }
    // After the first paint: starting the audio stack is slow on some PCs and the screen comes first.
    setTimeout(() => {
      this.player.preload(['chime', 'qing', 'hao', 'dao', 'chuangkou', 'banli', '0', '1']);
      void this.checkSound();
    }, 500);
  }

  /**
   * True while the browser blocks sound (autoplay policy): calls would be silent, so the screen
   * must say so. The first click or key press on the page unlocks it.
   */
  soundBlocked = false;
  private readonly soundListeners = new Set<(blocked: boolean) => void>();

  onSound(fn: (blocked: boolean) => void): () => void {
    this.soundListeners.add(fn);
    fn(this.soundBlocked);
    return () => void this.soundListeners.delete(fn);
  }

  private setBlocked(blocked: boolean): void {
    if (blocked === this.soundBlocked) return;
    this.soundBlocked = blocked;
    for (const fn of this.soundListeners) fn(blocked);
  }

  private async checkSound(): Promise<void> {
    const allowed = await this.player.soundAllowed();
    if (allowed !== false) return;
    this.setBlocked(true);
    const tryUnlock = async () => {
      if (await this.player.unlock()) {
        this.setBlocked(false);
        for (const k of ['pointerdown', 'keydown'] as const) window.removeEventListener(k, tryUnlock, true);
      }
    };
    for (const k of ['pointerdown', 'keydown'] as const) window.addEventListener(k, tryUnlock, true);
  }

  /** The hub's business day; a new day (or a hub that starts over) resets what was announced. */
  setDay(day: string, hubSeq: number): void {
    if (this.day !== day) this.lastSeq = 0;
    else if (hubSeq < this.lastSeq) this.lastSeq = hubSeq;
    this.day = day;
    this.save();
  }

  /** Marks a call as dealt with without voicing it (too old to call out after a reconnect). */
  skip(seq: number): void {
    if (seq > this.lastSeq) {
      this.lastSeq = seq;
      this.save();
    }
  }

  announce(seq: number, number: string, windowNumber: number): boolean {
    if (seq <= this.lastSeq) return false;
    this.lastSeq = seq;
    this.save();
    this.queue.push({ seq, number, windowNumber, text: callText(number, windowNumber) });
    void this.pump();
    return true;
  }

  private save(): void {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ day: this.day ?? '', seq: this.lastSeq }));
    } catch {
      /* kept in memory only */
    }
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const a = this.queue[0]!;
        const voice = chineseVoice();
        const spoken: Spoken = { ...a, via: voice ? 'speech' : 'clips', startedAt: Date.now(), endedAt: null, plays: 0 };
        this.history.push(spoken);
        for (let i = 0; i < Math.max(1, this.repeat); i++) {
          await this.player.play(['chime']);
          if (voice) await speak(speechText(a.number, a.windowNumber), voice);
          else await this.player.play(callClips(a.number, a.windowNumber));
          spoken.plays++;
          await wait(400);
        }
        spoken.endedAt = Date.now();
        this.queue.shift();
      }
    } finally {
      this.busy = false;
    }
  }
}

function chineseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => /^(zh|cmn)/i.test(v.lang)) ?? null;
}

function speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text.replace(/\s+/g, ''));
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    const done = () => resolve();
    u.onend = done;
    u.onerror = done;
    // A voice that never reports its end must not stall the hall's calls.
    setTimeout(done, 12_000);
    speechSynthesis.speak(u);
  });
}
