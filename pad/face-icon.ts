import { svg } from 'lit';

/**
 * A drawn face for each score, each told apart by more than the bend of its mouth (two of the
 * old five looked alike): 5 laughs (closed happy eyes, open grin), 4 smiles, 3 is level, 2 frowns,
 * 1 frowns deeply under knitted brows with a tear. Drawn, not emoji: hall tablets and Linux
 * kiosks often lack a colour emoji font. `data-features` names what is drawn (tests read it).
 */
export function faceIcon(score: number) {
  const eyes = score === 5
    ? svg`<path d="M 27 42 Q 35 32 43 42 M 57 42 Q 65 32 73 42" fill="none" stroke="currentColor" stroke-width="6" stroke-linecap="round" />`
    : svg`<circle cx="35" cy="40" r="6" fill="currentColor" /><circle cx="65" cy="40" r="6" fill="currentColor" />`;
  const brows = score === 1
    ? svg`<path d="M 24 26 L 42 32 M 76 26 L 58 32" stroke="currentColor" stroke-width="6" stroke-linecap="round" />`
    : score === 2
      ? svg`<path d="M 26 29 L 42 29 M 58 29 L 74 29" stroke="currentColor" stroke-width="5" stroke-linecap="round" />`
      : null;
  const mouth =
    score === 5 ? svg`<path d="M 28 58 Q 50 86 72 58 Z" fill="currentColor" stroke="currentColor" stroke-width="5" stroke-linejoin="round" />`
    : score === 4 ? svg`<path d="M 30 62 Q 50 78 70 62" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" />`
    : score === 3 ? svg`<path d="M 32 66 L 68 66" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" />`
    : score === 2 ? svg`<path d="M 32 72 Q 50 60 68 72" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" />`
    : svg`<path d="M 28 76 Q 50 52 72 76" fill="none" stroke="currentColor" stroke-width="8" stroke-linecap="round" />`;
  const tear = score === 1 ? svg`<path d="M 70 50 Q 66 60 70 63 Q 74 60 70 50 Z" fill="currentColor" />` : null;
  const features = [
    score === 5 ? 'eyes:closed' : 'eyes:open',
    brows ? (score === 1 ? 'brows:knitted' : 'brows:level') : 'brows:none',
    ['', 'mouth:deep-frown', 'mouth:frown', 'mouth:level', 'mouth:smile', 'mouth:open-grin'][score],
    tear ? 'tear' : 'no-tear',
  ].join(' ');
  return svg`<svg viewBox="0 0 100 100" width="1em" height="1em" aria-hidden="true" data-features=${features}>
    <circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="7" />
    ${brows}${eyes}${mouth}${tear}
  </svg>`;
}
