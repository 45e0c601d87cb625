import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallConfigInput } from '../../shared/config.ts';
import { demoHall } from '../../server/demoHall.ts';
import type { PrinterStatusEvent } from '../../server/printing/index.ts';
import { closedPort, decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fakePrinter.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** The demo hall with kiosk K1 printing to `printer` and kiosk K2 without a printer. */
function hallWithPrinter(printer: string, hall: Partial<HallConfigInput['hall']> = {}): HallConfigInput {
  return {
    ...demoHall,
    // Many tickets from one test address: no public quota in the way.
    hall: { ...demoHall.hall, publicTicketsPerHour: 1000, ...hall },
    kiosks: [{ id: 'K1', name: '大厅取号机', printer }, { id: 'K2', name: '二楼取号机' }],
  };
}

async function until<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What a kiosk reads of a printer with nothing wrong and nothing waiting. */
const READY = {
  kioskId: 'K1', configured: true, ok: true, pendingJobs: 0, heldJobs: 0, paperLow: false,
  lastError: null, lastErrorEn: null, lastErrorCode: null,
};

let h: TestHub | undefined;
let printer: FakePrinter | undefined;
afterEach(async () => {
  await h?.close();
  await printer?.close();
  h = undefined;
  printer = undefined;
});

describe('a ticket taken at a kiosk with a printer', () => {
  it('comes out of the printer in GBK with number, service, people ahead, QR to its status page and a cut', async () => {
    printer = await startFakePrinter();
    h = await startHub({ config: hallWithPrinter(printer.address) });
    await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: 'A002', ahead: 1 });

    const jobs = await printer.waitForJobs(2);
    const second = jobs[1]!;
    // Status requests first (DLE EOT 2, DLE EOT 4), then the reset, China code page (ESC R 15) and Chinese mode (FS &).
    expect(second.subarray(0, 13).toString('hex')).toBe('100402100404' + '1b401b520f1c26');
    const { text, commands, qr } = decodeEscPos(second);
    expect(text).toContain('示例镇便民服务中心');
    expect(text).toContain('A002');
    expect(text).toContain('社保医保');
    expect(text).toMatch(/您前面还有 +1 人/);
    expect(text).toContain(issued.body.issuedAt.slice(11, 19));
    // The ticket's key rides in the QR: the visitor's phone rates and cancels with it.
    expect(qr).toEqual([`${h.url}/t/${issued.body.id}?k=${issued.body.key}`]);
    expect(commands).toContain('GS V 0');

    const status = await h.api('GET', '/api/kiosks/K1/printer');
    expect(status).toEqual({ status: 200, body: READY });
    // Nothing failed, so nothing was written to disk for it.
    expect(existsSync(join(h.dataDir, 'print-queue.json'))).toBe(false);
  });

  it('uses QUEUE_DEMO_PRINTER for the demo kiosk and QUEUE_PUBLIC_URL for the QR code', async () => {
    printer = await startFakePrinter();
    process.env.QUEUE_DEMO_PRINTER = printer.address;
    process.env.QUEUE_PUBLIC_URL = 'http://hall.example:8080';
    try {
      h = await startHub();
    } finally {
      delete process.env.QUEUE_DEMO_PRINTER;
      delete process.env.QUEUE_PUBLIC_URL;
    }
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'D', kioskId: 'K1' });
    const [job] = await printer.waitForJobs(1);
    const { text, qr } = decodeEscPos(job!);
    expect(text).toContain('不动产登记');
    expect(qr).toEqual([`http://hall.example:8080/t/${issued.body.id}?k=${issued.body.key}`]);
  });

  it("puts the hall's public URL in the QR code when the config names one", async () => {
    printer = await startFakePrinter();
    h = await startHub({ config: hallWithPrinter(printer.address, { publicUrl: 'http://192.168.10.5:8080/' }) });
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'C', priority: true, kioskId: 'K1' });
    const [job] = await printer.waitForJobs(1);
    const { qr, text } = decodeEscPos(job!);
    expect(qr).toEqual([`http://192.168.10.5:8080/t/${issued.body.id}?k=${issued.body.key}`]);
    expect(text).toContain('户籍证明');
    expect(text).toContain('优先');
  });

  it('prints nothing for a ticket taken without a kiosk or at a kiosk without a printer', async () => {
    printer = await startFakePrinter();
    h = await startHub({ config: hallWithPrinter(printer.address) });
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A' })).status).toBe(201);
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K2' })).status).toBe(201);
    expect((await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'NOPE' })).status).toBe(201);
    await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    const [only] = await printer.waitForJobs(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(printer.jobs).toHaveLength(1);
    expect(decodeEscPos(only!).text).toContain('A004');
    expect((await h.api('GET', '/api/kiosks/K2/printer')).body).toEqual({ ...READY, kioskId: 'K2', configured: false, ok: false });
  });
});

