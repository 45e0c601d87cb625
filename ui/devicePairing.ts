import { api, ApiError } from './api.ts';

/**
 * A kiosk or an evaluation pad pairs itself once: opened with `?pair=<6-digit code>` (a manager
 * creates the code at /manager, or the demo hall prints links at start), it trades the code for a
 * device token, keeps it in localStorage and drops the code from the address bar so a reload does
 * not spend it again. Later starts reuse the token and ask the hub whether it still stands (a
 * revoked device is told so and forgets it).
 */
export interface PairedDevice {
  id: string;
  kind: 'kiosk' | 'pad';
  name: string;
  windowId: string | null;
  token: string;
}

export type Pairing =
  | { state: 'paired'; device: PairedDevice }
  | { state: 'unpaired' }
  /** The code was wrong, used or expired, or the stored token was revoked: a manager must pair it again. */
  | { state: 'refused'; message: string }
  /** The hub could not be reached: the stored token (if any) is kept and used. */
  | { state: 'offline'; device: PairedDevice | null };

const storeKey = (kind: string) => `hallhub.device.${kind}`;

function load(kind: string): PairedDevice | null {
  try {
    const raw = localStorage.getItem(storeKey(kind));
    return raw ? (JSON.parse(raw) as PairedDevice) : null;
  } catch {
    return null;
  }
}

function save(kind: string, d: PairedDevice | null): void {
  try {
    if (d) localStorage.setItem(storeKey(kind), JSON.stringify(d));
    else localStorage.removeItem(storeKey(kind));
  } catch {
    /* private mode: paired for this page only */
  }
}

/** Removes `pair` from the address bar, keeping everything else (`?kiosk=K1`, `?idle=45`). */
function dropCodeFromUrl(): void {
  const url = new URL(location.href);
  url.searchParams.delete('pair');
  history.replaceState(history.state, '', url.pathname + (url.search ? url.search : '') + url.hash);
}

export async function pairDevice(kind: 'kiosk' | 'pad', search: string = location.search): Promise<Pairing> {
  const code = new URLSearchParams(search).get('pair');
  if (code) {
    dropCodeFromUrl();
    try {
      const r = await api<{ deviceId: string; deviceToken: string; kind: 'kiosk' | 'pad'; name: string; windowId: string | null }>(
        'POST', '/api/devices/pair', { pairingCode: code.trim() }, { token: null });
      if (r.kind !== kind) return { state: 'refused', message: kind === 'pad' ? '该配对码属于取号机，不是评价器' : '该配对码属于评价器，不是取号机' };
      const device: PairedDevice = { id: r.deviceId, kind: r.kind, name: r.name, windowId: r.windowId, token: r.deviceToken };
      save(kind, device);
      return { state: 'paired', device };
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) return { state: 'refused', message: e.message };
      return { state: 'offline', device: load(kind) };
    }
  }
  const stored = load(kind);
  if (!stored) return { state: 'unpaired' };
  try {
    await api('GET', '/api/devices/me', undefined, { token: stored.token });
    return { state: 'paired', device: stored };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      save(kind, null);
      return { state: 'refused', message: e.message };
    }
    return { state: 'offline', device: stored };
  }
}

/** The token a page should send, whatever the pairing's state. */
export function tokenOf(p: Pairing): string | null {
  return p.state === 'paired' ? p.device.token : p.state === 'offline' ? (p.device?.token ?? null) : null;
}
