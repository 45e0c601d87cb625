import { getLang } from './i18n.ts';
import type { Pairing } from './devicePairing.ts';

/**
 * A plain strip at the bottom of a kiosk or pad that is not (or no longer) paired, so the hall's
 * staff see it at a glance. A pad cannot rate without pairing; a kiosk still issues tickets, but
 * only a few an hour, like any phone.
 */
export function showPairingNotice(p: Pairing, kind: 'kiosk' | 'pad'): void {
  document.querySelector('[data-testid=pairing-notice]')?.remove();
  if (p.state === 'paired' || p.state === 'offline') return;
  const en = getLang() === 'en';
  const what = kind === 'pad' ? (en ? 'This pad' : '本评价器') : en ? 'This kiosk' : '本取号机';
  const how = en
    ? 'A manager creates a pairing code under Devices in /manager and opens this page with ?pair=<code>.'
    : '请管理员在管理页“设备”中生成配对码，并以 ?pair=配对码 打开本页。';
  const why = p.state === 'refused' ? p.message : en ? 'is not paired yet.' : '尚未配对。';
  const strip = document.createElement('div');
  strip.dataset.testid = 'pairing-notice';
  strip.setAttribute('role', 'status');
  strip.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:.6em 1em;background:#7a1f1f;color:#fff;font-size:16px;z-index:1000;text-align:center';
  strip.textContent = p.state === 'refused' ? `${what}: ${why} ${how}` : `${what}${en ? ' ' : ''}${why} ${how}`;
  document.body.append(strip);
}
