import { request } from 'node:http';

/**
 * A request sent from a given loopback address (each 127.x is another client to the hub, so
 * per-address limits and lockouts can be tried without a second machine). The body is sent as
 * JSON text; the answer's body is parsed as JSON, or null when it is empty. `ownConnection` opens a
 * connection for this request alone, closed after it (a load of many made-up clients must not
 * leave a kept-alive connection per address open at the hub).
 */
export function requestFrom(
  baseUrl: string, address: string, method: string, path: string, text: string, ownConnection = false, headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: address, ...(ownConnection ? { agent: false } : {}),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
    }, (res) => {
      let got = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (got += c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode!, body: got ? JSON.parse(got) : null, headers: res.headers });
        } catch (e) {
          reject(new Error(`${method} ${path} from ${address}: ${res.statusCode} with a body that is not JSON: ${got.slice(0, 200)}`, { cause: e }));
        }
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}
