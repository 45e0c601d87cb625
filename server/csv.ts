/**
 * Every CSV the hub writes goes through here. Names, notes and reasons are typed by people (a
 * transfer reason, a service name a manager edits), so a cell may start like a formula; Excel and
 * LibreOffice would run `=HYPERLINK(…)` or `@SUM(…)` when the manager opens the export.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** A cell that a spreadsheet would read as a formula (or whose leading tab/CR hides one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Plain numbers (a negative wait difference) stay numbers. */
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A leading apostrophe makes the spreadsheet show the text as it is, never evaluate it.
  const safe = typeof v !== 'number' && FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), CRLF lines. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
