import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** A small keep-alive JSON client: fetch costs more CPU than the hub on this 2-core machine. */
export function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const u = new URL(url);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname, port: u.port, method, path, agent,
        headers: { ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * A paired kiosk's token (the manager M01 creates it, the bench pairs it): tickets sent with it
 * are bound by the services' limits only, as a hall's kiosks are, not by the hourly quota of
 * unpaired clients.
 */
export async function benchKiosk(url: string, manager = { staffId: 'M01', pin: '900001' }): Promise<string> {
  const { body: login } = await call(url, 'POST', '/api/auth/login', manager);
  const { body: created } = await call(url, 'POST', '/api/devices', { kind: 'kiosk', name: 'bench kiosk' }, login.token);
  const { body: paired } = await call(url, 'POST', '/api/devices/pair', { pairingCode: created.pairingCode });
  if (typeof paired?.deviceToken !== 'string') throw new Error(`pairing the bench kiosk failed: ${JSON.stringify(paired)}`);
  return paired.deviceToken;
}
