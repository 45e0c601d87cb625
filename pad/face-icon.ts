import { svg } from 'lit';

/**
 * A drawn face for each score (5 broad smile … 1 deep frown). Drawn, not emoji: hall tablets and
 * Linux kiosks often lack a colour emoji font.
 */
export function faceIcon(score: number) {
  const curve = (score - 3) * 7; // mouth bend: positive smiles, negative frowns
  const mouthY = 66 - curve / 3;
  return svg`<svg viewBox="0 0 100 100" width="1em" height="1em" aria-hidden="true">
    <circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="7" />
    <circle cx="35" cy="40" r="6" fill="currentColor" />
    <circle cx="65" cy="40" r="6" fill="currentColor" />
    <path d="M 30 ${mouthY} Q 50 ${mouthY + curve * 1.6} 70 ${mouthY}" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" />
  </svg>`;
}
