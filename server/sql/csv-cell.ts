// One CSV cell (RFC 4180), made safe to open in a spreadsheet.
//
// Excel, LibreOffice Calc and Google Sheets run a cell whose first character is `=`, `+`, `-`,
// `@`, tab or CR as a formula ("CSV injection": =HYPERLINK(…) leaks data, =cmd|… ran programs in
// older Excel). Following OWASP, such a cell gets a leading single quote — the spreadsheets' own
// "this is text" marker, which they hide — and is quoted. Text that only *looks* like a number is
// escaped too ("-3+A1", and also the VARCHAR "-3"), because whether a cell is data or a formula
// must not depend on guessing: the escape is decided by the value's type. A number from the
// engine (a JS number, or a numeric column's exact decimal string, which is how big integers
// and decimals arrive) is written as it is, so -3 stays -3 and sums still work.
//
// Not escaped: the full-width equals sign ＝ (U+FF1D) and other look-alikes. Spreadsheets start a
// formula only with the ASCII characters above when they read a file (Japanese Excel turns ＝
// into = only while a person types), so escaping them would change data and protect nothing.
//
// Cells are also quoted when they hold `;`: Excel in locales whose list separator is `;` splits
// an unquoted "a;=1+1" into two cells, the second of them a formula.

/** SQL types whose values are numbers (DuckDB's and Trino's spellings, any case, with (p,s)). */
const NUMERIC_TYPE =
  /^(u?(tiny|small|big|huge)?int(eger)?|u?hugeint|int[1248]|varint|bignum|decimal(\(\s*\d+\s*(,\s*\d+\s*)?\))?|numeric(\(.*\))?|double( precision)?|real|float[48]?)$/i;
/** An exact decimal as engines write big integers and decimals: -123, 0.50, -1.5e-7. */
const DECIMAL_LITERAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** First characters that make a spreadsheet read the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that need the cell quoted: separators (`,` and Excel's `;`), quotes, line breaks. */
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Writes `value` as a CSV cell; `numericColumn` says the engine typed the column as a number. */
export function csvCell(value: unknown, numericColumn = false): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string" && numericColumn && DECIMAL_LITERAL.test(value)) return value;
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) return quoted(`'${text}`);
  return NEEDS_QUOTES.test(text) ? quoted(text) : text;
}
