import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import type { Server as IoServer } from 'socket.io';
import type { Hub } from '../hub.ts';
import { ticketView } from '../views.ts';
import { defaultBackoff, PrintQueues, type PrinterState } from './printQueue.ts';
import { printingRoutes } from './routes.ts';
import { sendToPrinter } from './tcpSend.ts';
import { localStamp, renderTicket } from './ticketLayout.ts';

export interface PrintingOptions {
  dataDir: string;
  log: (msg: string) => void;
  /** Environment read for QUEUE_PUBLIC_URL and QUEUE_DEMO_PRINTER. */
  env?: Record<string, string | undefined>;
  /** Deadline for connecting to a printer and handing it a ticket. */
  sendTimeoutMs?: number;
  backoffMs?: (failures: number) => number;
  /** How often idle printers are checked; 0 turns checking off. */
  probeMs?: number;
}

/** The `printer:status` socket event: sent to every socket when a kiosk printer's state changes. */
export interface PrinterStatusEvent {
  kioskId: string;
  ok: boolean;
  pendingJobs: number;
  heldJobs: number;
  paperLow: boolean;
  lastError: string | null;
  lastErrorEn: string | null;
  lastErrorCode: string | null;
  message: string;
  messageEn: string;
}

export interface Printing {
  router: Router;
  queues: PrintQueues;
  /** Starts broadcasting and sending once socket.io and the HTTP server exist. */
  start(io: IoServer, http: HttpServer): void;
  /** Tests shorten the retry delay and the send deadline. */
  configure(o: Pick<PrintingOptions, 'backoffMs' | 'sendTimeoutMs' | 'probeMs'>): void;
  /** The base URL put in QR codes. */
  publicUrl(): string;
  close(): Promise<void>;
}

/**
 * Ticket printing: sets `hub.emitPrint`, keeps a print queue per kiosk printer and answers the
 * printer endpoints. A ticket is durable and answered before any of this runs; printing never
 * delays or fails it.
 */
export function attachPrinting(hub: Hub, opts: PrintingOptions): Printing {
  const env = opts.env ?? process.env;
  let backoffMs = opts.backoffMs ?? defaultBackoff;
  let sendTimeoutMs = opts.sendTimeoutMs ?? 3000;
  let probeMs = opts.probeMs ?? 30_000;
  let probeTimer: NodeJS.Timeout | null = null;
  let started = false;
  let io: IoServer | null = null;
  let http: HttpServer | null = null;
  const lastSent = new Map<string, string>();

  // The demo hall's kiosk has no printer; QUEUE_DEMO_PRINTER lends one to kiosks without one.
  const fallbackPrinter = env.QUEUE_DEMO_PRINTER?.trim() || null;
  const kiosks = hub.config.kiosks.map((k) => ({ id: k.id, name: k.name, printer: k.printer ?? fallbackPrinter }));
  const paperOf = new Map(hub.config.kiosks.map((k) => [k.id, k.paperMm ?? 80] as const));

  const envPublicUrl = env.QUEUE_PUBLIC_URL?.trim();
  const publicUrl = (): string => {
    const configured = hub.config.hall.publicUrl ?? envPublicUrl;
    if (configured && /^https?:\/\/[\x21-\x7e]+$/.test(configured)) return configured.replace(/\/+$/, '');
    return ownAddress(http);
  };

  const queues = new PrintQueues({
    kiosks,
    file: join(opts.dataDir, 'print-queue.json'),
    send: (address, data) => sendToPrinter(address, data, sendTimeoutMs),
    probe: (address) => sendToPrinter(address, Buffer.alloc(0), sendTimeoutMs),
    wanted: (job) => hub.state.tickets.get(job.ticketId)?.status === 'waiting',
    backoffMs: (n) => backoffMs(n),
    now: () => hub.clockIso(),
    log: opts.log,
    render(job) {
      const t = hub.state.tickets.get(job.ticketId);
      // A retry for a ticket already called (or from a closed day) would hand paper to nobody.
      if (!t || (!job.reprint && t.status !== 'waiting')) return null;
      const view = ticketView(t, hub.state, hub.config);
      const service = hub.config.services.find((s) => s.id === t.serviceId);
      const windows = hub.config.windows.filter((w) => w.serviceIds.includes(t.serviceId)).map((w) => w.number).sort((a, b) => a - b);
      return renderTicket(
        {
          hallName: hub.config.hall.name, number: t.number, serviceName: service?.name ?? t.serviceId,
          priority: t.priority, ahead: view.ahead, estimatedWaitMin: view.estimatedWaitMin,
          issuedLocal: localStamp(t.issuedAt), url: `${publicUrl()}/t/${encodeURIComponent(t.id)}${job.key ? `?k=${encodeURIComponent(job.key)}` : ''}`, reprint: job.reprint || job.attempts > 0, windows,
        },
        { paperMm: paperOf.get(job.kioskId) ?? 80 },
      );
    },
    onChange(state) {
      const event = statusEvent(state);
      const key = statusKey(event);
      if (lastSent.get(state.kioskId) === key) return;
      lastSent.set(state.kioskId, key);
      io?.emit('printer:status', event);
    },
  });

  const scheduleProbes = () => {
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
    if (probeMs <= 0) return;
    probeTimer = setInterval(() => void queues.probeIdle(), probeMs);
    probeTimer.unref();
  };

  hub.emitPrint = (kioskId, ticket) => {
    const { id, key } = (ticket ?? {}) as { id?: unknown; key?: unknown };
    if (typeof id !== 'string' || !queues.has(kioskId)) return;
    // The key goes into the printed QR so the visitor's phone can rate and cancel.
    queues.enqueue(kioskId, id, false, typeof key === 'string' ? key : undefined);
  };

  return {
    router: printingRoutes(hub, queues),
    queues,
    publicUrl,
    start(server, httpServer) {
      io = server;
      http = httpServer;
      for (const s of queues.all()) lastSent.set(s.kioskId, statusKey(statusEvent(s)));
      // Left-over jobs wait until the hub listens: their QR codes carry its address.
      const begin = () => {
        started = true;
        queues.resume();
        void queues.probeIdle();
        scheduleProbes();
      };
      if (httpServer.listening) begin();
      else httpServer.once('listening', begin);
    },
    configure(o) {
      if (o.backoffMs) backoffMs = o.backoffMs;
      if (o.sendTimeoutMs) sendTimeoutMs = o.sendTimeoutMs;
      if (o.probeMs !== undefined) {
        probeMs = o.probeMs;
        if (started) scheduleProbes();
      }
    },
    async close() {
      hub.emitPrint = undefined;
      if (probeTimer) clearInterval(probeTimer);
      probeTimer = null;
      await queues.close();
    },
  };
}

