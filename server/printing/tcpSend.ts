import { connect } from 'node:net';
import { ASK_AFTER_JOB, ASK_OFFLINE, ASK_PAPER } from './escpos.ts';
import { printerFault, type PrinterFaultCode } from './faults.ts';

/** host and port of a "tcp://host:port" printer address (port 9100, the raw-printing port, when left out). */
export function parsePrinterAddress(address: string): { host: string; port: number } | null {
  const m = /^tcp:\/\/([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(address);
  if (!m) return null;
  const port = m[2] === undefined ? 9100 : Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!, port };
}

/** A failed send: `code` names the fault, `message` is the technical detail for the log. */
export class PrintSendError extends Error {
  constructor(readonly code: PrinterFaultCode, detail: string) {
    super(detail);
  }
  get fault() {
    return printerFault(this.code, this.message);
  }
}

/** What the printer said about itself. */
export interface PrinterReport {
  /** Paper near its end: still printing, but someone should bring a roll. */
  paperLow: boolean;
}

/**
 * Talks to a network ESC/POS printer: asks its status first (DLE EOT 2 and 4, answered at once),
 * sends the job only when the cover is shut and there is paper, then asks GS r 1, which the
 * printer answers only after it has processed the job, so a printer that takes the connection but
 * never reads counts as failed, not printed. An empty `data` asks the status only (a probe).
 * One deadline covers everything. Never throws synchronously; the promise rejects with a
 * PrintSendError.
 */
export function sendToPrinter(address: string, data: Buffer, timeoutMs = 3000): Promise<PrinterReport> {
  return new Promise((resolve, reject) => {
    const target = parsePrinterAddress(address);
    if (!target) return reject(new PrintSendError('BAD_ADDRESS', `bad printer address "${address}"`));
    const where = `${target.host}:${target.port}`;
    let settled = false;
    let stage: 'connect' | 'status' | 'job' = 'connect';
    let answers: number[] = [];
    let paperLow = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (err?: PrintSendError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        socket.end();
        resolve({ paperLow });
        // Let the printer close its side; don't keep a half-open socket forever.
        setTimeout(() => socket.destroy(), 1000).unref();
      }
    };
    const deadline = setTimeout(() => {
      if (stage === 'connect') finish(new PrintSendError('UNREACHABLE', `no answer from ${where} within ${timeoutMs} ms`));
      else if (stage === 'status') finish(new PrintSendError('NO_STATUS', `${where} did not answer the status request within ${timeoutMs} ms`));
      else finish(new PrintSendError('NOT_READ', `${where} did not confirm the job within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (e: NodeJS.ErrnoException) => finish(new PrintSendError(stage === 'connect' ? 'UNREACHABLE' : 'DROPPED', e.code ? `${e.code} ${where}` : e.message)));
    socket.on('close', () => finish(new PrintSendError('DROPPED', `${where} closed the connection`)));
    socket.on('connect', () => {
      stage = 'status';
      socket.write(Buffer.concat([ASK_OFFLINE, ASK_PAPER]));
    });
    socket.on('data', (chunk: Buffer) => {
      answers.push(...chunk);
      if (stage === 'status' && answers.length >= 2) {
        const [offline, paper] = answers as [number, number];
        answers = answers.slice(2);
        // Fixed bits of both answers: bit 1 and bit 4 set, bits 0 and 7 clear.
        if ((offline & 0x93) !== 0x12 || (paper & 0x93) !== 0x12) {
          return finish(new PrintSendError('NO_STATUS', `${where} answered ${offline}, ${paper} to the status request`));
        }
        if (offline & 0x04) return finish(new PrintSendError('COVER_OPEN', `${where}: cover open`));
        if (offline & 0x20 || paper & 0x60) return finish(new PrintSendError('PAPER_OUT', `${where}: paper end`));
        if (offline & 0x40) return finish(new PrintSendError('PRINTER_ERROR', `${where}: error state (cutter or head)`));
        paperLow = (paper & 0x0c) !== 0;
        if (data.length === 0) return finish();
        stage = 'job';
        socket.write(Buffer.concat([data, ASK_AFTER_JOB]));
      }
      if (stage === 'job' && answers.length >= 1) {
        const after = answers[0]!;
        // The roll ran out during the job: the ticket may be cut short.
        if (after & 0x0c) return finish(new PrintSendError('PAPER_OUT', `${where}: paper end after the job`));
        paperLow ||= (after & 0x03) !== 0;
        finish();
      }
    });
  });
}
