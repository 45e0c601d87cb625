import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A socket.io client by hand, over a raw TCP socket: it can stop reading (pause) while it keeps
 * writing, which a real client library never does — the way a stalled or hostile client behaves.
 */
export interface RawSocketIo {
  tcp: Socket;
  /** Sends one engine.io packet text as a masked websocket text frame ('3' pong, '42[…]' event). */
  send(text: string): void;
  /** Stops reading: everything the hub sends piles up in the kernel and then in the hub. */
  stall(): void;
  /** Answers pings without reading them, as a hostile client would. */
  keepAlive(everyMs?: number): () => void;
  /** Resolves once the hub has closed the connection. */
  closed: Promise<void>;
  bytesRead(): number;
  destroy(): void;
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([head, mask, masked]);
}

/** Connects to the default namespace over websocket and waits until the namespace accepted it. */
export function rawSocketIo(url: string, headers: Record<string, string> = {}): Promise<RawSocketIo> {
  const u = new URL(url);
  const tcp = connect(Number(u.port), u.hostname);
  const closed = new Promise<void>((r) => tcp.once('close', () => r()));
  let read = 0;
  let text = '';
  return new Promise((resolve, reject) => {
    tcp.once('error', reject);
    tcp.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      tcp.write(
        `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
    const api: RawSocketIo = {
      tcp,
      send: (t) => void tcp.write(frame(t)),
      stall: () => {
        tcp.removeAllListeners('data');
        tcp.pause();
      },
      keepAlive(everyMs = 1000) {
        const t = setInterval(() => !tcp.destroyed && tcp.write(frame('3')), everyMs);
        return () => clearInterval(t);
      },
      closed,
      bytesRead: () => read,
      destroy: () => tcp.destroy(),
    };
    tcp.on('data', (b: Buffer) => {
      read += b.length;
      // Unmasked server frames: good enough to spot the namespace's connect answer ('40{"sid"…}').
      text += b.toString('latin1');
      if (/^HTTP\/1\.1 (?!101)/.test(text)) return reject(new Error(text.split('\r\n')[0]));
      if (text.includes('0{"sid"') && !text.includes('40{')) tcp.write(frame('40'));
      if (text.includes('40{')) resolve(api);
    });
    void closed.then(() => reject(new Error('closed before the namespace answered')));
  });
}
