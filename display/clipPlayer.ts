/**
 * Joins the shipped voice clips with Web Audio. Each clip is fetched and decoded once; a sentence is
 * scheduled back to back on the audio clock and the promise resolves when its last clip has ended,
 * so the next announcement never cuts into it.
 */
export class ClipPlayer {
  private ctx: AudioContext | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer | null>>();

  private context(): AudioContext | null {
    if (this.ctx) return this.ctx;
    try {
      this.ctx = new AudioContext();
    } catch {
      this.ctx = null;
    }
    return this.ctx;
  }

  private load(name: string): Promise<AudioBuffer | null> {
    let p = this.buffers.get(name);
    if (!p) {
      const ctx = this.context();
      p = ctx
        ? fetch(`/audio/${name}.ogg`)
            .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`clip ${name}: ${r.status}`))))
            .then((b) => ctx.decodeAudioData(b))
            .catch((e: Error) => {
              console.warn('voice clip unavailable', name, e.message);
              return null;
            })
        : Promise.resolve(null);
      this.buffers.set(name, p);
    }
    return p;
  }

  /**
   * Whether the browser lets this page make sound without a click: an AudioContext it keeps
   * suspended even when asked to resume is blocked by the autoplay policy. Null: no audio at all.
   */
  async soundAllowed(): Promise<boolean | null> {
    const ctx = this.context();
    if (!ctx) return null;
    if (ctx.state === 'suspended') await Promise.race([ctx.resume(), wait(300)]);
    return ctx.state === 'running';
  }

  /** Tries again after a click or key press, which browsers accept as permission to play. */
  async unlock(): Promise<boolean> {
    const ctx = this.context();
    if (!ctx) return false;
    if (ctx.state !== 'running') await Promise.race([ctx.resume(), wait(500)]);
    return ctx.state === 'running';
  }

  /** Warms the cache so the first call is not late. */
  preload(names: string[]): void {
    for (const n of names) void this.load(n);
  }

  async play(names: string[], gapSec = 0.02): Promise<void> {
    const ctx = this.context();
    const buffers = (await Promise.all(names.map((n) => this.load(n)))).filter((b): b is AudioBuffer => b !== null);
    if (!ctx || buffers.length === 0) return;
    if (ctx.state === 'suspended') await Promise.race([ctx.resume(), wait(300)]);
    let at = ctx.currentTime + 0.05;
    for (const b of buffers) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(ctx.destination);
      src.start(at);
      at += b.duration + gapSec;
    }
    // Wait on the wall clock too: a suspended context (no sound card) must not stall the queue forever.
    await wait((at - ctx.currentTime) * 1000 + 50);
  }
}

export const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
