import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callClips, callText, speechText } from '../../display/callSpeech.ts';
import { renderTicket, type TicketPrint } from '../../server/printing/ticketLayout.ts';
import { readAsEpson } from '../support/epsonReading.ts';

/** Numbers past 999 (A1000) as the wall display says them and the kiosk prints them. */
const AUDIO = join(import.meta.dirname, '../../ui/public/audio');

describe('a four-digit number is announced', () => {
  it('in the text on screen as it is numbered', () => {
    expect(callText('A1000', 3)).toBe('请 A1000 号 到 3 号窗口 办理');
  });

  it('by clips digit by digit, every clip of which exists', () => {
    const clips = callClips('A1000', 12);
    expect(clips).toEqual(['qing', 'A', '1', '0', '0', '0', 'hao', 'dao', 'ten', '2', 'hao', 'chuangkou', 'banli']);
    for (const c of clips) expect(existsSync(join(AUDIO, `${c}.ogg`)), `${c}.ogg`).toBe(true);
  });

  it('to a speech engine spelled in Chinese digits, never as a thousand', () => {
    expect(speechText('A1000', 3)).toBe('请 A 一 零 零 零 号 到 3 号窗口 办理');
    expect(speechText('B9999', 6)).toBe('请 B 九 九 九 九 号 到 6 号窗口 办理');
    expect(speechText('A001', 1)).toBe('请 A 零 零 一 号 到 1 号窗口 办理');
  });
});

describe('a four-digit number is printed', () => {
  const ticket: TicketPrint = {
    hallName: '示例镇便民服务中心', number: 'A1000', serviceName: '社保医保', priority: false, ahead: 12, estimatedWaitMin: 40,
    issuedLocal: '2026-11-23 15:02:11', url: 'http://192.168.1.10:8080/t/20261123-0a1b2c3d4e',
  };
  for (const paperMm of [80, 58] as const) {
    it(`whole, on one line, at the number's full size on ${paperMm} mm paper`, () => {
      const { lines } = readAsEpson(renderTicket(ticket, { paperMm }));
      const number = lines.find((l) => l.text.includes('A1000'));
      expect(number, 'a line holding A1000').toBeDefined();
      expect(number!.text.trim()).toBe('A1000');
      expect(number!.height).toBeGreaterThanOrEqual(3);
      expect(number!.chars.reduce((w, c) => w + c.width, 0)).toBeLessThanOrEqual(paperMm === 58 ? 32 : 48);
    });
  }
});
