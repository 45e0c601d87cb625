import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePrinterAddress, PrintSendError, sendToPrinter } from '../../server/printing/tcpSend.ts';
import { closedPort, decodeEscPos, startFakePrinter } from '../support/fakePrinter.ts';

describe('sending bytes to a network printer', () => {
  it('reads tcp://host:port addresses, port 9100 by default', () => {
    expect(parsePrinterAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parsePrinterAddress('tcp://printer-1')).toEqual({ host: 'printer-1', port: 9100 });
    expect(parsePrinterAddress('tcp://p:0')).toBeNull();
    expect(parsePrinterAddress('http://p:9100')).toBeNull();
  });

  it('asks the status, delivers every byte, asks again after the job and ends the connection', async () => {
    const p = await startFakePrinter();
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => 0x20 + (i % 90)));
    expect(await sendToPrinter(p.address, data)).toEqual({ paperLow: false });
    const [job] = await p.waitForJobs(1);
    // DLE EOT 2 and 4 (offline, paper) first; GS r 1 after the job, answered once the job is read.
    expect(job!.subarray(0, 6)).toEqual(Buffer.from([0x10, 0x04, 2, 0x10, 0x04, 4]));
    expect(job!.subarray(6, 6 + data.length).equals(data)).toBe(true);
    expect(job!.subarray(6 + data.length)).toEqual(Buffer.from([0x1d, 0x72, 1]));
    await p.close();
  });

  it('a status check alone prints nothing', async () => {
    const p = await startFakePrinter();
    await sendToPrinter(p.address, Buffer.alloc(0));
    await expect.poll(() => p.probes()).toBe(1);
    expect(p.jobs).toHaveLength(0);
    await p.close();
  });

  it.each([
    ['out of paper', { paperOut: true }, 'PAPER_OUT', '打印纸用完了'],
    ['with its cover open', { coverOpen: true }, 'COVER_OPEN', '打印机盖没有合上'],
  ] as const)('sends nothing to a printer %s and says so in both languages', async (_what, condition, code, zh) => {
    const p = await startFakePrinter();
    Object.assign(p.condition, condition);
    const err = await sendToPrinter(p.address, Buffer.from('A001\n')).catch((e: PrintSendError) => e);
    expect(err).toBeInstanceOf(PrintSendError);
    expect((err as PrintSendError).code).toBe(code);
    expect((err as PrintSendError).fault.message).toContain(zh);
    expect((err as PrintSendError).fault.messageEn).toMatch(/^[\x20-\x7e]+$/);
    await expect.poll(() => p.probes()).toBe(1);
    expect(p.jobs).toHaveLength(0);
    await p.close();
  });

  it('reports a roll near its end and still prints', async () => {
    const p = await startFakePrinter();
    p.condition.paperLow = true;
    expect(await sendToPrinter(p.address, Buffer.from('A001\n'))).toEqual({ paperLow: true });
    expect(decodeEscPos((await p.waitForJobs(1))[0]!).text).toContain('A001');
    await p.close();
  });

  it('does not count a job as printed when the printer takes the connection and never reads', async () => {
    const p = await startFakePrinter();
    p.condition.neverReads = true;
    const err = await sendToPrinter(p.address, Buffer.from('A001\n'), 300).catch((e: PrintSendError) => e);
    expect((err as PrintSendError).code).toBe('NO_STATUS');
    expect((err as PrintSendError).fault.message).toContain('没有应答');
    await p.close();
  });

  it('fails fast on a closed port', async () => {
    const port = await closedPort();
    // With a deadline far beyond the test's own timeout: it fails on the refusal, not by waiting.
    await expect(sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x'), 120_000)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up at its deadline when the printer answers its status but never takes the job', async () => {
    // A peer that answers the status request and then stops reading: the job never gets confirmed.
    const held: import('node:net').Socket[] = [];
    const server = createServer((s) => {
      s.once('data', () => {
        s.write(Buffer.from([0x12, 0x12]));
        s.pause();
      });
      held.push(s);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const t0 = Date.now();
    const err = await sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.alloc(64 * 1024 * 1024), 400).catch((e: PrintSendError) => e);
    expect((err as PrintSendError).code).toBe('NOT_READ');
    expect((err as PrintSendError).message).toMatch(/within 400 ms/);
    // Not before its deadline; that it gives up at all (rather than hanging) is the rejection above.
    // How soon after the deadline depends on the machine's load, so it is not asserted.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    for (const s of held) s.destroy();
    await new Promise((r) => server.close(() => r(undefined)));
  });

  it('rejects a bad address without throwing', async () => {
    await expect(sendToPrinter('lpt1', Buffer.from('x'))).rejects.toThrow(/bad printer address/);
  });
});
