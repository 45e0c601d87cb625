/**
 * Visitor-facing pages (kiosk, pad) go back to their Chinese home screen after a while without a
 * touch, so the next visitor never finds the last one's language or half-finished page.
 */

/** Seconds without a touch before a visitor page starts over: 45 by default, 30 to 60 allowed. */
export function idleSeconds(raw: string | null, fallback = 45): number {
  const n = Number(raw);
  if (raw === null || raw.trim() === '' || !Number.isFinite(n)) return fallback;
  return Math.min(60, Math.max(30, Math.round(n)));
}

export interface IdleWatch {
  /** Counts as activity (a rating request arriving, a ticket just taken). */
  poke(): void;
  stop(): void;
}

/** Calls `onIdle` each time `seconds` pass with no touch, click, key or wheel on the page. */
export function watchIdle(seconds: number, onIdle: () => void): IdleWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, seconds * 1000);
  };
  const kinds = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;
  for (const k of kinds) window.addEventListener(k, arm, { capture: true, passive: true });
  arm();
  return {
    poke: arm,
    stop() {
      clearTimeout(timer);
      for (const k of kinds) window.removeEventListener(k, arm, { capture: true });
    },
  };
}
