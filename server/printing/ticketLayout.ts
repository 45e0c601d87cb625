import iconv from 'iconv-lite';
import { EscPos } from './escpos.ts';
import { leftRight, paperColumns, wrapCols } from './width.ts';

/** What a printed ticket shows; built from the ticket view and the hall config. */
export interface TicketPrint {
  hallName: string;
  number: string;
  serviceName: string;
  priority: boolean;
  ahead: number;
  estimatedWaitMin: number;
  /** Issue time as the hall's clock read it: "2026-11-23 08:00:05". */
  issuedLocal: string;
  /** ASCII URL of the ticket's status page, put in the QR code. */
  url: string;
  /** Marks a copy printed on request, or a ticket held back by a printer fault and printed later. */
  reprint?: boolean;
  /** Numbers of the windows serving the service: where to go. */
  windows?: number[];
}

export interface LayoutOptions {
  paperMm: 58 | 80;
}

export const FOOTER = '请留意叫号，过号请重新取号';

/**
 * The printer's code page is GBK. A character GBK lacks (an emoji, say) has no bytes the printer
 * could print, so it becomes "?" rather than garbage.
 */
export function gbkSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += printsInGbk(ch) ? ch : '?';
  }
  return out;
}

/** A two-byte GBK code that decodes back to the same character (cp936's one-byte 0x80 "€" is not one printers know). */
function printsInGbk(ch: string): boolean {
  const b = iconv.encode(ch, 'EUC-CN');
  return b.length === 2 && b[0]! >= 0x81 && iconv.decode(b, 'EUC-CN') === ch;
}

/** QR content must be ASCII: the library sizes the QR store command by characters, not bytes. */
export function asciiUrl(url: string): string {
  return url.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}

/**
 * Renders one ticket to ESC/POS bytes (GBK, China character set). The number is the largest thing
 * on the paper; every size is set with GS ! and put back with GS ! 0 on the next line, so Chinese
 * text is sized as meant on Epson's Chinese models. The paper is fed once before the cut. Sending
 * is separate (see tcpSend.ts) so the bytes can be tested without a printer.
 */
export function renderTicket(t: TicketPrint, opts: LayoutOptions = { paperMm: 80 }): Buffer {
  const cols = paperColumns(opts.paperMm);
  const p = new EscPos().init();
  const lines = (text: string, width: number) => {
    for (const l of wrapCols(gbkSafe(text), Math.floor(cols / width))) p.line(l);
  };

  p.align('center');
  p.size(1, 2).bold(true);
  lines(t.hallName, 1);
  p.bold(false).size(1, 1);
  if (t.reprint) {
    p.size(2, 2).bold(true).line('（补打）').bold(false).size(1, 1);
  }
  p.line('-'.repeat(cols));

  // 4× on 80 mm paper (a 12 mm tall number), 3× on 58 mm so six characters still fit a line.
  const big = opts.paperMm === 58 ? 3 : 4;
  p.size(big, big).bold(true).line(gbkSafe(t.number)).bold(false).size(1, 1);
  p.size(2, 2);
  lines(t.serviceName, 2);
  p.size(1, 1);
  if (t.priority) p.invert(true).line(' 优先 · 绿色通道 ').invert(false);
  if (t.windows?.length) p.bold(true).line(gbkSafe(`请到 ${t.windows.join('、')} 号窗口办理`)).bold(false);
  p.line();

  p.align('left');
  p.line(leftRight('您前面还有', `${t.ahead} 人`, cols));
  p.line(leftRight('预计等待', t.estimatedWaitMin > 0 ? `约 ${t.estimatedWaitMin} 分钟` : '即将叫号', cols));
  p.line(leftRight('取号时间', t.issuedLocal, cols));
  p.line('-'.repeat(cols));

  // Centred by the printer alone: padding the caption as well would push it off centre.
  p.align('center');
  p.qr(asciiUrl(t.url), opts.paperMm === 58 ? 4 : 6);
  p.line();
  p.line('扫码查看排队进度');
  p.line();
  p.bold(true);
  lines(FOOTER, 1);
  p.bold(false);
  // One feed carries the last line past the cutter; nothing else feeds.
  p.feed(4).cut();
  return p.bytes();
}

/** "2026-11-23T08:00:05.000+08:00" (already in hall time) → "2026-11-23 08:00:05". */
export function localStamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
