import iconv from 'iconv-lite';
import { createServer, type Server, type Socket } from 'node:net';

/**
 * A network ESC/POS printer on 127.0.0.1: accepts raw connections as a printer's port 9100 does,
 * answers status requests as an Epson printer would (DLE EOT 2 / DLE EOT 4 at once, GS r 1 once
 * the bytes before it are processed) and keeps the bytes of each connection once the sender has
 * finished it. `condition` puts it out of paper, opens its cover, or makes it a printer that takes
 * the connection and never reads a byte.
 */
export interface FakePrinter {
  port: number;
  address: string;
  /** The bytes of every finished connection that held more than status requests, in order. */
  jobs: Buffer[];
  /** Connections that held only status requests, or nothing. */
  probes(): number;
  condition: { paperOut: boolean; coverOpen: boolean; paperLow: boolean; neverReads: boolean };
  /** Resolves when `n` jobs have come in. */
  waitForJobs(n: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startFakePrinter(port = 0): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  let probes = 0;
  const condition = { paperOut: false, coverOpen: false, paperLow: false, neverReads: false };
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  // Epson's answers: fixed bits 1 and 4 set; DLE EOT 2 bit 2 cover open, bit 5 stopped by paper
  // end; DLE EOT 4 bits 2–3 near end, bits 5–6 end; GS r 1 bits 0–1 near end, bits 2–3 end.
  const answer = (cmd: string): number => {
    if (cmd === 'DLE EOT 2') return 0x12 | (condition.coverOpen ? 0x04 : 0) | (condition.paperOut ? 0x20 : 0);
    if (cmd === 'DLE EOT 4') return 0x12 | (condition.paperLow ? 0x0c : 0) | (condition.paperOut ? 0x60 : 0);
    if (cmd === 'DLE EOT 1') return 0x16;
    return (condition.paperLow ? 0x03 : 0) | (condition.paperOut ? 0x0c : 0);
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    if (condition.neverReads) {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    let seen = 0;
    let printable = false;
    socket.on('data', (b) => {
      chunks.push(b);
      const all = Buffer.concat(chunks);
      // Answers status requests in the order they arrive; everything else is "printed".
      for (const req of scanRequests(all, seen)) {
        if (req.cmd === null) printable = true;
        else socket.write(Buffer.from([answer(req.cmd)]));
        seen = req.end;
      }
    });
    socket.on('end', () => {
      if (printable) jobs.push(Buffer.concat(chunks));
      else probes++;
      socket.end();
      for (const w of waiters.splice(0)) w();
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    address: `tcp://127.0.0.1:${actual}`,
    jobs,
    condition,
    probes: () => probes,
    waitForJobs(n, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake printer got ${jobs.length} job(s), expected ${n}`)), timeoutMs);
        const check = () => {
          if (jobs.length >= n) {
            clearTimeout(timer);
            resolve(jobs.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/**
 * Whole commands from `from` on: status requests by name, anything else as `cmd: null` (bytes to
 * print). Stops at a command not yet complete, so the caller can wait for more bytes.
 */
function scanRequests(buf: Buffer, from: number): { cmd: string | null; end: number }[] {
  const out: { cmd: string | null; end: number }[] = [];
  let i = from;
  while (i < buf.length) {
    const b = buf[i]!;
    let len = 1;
    let cmd: string | null = null;
    if (b === 0x10 && buf[i + 1] === 0x04) {
      if (i + 3 > buf.length) break;
      len = 3;
      cmd = `DLE EOT ${buf[i + 2]}`;
    } else if (b === GS && buf[i + 1] === 0x72) {
      if (i + 3 > buf.length) break;
      len = 3;
      cmd = `GS r ${buf[i + 2]}`;
    } else if (b === GS && buf[i + 1] === 0x28) {
      if (i + 5 > buf.length) break;
      len = 5 + buf[i + 3]! + buf[i + 4]! * 256;
    } else if (b === ESC || b === GS || b === FS) {
      if (i + 2 > buf.length) break;
      const c = buf[i + 1]!;
      len = b === FS || (b === ESC && ESC_NO_ARG.has(c)) ? 2 : 3;
    } else if (b >= 0x81 && b <= 0xfe) len = 2;
    if (i + len > buf.length) break;
    i += len;
    out.push({ cmd, end: i });
  }
  return out;
}

/** A loopback port nothing listens on (for an unreachable printer); free when this resolves. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** What a job says once its ESC/POS commands are taken apart. */
export interface DecodedTicket {
  /** The printed text, decoded as GBK, commands removed. */
  text: string;
  /** Each command by name with its argument bytes, e.g. "ESC R 15", "GS V 0", "FS &". */
  commands: string[];
  /** Data stored in QR symbols (GS ( k fn 80), as ASCII. */
  qr: string[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
/** ESC commands that take one argument byte, and those that take none. */
const ESC_ONE_ARG = new Set([0x52, 0x61, 0x21, 0x45, 0x64, 0x33, 0x2d, 0x4d, 0x74, 0x47, 0x7b]);
const ESC_NO_ARG = new Set([0x40, 0x32]);
const GS_ONE_ARG = new Set([0x21, 0x56, 0x42, 0x72]);

/**
 * Takes a job apart as a printer would: ESC, GS and FS commands are parsed by their known lengths
 * (an unknown one fails the test rather than print as garbage) and the bytes between them are
 * text in the GBK code page.
 */
export function decodeEscPos(buf: Buffer): DecodedTicket {
  const commands: string[] = [];
  const qr: string[] = [];
  const textBytes: number[] = [];
  let i = 0;
  const need = (n: number) => {
    if (i + n > buf.length) throw new Error(`command cut short at byte ${i}`);
  };
  while (i < buf.length) {
    const b = buf[i]!;
    if (b === ESC) {
      need(2);
      const c = buf[i + 1]!;
      if (ESC_NO_ARG.has(c)) {
        commands.push(`ESC ${String.fromCharCode(c)}`);
        i += 2;
      } else if (ESC_ONE_ARG.has(c)) {
        need(3);
        commands.push(`ESC ${String.fromCharCode(c)} ${buf[i + 2]}`);
        i += 3;
      } else throw new Error(`unknown ESC command 0x${c.toString(16)} at byte ${i}`);
    } else if (b === GS) {
      need(2);
      const c = buf[i + 1]!;
      if (GS_ONE_ARG.has(c)) {
        need(3);
        commands.push(`GS ${String.fromCharCode(c)} ${buf[i + 2]}`);
        i += 3;
      } else if (c === 0x28 && buf[i + 2] === 0x6b) {
        need(5);
        const len = buf[i + 3]! + buf[i + 4]! * 256;
        need(5 + len);
        const payload = buf.subarray(i + 5, i + 5 + len);
        commands.push(`GS ( k ${payload[1]}`);
        // fn 80 (0x50) stores the symbol's data after cn, fn and m.
        if (payload[0] === 0x31 && payload[1] === 0x50) qr.push(payload.subarray(3).toString('latin1'));
        i += 5 + len;
      } else throw new Error(`unknown GS command 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x10 && buf[i + 1] === 0x04) {
      // DLE EOT n: a real-time status request, answered by the printer, never printed.
      need(3);
      commands.push(`DLE EOT ${buf[i + 2]}`);
      i += 3;
    } else if (b === FS) {
      need(2);
      commands.push(`FS ${String.fromCharCode(buf[i + 1]!)}`);
      i += 2;
    } else if (b >= 0x81 && b <= 0xfe) {
      // A GBK character is two bytes; its second byte must not be read as a command.
      need(2);
      textBytes.push(b, buf[i + 1]!);
      i += 2;
    } else {
      textBytes.push(b);
      i += 1;
    }
  }
  return { text: iconv.decode(Buffer.from(textBytes), 'gbk'), commands, qr };
}
