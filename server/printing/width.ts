/**
 * Column arithmetic for thermal paper. A Chinese character (and any other full-width one) takes
 * two columns of the printer's font while a Latin letter takes one; node-thermal-printer's own
 * helpers count characters, so every alignment on the ticket goes through these instead.
 * 80 mm paper has 48 columns in font A, 58 mm paper 32.
 */

/** Columns per line of font A for a paper width in millimetres. */
export function paperColumns(paperMm: 58 | 80): number {
  return paperMm === 58 ? 32 : 48;
}

/** East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F) that GBK printers print double. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

/** Columns one character takes: 2 for CJK and full-width forms, 0 for controls and combining marks, else 1. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  for (const [a, b] of WIDE) if (cp >= a && cp <= b) return 2;
  return 1;
}

/** Columns a string takes on the paper. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** The longest prefix of `s` that fits in `cols` columns (a wide character never gets split in half). */
export function truncateCols(s: string, cols: number): string {
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > cols) break;
    w += cw;
    out += ch;
  }
  return out;
}

export function padEndCols(s: string, cols: number): string {
  return s + ' '.repeat(Math.max(0, cols - textWidth(s)));
}

export function padStartCols(s: string, cols: number): string {
  return ' '.repeat(Math.max(0, cols - textWidth(s))) + s;
}

/** `s` centred in `cols` columns with spaces (the odd column goes to the right). */
export function centerCols(s: string, cols: number): string {
  const fit = truncateCols(s, cols);
  const free = cols - textWidth(fit);
  const left = Math.floor(free / 2);
  return ' '.repeat(left) + fit + ' '.repeat(free - left);
}

/**
 * One line with `left` flush left and `right` flush right. When both do not fit, the left side
 * is shortened so the figure on the right always stays readable.
 */
export function leftRight(left: string, right: string, cols: number): string {
  const r = truncateCols(right, cols);
  const room = cols - textWidth(r);
  const l = textWidth(left) + 1 > room ? truncateCols(left, Math.max(0, room - 1)) : left;
  return l + ' '.repeat(cols - textWidth(l) - textWidth(r)) + r;
}

/** Splits text into lines of at most `cols` columns, at spaces where Latin words allow, anywhere between CJK characters. */
export function wrapCols(text: string, cols: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineW = 0;
    // Tokens: a run of non-space Latin characters stays together; each wide character stands alone.
    const tokens = para.match(/[\u0020]+|[^\s\u1100-\uffff]+|[\s\S]/gu) ?? [];
    for (const tok of tokens) {
      const w = textWidth(tok);
      if (lineW + w <= cols) {
        line += tok;
        lineW += w;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
      lineW = 0;
      if (tok.trim() === '') continue;
      let rest = tok;
      while (textWidth(rest) > cols) {
        const head = truncateCols(rest, cols);
        if (!head) break;
        lines.push(head);
        rest = rest.slice(head.length);
      }
      line = rest;
      lineW = textWidth(rest);
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}