/** Kiosks are told only when something they show changed. */
const statusKey = (e: PrinterStatusEvent) => JSON.stringify(e);

export function statusEvent(s: PrinterState): PrinterStatusEvent {
  const base = {
    kioskId: s.kioskId, ok: s.ok, pendingJobs: s.pendingJobs, heldJobs: s.heldJobs, paperLow: s.paperLow,
    lastError: s.lastError, lastErrorEn: s.lastErrorEn, lastErrorCode: s.lastErrorCode,
  };
  if (!s.configured) return { ...base, message: '未配置打印机', messageEn: 'No printer configured' };
  if (!s.ok) {
    return {
      ...base,
      message: `打印机故障：${s.lastError ?? '原因不明'}。请凭屏幕上的号码等候叫号`,
      messageEn: `Printer fault: ${s.lastErrorEn ?? 'unknown'}. Please keep the number shown on screen`,
    };
  }
  if (s.heldJobs) {
    return {
      ...base,
      message: `打印机已恢复，${s.heldJobs} 张票未打印，可补打`,
      messageEn: `Printer ready again; ${s.heldJobs} ticket(s) were not printed and can be printed now`,
    };
  }
  if (s.pendingJobs) return { ...base, message: `正在打印（${s.pendingJobs} 张）`, messageEn: `Printing (${s.pendingJobs})` };
  return s.paperLow
    ? { ...base, message: '打印纸快用完了，请备好新纸卷', messageEn: 'Paper is running low: have a new roll ready' }
    : { ...base, message: '打印机正常', messageEn: 'Printer ready' };
}

/** The hub's own address as a phone on the hall LAN can reach it: a LAN IPv4 when bound to all interfaces. */
function ownAddress(http: HttpServer | null): string {
  const addr = http?.address();
  if (!addr || typeof addr === 'string') return 'http://localhost:8080';
  let host = addr.address;
  if (host === '0.0.0.0' || host === '::') {
    const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    host = lan?.address ?? '127.0.0.1';
  }
  if (host.includes(':')) host = `[${host}]`;
  return `http://${host}:${addr.port}`;
}
