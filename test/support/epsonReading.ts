import iconv from 'iconv-lite';

/**
 * How an Epson printer with Chinese firmware would print a job, per Epson's ESC/POS reference:
 * - `ESC ! n` sets the size of ASCII (ANK) characters only (bit 4 double height, bit 5 double width);
 * - `FS ! n` sets the size of Chinese characters only (bit 2 double width, bit 3 double height);
 * - `GS ! n` sets the size of both (bits 0–2 height − 1, bits 4–6 width − 1); for each kind of
 *   character the last of these commands received wins;
 * - `ESC @` resets sizes, alignment and emphasis; `ESC a` aligns, `ESC E` emphasises;
 * - `ESC d n` prints and feeds n lines; LF prints the line.
 * Each printed line is kept with the size every character got, so a test can ask how big the
 * number really came out and whether a size leaked into later lines.
 */
export interface PrintedChar {
  ch: string;
  width: number;
  height: number;
  bold: boolean;
}
export interface PrintedLine {
  text: string;
  align: 'left' | 'center' | 'right';
  chars: PrintedChar[];
  /** Largest height multiplier on the line (1 for an empty line). */
  height: number;
  /** Largest width multiplier on the line. */
  width: number;
}
export interface EpsonReading {
  lines: PrintedLine[];
  /** Lines fed by ESC d, in order of the commands. */
  feeds: number[];
  /** Real-time and status requests found in the job (DLE EOT n, GS r n). */
  statusRequests: string[];
}

interface Size {
  w: number;
  h: number;
}

export function readAsEpson(buf: Buffer): EpsonReading {
  let ascii: Size = { w: 1, h: 1 };
  let kanji: Size = { w: 1, h: 1 };
  let align: PrintedLine['align'] = 'left';
  let bold = false;
  let chars: PrintedChar[] = [];
  const lines: PrintedLine[] = [];
  const feeds: number[] = [];
  const statusRequests: string[] = [];
  const flush = () => {
    const text = chars.map((c) => c.ch).join('');
    lines.push({
      text, align, chars,
      height: Math.max(1, ...chars.map((c) => c.height)),
      width: Math.max(1, ...chars.map((c) => c.width)),
    });
    chars = [];
  };
  const put = (ch: string, wide: boolean) => {
    const s = wide ? kanji : ascii;
    chars.push({ ch, width: s.w, height: s.h, bold });
  };
  let i = 0;
  const at = (k: number) => {
    if (i + k >= buf.length) throw new Error(`command cut short at byte ${i}`);
    return buf[i + k]!;
  };
  while (i < buf.length) {
    const b = buf[i]!;
    if (b === 0x1b) {
      const c = at(1);
      if (c === 0x40) {
        ascii = { w: 1, h: 1 };
        kanji = { w: 1, h: 1 };
        align = 'left';
        bold = false;
        i += 2;
        continue;
      }
      const n = at(2);
      if (c === 0x21) ascii = { w: n & 0x20 ? 2 : 1, h: n & 0x10 ? 2 : 1 };
      else if (c === 0x61) align = (['left', 'center', 'right'] as const)[n % 48] ?? 'left';
      else if (c === 0x45) bold = (n & 1) === 1;
      else if (c === 0x64) {
        if (chars.length) flush();
        feeds.push(n);
      } else if (![0x52, 0x74, 0x2d, 0x4d, 0x33, 0x47, 0x7b].includes(c)) throw new Error(`unknown ESC 0x${c.toString(16)} at ${i}`);
      i += 3;
    } else if (b === 0x1d) {
      const c = at(1);
      if (c === 0x28 && at(2) === 0x6b) {
        const len = at(3) + at(4) * 256;
        i += 5 + len;
        continue;
      }
      const n = at(2);
      if (c === 0x21) {
        const s = { w: ((n >> 4) & 7) + 1, h: (n & 7) + 1 };
        ascii = s;
        kanji = s;
      } else if (c === 0x72) statusRequests.push(`GS r ${n}`);
      else if (![0x56, 0x42].includes(c)) throw new Error(`unknown GS 0x${c.toString(16)} at ${i}`);
      i += 3;
    } else if (b === 0x1c) {
      const c = at(1);
      if (c === 0x21) {
        const n = at(2);
        kanji = { w: n & 0x04 ? 2 : 1, h: n & 0x08 ? 2 : 1 };
        i += 3;
      } else i += 2; // FS & / FS .: Chinese mode on / off
    } else if (b === 0x10 && buf[i + 1] === 0x04) {
      statusRequests.push(`DLE EOT ${at(2)}`);
      i += 3;
    } else if (b === 0x0a) {
      flush();
      i += 1;
    } else if (b >= 0x81 && b <= 0xfe) {
      put(iconv.decode(buf.subarray(i, i + 2), 'gbk'), true);
      i += 2;
    } else {
      if (b >= 0x20) put(String.fromCharCode(b), false);
      i += 1;
    }
  }
  if (chars.length) flush();
  return { lines, feeds, statusRequests };
}
