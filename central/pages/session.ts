import { api, type ApiOptions } from '../../ui/api.ts';

/** The centre's user token, kept apart from a hall manager's token on the same browser. */
const TOKEN_KEY = 'central.token';
const WHO_KEY = 'central.user';

export interface CentralUser {
  id: string;
  name: string;
  role: 'admin' | 'viewer';
  halls: string[] | null;
}

export interface HallRow {
  hallId: string;
  name: string;
  region: string;
  online: boolean;
  lastSeenAt: string | null;
  ackedSeq: number;
  businessDay: string | null;
  hallNow: string | null;
  waiting: number;
  oldestWaitingSince: string | null;
  windowsOpen: number;
  windowsPaused: number;
  uncoveredNow: string[];
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* private mode: kept for this page only */
  }
}

export const centralToken = () => read(TOKEN_KEY);

export function storedUser(): CentralUser | null {
  const raw = read(WHO_KEY);
  try {
    return raw && centralToken() ? (JSON.parse(raw) as CentralUser) : null;
  } catch {
    return null;
  }
}

export function saveSession(token: string | null, user: CentralUser | null): void {
  write(TOKEN_KEY, token);
  write(WHO_KEY, user ? JSON.stringify(user) : null);
}

/** A request with the centre's token; a 401 ends the session (the shell listens). */
export async function capi<T>(method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<T> {
  try {
    return await api<T>(method, path, body, { token: centralToken(), ...opts });
  } catch (e) {
    if ((e as { status?: number }).status === 401) window.dispatchEvent(new CustomEvent('central-unauthorized'));
    throw e;
  }
}

/** Saves a file: a CSV the centre makes (needs the token, so no plain link) or one made here. */
export async function download(pathOrText: { path: string } | { text: string }, filename: string): Promise<void> {
  let blob: Blob;
  if ('path' in pathOrText) {
    const token = centralToken();
    const res = await fetch(pathOrText.path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    blob = await res.blob();
  } else {
    blob = new Blob([pathOrText.text], { type: 'text/csv;charset=utf-8' });
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV cell Excel reads as text: quoted when needed, formula starts neutralised. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Local date YYYY-MM-DD, `days` before the given one. */
export function dayBefore(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function today(timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
