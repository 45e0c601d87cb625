import { getToken } from '../ui/api.ts';

/** Downloads a CSV the hub makes (the request needs the manager's token, so no plain link). */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const token = getToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A 401/403 ends the manager session; other errors are shown where they happened. */
export function handleAuth(err: unknown): string {
  const e = err as { status?: number; message?: string };
  if (e.status === 401 || e.status === 403) window.dispatchEvent(new CustomEvent('manager-unauthorized'));
  return e.message ?? String(err);
}
