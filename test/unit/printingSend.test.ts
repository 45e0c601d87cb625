import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePrinterAddress, sendToPrinter } from '../../server/printing/tcpSend.ts';
import { closedPort, startFakePrinter } from '../support/fakePrinter.ts';

describe('sending bytes to a network printer', () => {
  it('reads tcp://host:port addresses, port 9100 by default', () => {
    expect(parsePrinterAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parsePrinterAddress('tcp://printer-1')).toEqual({ host: 'printer-1', port: 9100 });
    expect(parsePrinterAddress('tcp://p:0')).toBeNull();
    expect(parsePrinterAddress('http://p:9100')).toBeNull();
  });

  it('delivers every byte and ends the connection', async () => {
    const p = await startFakePrinter();
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    await sendToPrinter(p.address, data);
    const [job] = await p.waitForJobs(1);
    expect(job!.equals(data)).toBe(true);
    await p.close();
  });

  it('fails fast on a closed port', async () => {
    const port = await closedPort();
    const t0 = Date.now();
    await expect(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x'))).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('gives up at its deadline when the printer accepts but never takes the data', async () => {
    // A peer that accepts and never reads: a big write stalls once the socket buffers fill.
    const held: import('node:net').Socket[] = [];
    const server = createServer((s) => {
      s.pause();
      held.push(s);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const t0 = Date.now();
    await expect(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.alloc(64 * 1024 * 1024), 400)).rejects.toThrow(/within 400 ms/);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(1500);
    for (const s of held) s.destroy();
    await new Promise((r) => server.close(() => r(undefined)));
  });

  it('rejects a bad address without throwing', async () => {
    await expect(sendToPrinter('lpt1', Buffer.from('x'))).rejects.toThrow(/bad printer address/);
  });
});
