import { describe, expect, it } from 'vitest';
import { asciiUrl, gbkSafe, renderTicket, type TicketPrint } from '../../server/printing/ticketLayout.ts';
import { textWidth } from '../../server/printing/width.ts';
import { readAsEpson, type PrintedLine } from '../support/epsonReading.ts';
import { decodeEscPos } from '../support/fakePrinter.ts';

const ticket: TicketPrint = {
  hallName: '示例镇便民服务中心', number: 'B007', serviceName: '民政救助', priority: false, ahead: 4, estimatedWaitMin: 18,
  issuedLocal: '2026-11-23 09:41:07', url: 'http://192.168.1.10:8080/t/20261123-0a1b2c3d4e',
};

describe('a ticket laid out in ESC/POS', () => {
  it('selects the China code page and Chinese mode after the reset, before any text', () => {
    const { commands } = decodeEscPos(renderTicket(ticket));
    const reset = commands.indexOf('ESC @');
    expect(reset).toBeGreaterThanOrEqual(0);
    expect(commands.slice(reset + 1, reset + 3)).toEqual(['ESC R 15', 'FS &']);
    // No other code page is ever selected.
    expect(commands.filter((c) => c.startsWith('ESC R') && c !== 'ESC R 15')).toEqual([]);
  });

  it('prints hall, number, service, where to go, people ahead, wait, time, footer and cuts', () => {
    const buf = renderTicket({ ...ticket, windows: [3, 5] });
    const { text, commands } = decodeEscPos(buf);
    for (const s of ['示例镇便民服务中心', 'B007', '民政救助', '请到 3、5 号窗口办理', '您前面还有', '4 人', '约 18 分钟', '2026-11-23 09:41:07', '请留意叫号，过号请重新取号']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('优先');
    expect(text).not.toContain('补打');
    expect(commands).toContain('GS V 0');
    expect(commands.indexOf('GS V 0')).toBeGreaterThan(commands.lastIndexOf('GS ( k 81'));
  });

  it('stores exactly the ASCII URL in the QR symbol and prints it', () => {
    const { qr, commands } = decodeEscPos(renderTicket(ticket));
    expect(qr).toEqual([ticket.url]);
    expect(commands.indexOf('GS ( k 80')).toBeLessThan(commands.indexOf('GS ( k 81'));
  });

  it('aligns the figure rows to the paper width counting Chinese as two columns', () => {
    for (const [paperMm, cols] of [[80, 48], [58, 32]] as const) {
      const lines = decodeEscPos(renderTicket(ticket, { paperMm })).text.split('\n');
      const row = lines.find((l) => l.startsWith('您前面还有'))!;
      expect(textWidth(row)).toBe(cols);
      expect(row.endsWith('4 人')).toBe(true);
      expect(textWidth(lines.find((l) => l.startsWith('取号时间'))!)).toBe(cols);
    }
  });

  it('marks a priority ticket and a reprint', () => {
    const { text } = decodeEscPos(renderTicket({ ...ticket, priority: true, reprint: true }));
    expect(text).toContain('优先');
    expect(text).toContain('补打');
  });

  it('keeps the printer on GBK when a name holds a character GBK lacks', () => {
    const buf = renderTicket({ ...ticket, hallName: '示例镇😀服务中心', serviceName: '社保ü医保' });
    const { text, commands } = decodeEscPos(buf);
    expect(commands.filter((c) => c.startsWith('ESC R'))).toEqual(['ESC R 15']);
    expect(text).toContain('示例镇?服务中心');
    expect(text).toContain('社保ü医保');
    expect(gbkSafe('办理 №1 €')).toBe('办理 №1 ?');
  });

  it('keeps QR content ASCII', () => {
    expect(asciiUrl('http://大厅.local/t/1')).toBe('http://%E5%A4%A7%E5%8E%85.local/t/1');
    expect(asciiUrl(ticket.url)).toBe(ticket.url);
  });
});

/** The printed line holding `text`, as Epson's Chinese firmware would print it. */
function lineWith(lines: PrintedLine[], text: string): PrintedLine {
  const l = lines.find((x) => x.text.includes(text));
  if (!l) throw new Error(`no printed line holds "${text}"`);
  return l;
}

describe('a ticket as an Epson printer with Chinese firmware prints it', () => {
  for (const paperMm of [80, 58] as const) {
    it(`makes the number the largest thing on ${paperMm} mm paper, at least three times the normal size`, () => {
      const { lines } = readAsEpson(renderTicket(ticket, { paperMm }));
      const number = lineWith(lines, 'B007');
      expect(number.height).toBeGreaterThanOrEqual(3);
      expect(number.width).toBeGreaterThanOrEqual(3);
      for (const l of lines) if (l !== number) expect(l.height).toBeLessThan(number.height);
      // Six columns per character at most on 58 mm: the number still fits one line.
      expect(number.chars.reduce((w, c) => w + c.width, 0)).toBeLessThanOrEqual(paperMm === 58 ? 32 : 48);
    });
  }

  it('sizes Chinese names with GS ! (Epson applies ESC ! to ASCII only) and never uses ESC !', () => {
    const buf = renderTicket(ticket);
    expect(decodeEscPos(buf).commands.filter((c) => c.startsWith('ESC !'))).toEqual([]);
    const { lines } = readAsEpson(buf);
    const hall = lineWith(lines, '示例镇便民服务中心');
    expect(hall.chars.every((c) => c.height === 2)).toBe(true);
    const service = lineWith(lines, '民政救助');
    expect(service.chars.every((c) => c.height === 2 && c.width === 2)).toBe(true);
  });

  it('puts the size back to normal (GS ! 0) after the number and the service, so later Chinese lines print normal', () => {
    const buf = renderTicket({ ...ticket, priority: true, windows: [2] });
    const { commands } = decodeEscPos(buf);
    const sizes = commands.filter((c) => c.startsWith('GS !'));
    // Every size set is followed by a reset before the next one.
    sizes.forEach((c, i) => expect(c === 'GS ! 0' || sizes[i + 1] === 'GS ! 0').toBe(true));
    const { lines } = readAsEpson(buf);
    const after = lines.slice(lines.indexOf(lineWith(lines, '民政救助')) + 1);
    for (const text of ['优先', '请到 2 号窗口办理', '您前面还有', '预计等待', '取号时间', '扫码查看排队进度', '请留意叫号']) {
      const l = lineWith(after, text);
      expect(l.chars.every((c) => c.width === 1 && c.height === 1), text).toBe(true);
    }
  });

  it('centres the QR caption once: by the printer, with no padding of its own', () => {
    for (const paperMm of [80, 58] as const) {
      const { lines } = readAsEpson(renderTicket(ticket, { paperMm }));
      const caption = lineWith(lines, '扫码查看排队进度');
      expect(caption.align).toBe('center');
      expect(caption.text).toBe('扫码查看排队进度');
    }
  });

  it('feeds the paper once before the cut (ESC d 4), not twice', () => {
    const buf = renderTicket(ticket);
    const { commands } = decodeEscPos(buf);
    expect(commands.filter((c) => c.startsWith('ESC d'))).toEqual(['ESC d 4']);
    expect(commands.filter((c) => c.startsWith('GS V'))).toEqual(['GS V 0']);
    expect(commands.indexOf('ESC d 4')).toBe(commands.indexOf('GS V 0') - 1);
    // No vertical tabs or stray blank lines after the footer either.
    const { lines } = readAsEpson(buf);
    expect(lines.at(-1)!.text).toContain('请留意叫号');
  });

  it('marks a late copy （补打） in large print near the top', () => {
    const { lines } = readAsEpson(renderTicket({ ...ticket, reprint: true }));
    const mark = lineWith(lines, '（补打）');
    expect(lines.indexOf(mark)).toBeLessThan(lines.indexOf(lineWith(lines, 'B007')));
    expect(mark.height).toBe(2);
  });
});
