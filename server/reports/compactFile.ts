import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { COLUMN_TYPES, COLUMNS, type DayColumnArrays, type DayColumns } from '../../shared/reports/dayColumns.ts';

/**
 * A closed day's ticket columns on disk (data/reports/YYYY-MM-DD.bin), so a year's report reads
 * 250 small files of packed integers instead of a gigabyte of journal lines:
 *
 *   "HQR" + format version (4 bytes) | header length (u32 LE) | header JSON, padded to 4 bytes |
 *   one LE array per column (count each, of the column's width, padded to 4 bytes) |
 *   transfer rows, transfer services (Int32, each `transfers`) |
 *   labels JSON { ids, numbers } (read only when a flagged ticket needs its number)
 *
 * The header records the size of the journal file it came from: a journal that changed since
 * (a late day close, a repair) makes the file stale and it is rebuilt.
 */
const MAGIC = 'HQR';
/** Bump when the meaning of a column changes: old files are then rebuilt from the journals. 3: slotStart, moves. */
export const FORMAT_VERSION = 3;

const pad4 = (bytes: number) => (bytes + 3) & ~3;
/** Bytes of the columns and transfer arrays of a day of `count` tickets and `transfers` moves. */
const bodyBytes = (count: number, transfers: number) =>
  COLUMNS.reduce((s, c) => s + pad4(count * COLUMN_TYPES[c].BYTES_PER_ELEMENT), 0) + 2 * transfers * 4;

interface Header {
  day: string;
  baseMs: number;
  count: number;
  transfers: number;
  services: string[];
  windows: string[];
  staff: string[];
  facts: DayColumns['facts'];
  journalSize: number;
}

export function encodeDay(d: DayColumns, journalSize: number): Buffer {
  const header: Header = {
    day: d.day, baseMs: d.baseMs, count: d.count, transfers: d.transferRows.length, services: d.services,
    windows: d.windows, staff: d.staff, facts: d.facts, journalSize,
  };
  let head = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (4 - ((8 + head.length) % 4)) % 4;
  if (pad) head = Buffer.concat([head, Buffer.alloc(pad, 0x20)]);
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt8(FORMAT_VERSION, 3);
  prefix.writeUInt32LE(head.length, 4);
  const arrays: Buffer[] = [];
  for (const a of [...COLUMNS.map((c) => d.cols[c]), d.transferRows, d.transferServices]) {
    arrays.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    if (a.byteLength % 4) arrays.push(Buffer.alloc(4 - (a.byteLength % 4)));
  }
  const labels = Buffer.from(JSON.stringify(d.labels()), 'utf8');
  return Buffer.concat([prefix, head, ...arrays, labels]);
}

/** The day in the file, or null when the file is of another format or unreadable. */
export function decodeDay(buf: Buffer): { day: DayColumns; journalSize: number } | null {
  if (buf.length < 8 || buf.toString('latin1', 0, 3) !== MAGIC || buf.readUInt8(3) !== FORMAT_VERSION) return null;
  const headLen = buf.readUInt32LE(4);
  let h: Header;
  try {
    h = JSON.parse(buf.toString('utf8', 8, 8 + headLen)) as Header;
  } catch {
    return null;
  }
  let off = 8 + headLen;
  const need = off + bodyBytes(h.count, h.transfers);
  if (buf.length < need) return null;
  // Typed views need 4-byte alignment in the underlying memory; copy once if the read buffer lacks it.
  const body = (buf.byteOffset + off) % 4 === 0 ? buf : Buffer.from(buf);
  type Typed = Int32ArrayConstructor | Int16ArrayConstructor | Int8ArrayConstructor;
  const take = (type: Typed, n: number) => {
    const a = new type(body.buffer as ArrayBuffer, body.byteOffset + off, n);
    off += pad4(n * type.BYTES_PER_ELEMENT);
    return a;
  };
  const cols = Object.fromEntries(COLUMNS.map((c) => [c, take(COLUMN_TYPES[c], h.count)])) as unknown as DayColumnArrays;
  const transferRows = take(Int32Array, h.transfers) as Int32Array;
  const transferServices = take(Int32Array, h.transfers) as Int32Array;
  const labelBytes = buf.subarray(off);
  let labels: { ids: string[]; numbers: string[] } | null = null;
  const day: DayColumns = {
    day: h.day, baseMs: h.baseMs, count: h.count, services: h.services, windows: h.windows, staff: h.staff, cols,
    transferRows, transferServices, facts: h.facts,
    labels: () => {
      try {
        labels ??= JSON.parse(labelBytes.toString('utf8')) as { ids: string[]; numbers: string[] };
      } catch {
        labels = { ids: [], numbers: [] };
      }
      return labels;
    },
  };
  return { day, journalSize: h.journalSize };
}

/**
 * Reads a day file without its labels: they are a third of the file and only a flagged ticket
 * needs them, so they are read from the file again when asked for.
 */
export function readDayFile(path: string): { day: DayColumns; journalSize: number } | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const prefix = Buffer.alloc(8);
    if (readSync(fd, prefix, 0, 8, 0) < 8) return null;
    const headLen = prefix.readUInt32LE(4);
    const head = Buffer.alloc(headLen);
    readSync(fd, head, 0, headLen, 8);
    let count = 0;
    let transfers = 0;
    try {
      ({ count, transfers } = JSON.parse(head.toString('utf8')) as Header);
    } catch {
      return null;
    }
    const bodyLen = bodyBytes(count, transfers);
    const buf = Buffer.alloc(8 + headLen + bodyLen);
    prefix.copy(buf, 0);
    head.copy(buf, 8);
    if (readSync(fd, buf, 8 + headLen, bodyLen, 8 + headLen) < bodyLen) return null;
    const parsed = decodeDay(buf);
    if (!parsed) return null;
    parsed.day.labels = () => recentLabels(path);
    return parsed;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Labels of the few days read last. A report lists at most 200 flagged tickets, but finding them
 * may touch most days of a year; kept with each day, a year's labels would stay in memory for
 * good (60 MB for a busy hall), kept here they are bounded.
 */
const labelCache = new Map<string, ReturnType<DayColumns['labels']>>();
const LABEL_DAYS = 8;

function recentLabels(path: string): ReturnType<DayColumns['labels']> {
  let labels = labelCache.get(path);
  if (labels) {
    labelCache.delete(path);
  } else {
    let whole: ReturnType<typeof decodeDay> = null;
    try {
      whole = decodeDay(readFileSync(path));
    } catch {
      // A file removed since (data/reports/ may be deleted at any time): numbers are left blank.
    }
    labels = whole?.day.labels() ?? { ids: [], numbers: [] };
    if (labelCache.size >= LABEL_DAYS) labelCache.delete(labelCache.keys().next().value!);
  }
  labelCache.set(path, labels);
  return labels;
}

/** Written beside and renamed into place, so a crash never leaves half a file under the real name. */
export function writeDayFile(path: string, d: DayColumns, journalSize: number): void {
  labelCache.delete(path);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, encodeDay(d, journalSize));
  renameSync(tmp, path);
}
