// Copying from the grid as tab-separated values, the format spreadsheets paste into cells. A
// value with a tab, a line break or a quote is quoted (quotes doubled), as spreadsheets expect;
// NULL is an empty cell; nested values are JSON. Raw values, not the grid's display format, so
// every digit of a big integer or decimal survives the paste.

export function tsvValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines of cells; `header` (column names) first when given. */
export function toTsv(lines: unknown[][], header?: string[]): string {
  const out = header ? [header.map(tsvValue).join("\t")] : [];
  for (const cells of lines) out.push(cells.map(tsvValue).join("\t"));
  return out.join("\n");
}

export type CellRange = { rowStart: number; rowEnd: number; colStart: number; colEnd: number };

/**
 * The cells of a rectangle of the grid as it is shown: `rowAt` maps a shown row to its values,
 * `columns` the shown column positions to result columns (pinned first, hidden ones left out).
 * Both ends inclusive.
 */
export function rangeToTsv(range: CellRange, rowAt: (shownRow: number) => unknown[] | undefined, columns: number[], header?: string[]): string {
  const cols = columns.slice(range.colStart, range.colEnd + 1);
  const lines: unknown[][] = [];
  for (let r = range.rowStart; r <= range.rowEnd; r++) {
    const row = rowAt(r);
    lines.push(cols.map((c) => row?.[c] ?? null));
  }
  return toTsv(lines, header ? cols.map((c) => header[c] ?? "") : undefined);
}
