// What kind of values a result column holds, from its SQL type (DuckDB and Trino spellings):
// it decides how the grid sorts, filters and formats the column.
import { isNumericType } from "../cell-format";

export type ColumnKind = "number" | "date" | "boolean" | "text";

const DATE_TYPE = /^(DATE|TIMESTAMP|DATETIME|TIMESTAMPTZ|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS)\b|^TIMESTAMP\s*\(\s*\d+\s*\)|^TIMESTAMP\s+WITH/i;

export function columnKind(sqlType: string): ColumnKind {
  const type = sqlType.trim();
  if (isNumericType(type)) return "number";
  if (DATE_TYPE.test(type)) return "date";
  if (/^BOOL(EAN)?$/i.test(type)) return "boolean";
  return "text";
}

/**
 * A value's sort key: numbers for numbers and dates (NaN for NULL or a value that does not
 * parse), strings for everything else (null for NULL). Big integers and decimals arrive as
 * strings; as doubles they order correctly except between neighbours beyond 2^53.
 */
export function numericKey(value: unknown, kind: ColumnKind): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string" || value.trim() === "") return Number.NaN;
  return kind === "date" ? dateMs(value) : Number(value);
}

/** Milliseconds since the epoch of a date/timestamp string the engines send ("2001-01-02", "2001-01-02 06:30:00.123", with or without a zone). */
export function dateMs(text: string): number {
  // "YYYY-MM-DD hh:mm:ss[.ffffff]" is read as UTC so that sorting never depends on the
  // browser's zone or daylight-saving gaps; Date.parse needs the "T" and at most milliseconds.
  const iso = text.replace(" ", "T").replace(/(\.\d{3})\d+/, "$1");
  const withZone = /T.*([zZ]|[+-]\d\d(:?\d\d)?)$/.test(iso) ? iso.replace(/([+-]\d\d)$/, "$1:00") : /T/.test(iso) ? `${iso}Z` : `${iso}T00:00:00Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? Date.parse(text) : ms;
}

export function textKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
