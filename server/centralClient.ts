import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * The outbox's HTTP client to the centre: node:http over kept-alive connections. `fetch` (undici)
 * cost the hub's one thread 2–3 ms of CPU per request, in one piece, and a visitor's answer that
 * arrived meanwhile waited behind it; a plain request on an open connection costs a fraction.
 */
export class CentralClient {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 2 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 2 });

  /** Sends `body` and reads the whole answer as text. */
  async send(url: string, method: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<{ status: number; text: string }> {
    try {
      return await this.once(url, method, body, headers, signal);
    } catch (e) {
      // A kept-alive connection the centre closed just as it was reused: once more on a new one
      // (Node's documented race). Anything else is the outbox's to retry with backoff.
      if ((e as { reused?: boolean }).reused && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return this.once(url, method, body, headers, signal);
      throw e;
    }
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private once(url: string, method: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<{ status: number; text: string }> {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(u, {
        method, signal, agent: secure ? this.https : this.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (e) => reject(Object.assign(e, { reused: req.reusedSocket })));
      req.end(body);
    });
  }
}
