import iconv from 'iconv-lite';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { centerCols, leftRight, paperColumns, wrapCols } from './width.ts';

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
  /** Marks a copy printed on request. */
  reprint?: boolean;
}

export interface LayoutOptions {
  paperMm: 58 | 80;
}

export const FOOTER = '请留意叫号，过号请重新取号';

/** ESC @: reset the printer's modes left over from the last job. */
const INIT = Buffer.from([0x1b, 0x40]);
/** FS &: Chinese character mode. GB18030-firmware printers need it after a job switched it off. */
const CHINESE_MODE_ON = Buffer.from([0x1c, 0x26]);

/**
 * The printer's code page is GBK (node-thermal-printer's CHINA encodes as EUC-CN/cp936). A
 * character GBK lacks (an emoji, say) would make the library hunt through other code pages and
 * switch the printer away from Chinese for the rest of the ticket, so such characters become "?"
 * before the library sees them.
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
 * Renders one ticket to ESC/POS bytes with node-thermal-printer (EPSON command set, GBK code page
 * always). Sending is separate (see tcpSend.ts) so an unreachable printer fails fast and the
 * bytes can be tested without a printer.
 */
export function renderTicket(t: TicketPrint, opts: LayoutOptions = { paperMm: 80 }): Buffer {
  const cols = paperColumns(opts.paperMm);
  // No interface: the printer object only builds the buffer. The constructor already puts the
  // CHINA code page select (ESC R 15) first.
  const p = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: '',
    width: cols,
    characterSet: CharacterSet.CHINA,
    breakLine: BreakLine.NONE,
  });
  // ESC @ resets the code page, so the job starts with it and selects China after it.
  p.setBuffer(INIT);
  p.setCharacterSet(CharacterSet.CHINA);
  p.append(CHINESE_MODE_ON);

  const line = (s: string) => p.println(gbkSafe(s));
  p.alignCenter();
  p.setTextDoubleHeight();
  p.bold(true);
  for (const l of wrapCols(t.hallName, cols)) line(l);
  p.bold(false);
  p.setTextNormal();
  if (t.reprint) line('（补打）');
  line('-'.repeat(cols));

  p.setTextSize(1, 1);
  p.bold(true);
  line(t.number);
  p.bold(false);
  p.setTextNormal();
  p.setTextDoubleHeight();
  for (const l of wrapCols(t.serviceName, cols)) line(l);
  p.setTextNormal();
  if (t.priority) {
    p.invert(true);
    line(' 优先 · 绿色通道 ');
    p.invert(false);
  }
  p.newLine();

  p.alignLeft();
  line(leftRight('您前面还有', `${t.ahead} 人`, cols));
  line(leftRight('预计等待', t.estimatedWaitMin > 0 ? `约 ${t.estimatedWaitMin} 分钟` : '即将叫号', cols));
  line(leftRight('取号时间', t.issuedLocal, cols));
  line('-'.repeat(cols));

  p.alignCenter();
  p.printQR(asciiUrl(t.url), { cellSize: opts.paperMm === 58 ? 4 : 6, correction: 'M', model: 2 });
  p.newLine();
  line(centerCols('扫码查看排队进度', cols).trimEnd());
  p.newLine();
  p.bold(true);
  for (const l of wrapCols(FOOTER, cols)) line(l);
  p.bold(false);
  p.cut();
  return p.getBuffer();
}

/** "2026-11-23T08:00:05.000+08:00" (already in hall time) → "2026-11-23 08:00:05". */
export function localStamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
