import iconv from 'iconv-lite';

/**
 * The few ESC/POS commands a ticket needs, written out byte by byte as Epson's command reference
 * gives them. Character size is always set with GS ! (it sizes ASCII and Chinese alike; ESC !
 * sizes ASCII only on Chinese models) and put back with GS ! 0 after every sized line.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;

/** DLE EOT 2: offline status (cover open, stopped by paper end, error). Answered at once, even mid-job. */
export const ASK_OFFLINE = Buffer.from([DLE, EOT, 2]);
/** DLE EOT 4: roll paper sensor (near end, end). Answered at once. */
export const ASK_PAPER = Buffer.from([DLE, EOT, 4]);
/**
 * GS r 1: paper sensor status, answered only once everything before it has been processed, so its
 * answer after a job shows the printer really read the job.
 */
export const ASK_AFTER_JOB = Buffer.from([GS, 0x72, 1]);

export type Align = 'left' | 'center';

export class EscPos {
  private readonly parts: Buffer[] = [];

  raw(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @, then the China character set (ESC R 15) and Chinese character mode (FS &). */
  init(): this {
    return this.raw(ESC, 0x40).raw(ESC, 0x52, 15).raw(FS, 0x26);
  }

  align(a: Align): this {
    return this.raw(ESC, 0x61, a === 'center' ? 1 : 0);
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  invert(on: boolean): this {
    return this.raw(GS, 0x42, on ? 1 : 0);
  }

  /** GS ! n: width and height multipliers 1–8 for every character, Chinese included. */
  size(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, width)) - 1;
    const h = Math.min(8, Math.max(1, height)) - 1;
    return this.raw(GS, 0x21, (w << 4) | h);
  }

  /** One line of GBK text and a line feed. */
  line(text = ''): this {
    this.parts.push(iconv.encode(text, 'GBK'), Buffer.from([0x0a]));
    return this;
  }

  /** ESC d n: prints the buffer and feeds n lines. */
  feed(lines: number): this {
    return this.raw(ESC, 0x64, lines);
  }

  /**
   * A QR code (model 2) holding ASCII `data`: GS ( k functions 165 (model), 167 (cell size), 169
   * (error correction M), 180 (store) and 181 (print).
   */
  qr(data: string, cellSize: number): this {
    const bytes = Buffer.from(data, 'latin1');
    const store = bytes.length + 3;
    return this
      .raw(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0)
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, cellSize)
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31)
      .raw(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30, ...bytes)
      .raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30);
  }

  /** GS V 0: full cut. */
  cut(): this {
    return this.raw(GS, 0x56, 0);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
