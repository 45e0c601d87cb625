/**
 * A PostgreSQL array literal (`{"a","b",NULL,12,t}`) of one column of a batch's rows, built in one
 * pass. node-postgres builds the same literal from a JS array, but runs two regular expressions
 * over every element; for the ticket rows of a 5,000-event batch that was a tenth of the centre's
 * CPU. Strings are quoted, with `\` and `"` escaped only when they occur.
 */
const QUOTE_OR_BACKSLASH = /["\\]/;
const QUOTE_OR_BACKSLASH_ALL = /["\\]/g;

export function arrayLiteral(list: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < list.length; i++) {
    if (i) out += ',';
    const v = list[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'string') out += QUOTE_OR_BACKSLASH.test(v) ? `"${v.replace(QUOTE_OR_BACKSLASH_ALL, '\\$&')}"` : `"${v}"`;
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else if (typeof v === 'number' && Number.isFinite(v)) out += String(v);
    else throw new TypeError(`not an array element PostgreSQL takes here: ${typeof v}`);
  }
  return `${out}}`;
}
