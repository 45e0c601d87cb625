import { describe, expect, it } from 'vitest';
import { asciiUrl, gbkSafe, renderTicket, type TicketPrint } from '../../server/printing/ticketLayout.ts';
import { textWidth } from '../../server/printing/width.ts';
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

  it('prints hall, number (double size), service, people ahead, wait, time, footer and cuts', () => {
    const buf = renderTicket(ticket);
    const { text, commands } = decodeEscPos(buf);
    for (const s of ['示例镇便民服务中心', 'B007', '民政救助', '您前面还有', '4 人', '约 18 分钟', '2026-11-23 09:41:07', '请留意叫号，过号请重新取号']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('优先');
    expect(text).not.toContain('补打');
    // The number is printed right after "GS ! 0x11" (double width and height).
    const big = buf.indexOf(Buffer.from([0x1d, 0x21, 0x11]));
    expect(big).toBeGreaterThan(0);
    expect(buf.indexOf(Buffer.from('B007'), big)).toBeGreaterThan(big);
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
