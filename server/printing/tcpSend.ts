import { connect } from 'node:net';

/** host and port of a "tcp://host:port" printer address (port 9100, the raw-printing port, when left out). */
export function parsePrinterAddress(address: string): { host: string; port: number } | null {
  const m = /^tcp:\/\/([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(address);
  if (!m) return null;
  const port = m[2] === undefined ? 9100 : Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!, port };
}

export class PrintSendError extends Error {}

/**
 * Sends raw ESC/POS bytes to a network printer. One deadline covers connecting and writing, so an
 * unreachable printer (no route, switched off, wrong address) fails within `timeoutMs` instead of
 * the operating system's minute-long connect timeout. Never throws synchronously; the promise
 * rejects with a PrintSendError whose message can be shown to staff.
 *
 * node-thermal-printer's own network interface destroys the socket as soon as the write is
 * handed to the kernel and has no overall deadline; here the socket is ended (FIN after the data)
 * and the send counts as done when the data is flushed.
 */
export function sendToPrinter(address: string, data: Buffer, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const target = parsePrinterAddress(address);
    if (!target) return reject(new PrintSendError(`bad printer address "${address}"`));
    let settled = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) {
        socket.destroy();
        reject(new PrintSendError(err.message));
      } else {
        resolve();
        // Let the printer close its side; don't keep a half-open socket forever.
        setTimeout(() => socket.destroy(), 1000).unref();
      }
    };
    const deadline = setTimeout(
      () => finish(new Error(socket.connecting ? `no answer from ${target.host}:${target.port} within ${timeoutMs} ms` : `printer ${target.host}:${target.port} did not take the data within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code ? `${e.code} ${target.host}:${target.port}` : e.message)));
    // Printers may answer status bytes; they are not needed here but must be read.
    socket.on('data', () => {});
    socket.on('connect', () => {
      socket.end(data, () => finish());
    });
    socket.on('close', () => finish(new Error(`printer ${target.host}:${target.port} closed the connection`)));
  });
}