describe('an unreachable printer', () => {
  it('never fails the ticket; the job is held, the kiosk is told why in both languages, and it prints only when asked, marked 补打', async () => {
    const port = await closedPort();
    h = await startHub({ config: hallWithPrinter(`tcp://127.0.0.1:${port}`) });
    h.running.printing.configure({ backoffMs: () => 150 });
    const kiosk = h.socket();
    const events: PrinterStatusEvent[] = [];
    kiosk.on('printer:status', (e: PrinterStatusEvent) => events.push(e));
    await new Promise<void>((r) => kiosk.on('connect', () => r()));

    // Answered 201 although the printer cannot be reached (how fast is npm run bench's business).
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'B', kioskId: 'K1' });
    expect(issued.status).toBe(201);

    const failed = (x: PrinterStatusEvent) => !x.ok && x.heldJobs === 1;
    await until('a printer:status saying the ticket did not print', () => events, (e) => e.some(failed));
    expect(events.find(failed)).toMatchObject({ kioskId: 'K1', ok: false, pendingJobs: 1, heldJobs: 1, lastErrorCode: 'UNREACHABLE' });
    expect(events.find(failed)!.message).toContain('打印机故障：连不上打印机');
    expect(events.find(failed)!.messageEn).toContain('Cannot reach the printer');
    const down = await h.api('GET', '/api/kiosks/K1/printer');
    expect(down.body).toMatchObject({ kioskId: 'K1', configured: true, ok: false, pendingJobs: 1, heldJobs: 1 });
    // Readable in both languages; the raw socket error is kept for the manager's list only.
    expect(down.body.lastError).toBe('连不上打印机：请检查电源和网线');
    expect(down.body.lastErrorEn).toBe('Cannot reach the printer: check its power and network cable');
    expect(JSON.stringify(down.body)).not.toContain('ECONNREFUSED');
    const admin = await h.api('GET', '/api/admin/printers', undefined, await h.login('M01'));
    expect(admin.body[0].lastErrorDetail).toContain('ECONNREFUSED');
    const saved = JSON.parse(readFileSync(join(h.dataDir, 'print-queue.json'), 'utf8'));
    expect(saved.jobs).toEqual([expect.objectContaining({ kioskId: 'K1', ticketId: issued.body.id })]);

    // The printer comes back: the kiosk hears of it, but the held ticket is not printed on its own.
    printer = await startFakePrinter(port);
    await until('a printer:status saying it is back with one held', () => events, (e) => e.at(-1)?.ok === true);
    expect(events.at(-1)).toMatchObject({ kioskId: 'K1', ok: true, pendingJobs: 1, heldJobs: 1, message: '打印机已恢复，1 张票未打印，可补打' });

    // The next visitor's ticket comes out alone: nobody else's ticket on their paper.
    const next = await h.api('POST', '/api/tickets', { serviceId: 'B', kioskId: 'K1' });
    const [alone] = await printer.waitForJobs(1);
    expect(decodeEscPos(alone!).text).toContain(next.body.number);
    expect(decodeEscPos(alone!).text).not.toContain('B001');
    await new Promise((r) => setTimeout(r, 400));
    expect(printer.jobs).toHaveLength(1);

    // Asked for at the kiosk: printed as its own job, marked as a late copy.
    const asked = await h.api('POST', '/api/kiosks/K1/print-held');
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ kioskId: 'K1', released: 1 });
    const jobs = await printer.waitForJobs(2);
    const late = decodeEscPos(jobs[1]!).text;
    expect(late).toContain('B001');
    expect(late).toContain('（补打）');
    expect(late).not.toContain(next.body.number);
    const up = await until('pending to drop', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.pendingJobs === 0);
    expect(up.body).toEqual(READY);
    expect(JSON.parse(readFileSync(join(h.dataDir, 'print-queue.json'), 'utf8')).jobs).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.jobs).toHaveLength(2);
  });

  it('lets a manager print the held tickets, and says so when there is no printer', async () => {
    const port = await closedPort();
    h = await startHub({ config: hallWithPrinter(`tcp://127.0.0.1:${port}`) });
    h.running.printing.configure({ backoffMs: () => 100 });
    await h.api('POST', '/api/tickets', { serviceId: 'C', kioskId: 'K1' });
    await until('the failure', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.heldJobs === 1);
    printer = await startFakePrinter(port);
    await until('the repair', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === true);
    const manager = await h.login('M01');
    expect((await h.api('POST', '/api/admin/printers/K1/print-held')).status).toBe(401);
    expect((await h.api('POST', '/api/admin/printers/K1/print-held', undefined, await h.login('S02'))).status).toBe(403);
    const r = await h.api('POST', '/api/admin/printers/K1/print-held', undefined, manager);
    expect(r).toMatchObject({ status: 202, body: { released: 1 } });
    expect(decodeEscPos((await printer.waitForJobs(1))[0]!).text).toContain('（补打）');
    const none = await h.api('POST', '/api/admin/printers/K2/print-held', undefined, manager, { 'accept-language': 'en' });
    expect(none.status).toBe(409);
    expect(none.body.error).toEqual({ code: 'PRINTER_NOT_CONFIGURED', message: 'This kiosk has no printer configured' });
  });

  it('asks the printer before printing: out of paper, the ticket is held and the kiosk says to load paper', async () => {
    printer = await startFakePrinter();
    printer.condition.paperOut = true;
    h = await startHub({ config: hallWithPrinter(printer.address) });
    h.running.printing.configure({ backoffMs: () => 100 });
    await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    const out = await until('paper out', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.lastErrorCode === 'PAPER_OUT');
    expect(out.body).toMatchObject({ ok: false, heldJobs: 1, lastError: '打印纸用完了，请换纸', lastErrorEn: 'The printer is out of paper: load a new roll' });
    expect(printer.jobs).toHaveLength(0);
    printer.condition.paperOut = false;
    printer.condition.coverOpen = true;
    await until('cover open', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.lastErrorCode === 'COVER_OPEN');
    printer.condition.coverOpen = false;
    await until('ready again', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === true);
    expect(printer.jobs).toHaveLength(0);
  });

  it('does not count a ticket as printed when the printer takes the connection but never reads', async () => {
    printer = await startFakePrinter();
    printer.condition.neverReads = true;
    h = await startHub({ config: hallWithPrinter(printer.address) });
    h.running.printing.configure({ sendTimeoutMs: 300, backoffMs: () => 60_000 });
    await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    const r = await until('the failure', () => h!.api('GET', '/api/kiosks/K1/printer'), (x) => x.body.ok === false);
    expect(r.body).toMatchObject({ heldJobs: 1, lastErrorCode: 'NO_STATUS' });
    expect(r.body.lastError).toContain('没有应答');
  });

  it('is noticed before anyone takes a ticket, and so is its repair, without printing anything', async () => {
    const port = await closedPort();
    h = await startHub({ config: hallWithPrinter(`tcp://127.0.0.1:${port}`) });
    h.running.printing.configure({ probeMs: 100 });
    const kiosk = h.socket();
    const events: PrinterStatusEvent[] = [];
    kiosk.on('printer:status', (e: PrinterStatusEvent) => events.push(e));
    const down = await until('the printer check to fail', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === false);
    expect(down.body).toMatchObject({ configured: true, pendingJobs: 0, lastErrorCode: 'UNREACHABLE' });

    printer = await startFakePrinter(port);
    await until('the printer check to pass', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === true);
    await until('a printer:status saying all is well', () => events, (e) => e.at(-1)?.ok === true);
    const { configured: _shownOnlyByTheEndpoint, ...readyEvent } = READY;
    expect(events.at(-1)).toEqual({ ...readyEvent, message: '打印机正常', messageEn: 'Printer ready' });
    // The fake printer counts a probe when its connection closes, which may be just after the hub is satisfied.
    expect(await until('the probe to be counted', () => printer!.probes(), (n) => n > 0)).toBeGreaterThan(0);
    expect(printer.jobs).toHaveLength(0);
  });

  it('keeps the held job across a restart and prints it, marked 补打, once asked', async () => {
    const port = await closedPort();
    const config = hallWithPrinter(`tcp://127.0.0.1:${port}`);
    h = await startHub({ config });
    const issued = await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    await until('the failure', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === false);
    const dataDir = h.dataDir;
    await h.close({ keepData: true });

    printer = await startFakePrinter(port);
    h = await startHub({ dataDir, config });
    await until('the printer check', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.ok === true && r.body.heldJobs === 1);
    expect(printer.jobs).toHaveLength(0);
    expect((await h.api('POST', '/api/kiosks/K1/print-held')).status).toBe(202);
    const [job] = await printer.waitForJobs(1);
    // The held job kept the key on disk (print-queue.json) until it printed.
    expect(decodeEscPos(job!).qr).toEqual([`${h.url}/t/${issued.body.id}?k=${issued.body.key}`]);
    expect(decodeEscPos(job!).text).toContain('（补打）');
    await until('pending to drop', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.pendingJobs === 0 && r.body.ok === true);
  });

  it('drops a waiting job once its ticket has been called: that paper would be for nobody', async () => {
    const port = await closedPort();
    h = await startHub({ config: hallWithPrinter(`tcp://127.0.0.1:${port}`) });
    h.running.printing.configure({ backoffMs: () => 150 });
    await h.api('POST', '/api/tickets', { serviceId: 'A', kioskId: 'K1' });
    await until('the failure', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.pendingJobs === 1 && r.body.ok === false);
    const token = await h.login('S01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token);
    expect((await h.api('POST', '/api/windows/W1/call-next', undefined, token)).status).toBe(200);
    printer = await startFakePrinter(port);
    await until('pending to drop', () => h!.api('GET', '/api/kiosks/K1/printer'), (r) => r.body.pendingJobs === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.jobs).toHaveLength(0);
  });
});
