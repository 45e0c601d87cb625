import { request } from 'node:http';

/**
 * A login sent from a given loopback address on a connection of its own: to the hub, each
 * 127.x.y.z is another client (another phone on the hall's Wi-Fi), with its own lockout.
 */
export function loginFrom(url: string, from: string, staffId: string, pin: string): Promise<{ status: number; code: string | null }> {
  const u = new URL('/api/auth/login', url);
  const body = JSON.stringify({ staffId, pin });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let code: string | null = null;
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, code });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The address of the `i`th made-up client: 127.1.0.1, 127.1.0.2, … (all loopback on Linux). */
export const clientAddress = (i: number) => `127.${1 + Math.floor(i / 65_000)}.${Math.floor((i % 65_000) / 250)}.${1 + (i % 250)}`;
