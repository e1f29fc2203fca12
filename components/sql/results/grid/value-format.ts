// Per-column display formats the person picks in the column menu: numbers with thousands
// separators and/or a fixed number of decimals, dates as sent (ISO) or in the browser's locale
// and zone. Only the display changes; sorting, filtering and copying use the raw value.
import { formatCell, type CellText } from "../cell-format";
import { dateMs, type ColumnKind } from "./column-kind";

export type NumberFormat = { thousands: boolean; /** null: as many as the value has */ decimals: number | null };
export type DateFormat = "iso" | "local";
export type ColumnFormat = { number?: NumberFormat; date?: DateFormat };

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(thousands: boolean, decimals: number): Intl.NumberFormat {
  const key = `${thousands}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { useGrouping: thousands, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format;
}

const localDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const localDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Thousands separators inside a digit string, without going through a double (keeps every digit). */
function groupDigits(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function formatNumber(value: number | string, format: NumberFormat): string {
  const text = String(value);
  const exact = /^-?\d+(\.\d+)?$/.test(text);
  if (format.decimals === null) {
    if (!format.thousands) return text;
    if (!exact) return typeof value === "number" ? numberFormat(true, 0).format(value).replace(/\.0+$/, "") : text;
    const [int, frac] = text.split(".");
    return frac === undefined ? groupDigits(int!) : `${groupDigits(int!)}.${frac}`;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) return text;
  return numberFormat(format.thousands, format.decimals).format(n);
}

export function formatDate(value: string, format: DateFormat): string {
  if (format === "iso") return value;
  const ms = dateMs(value);
  if (Number.isNaN(ms)) return value;
  // A plain DATE (no time part) is a calendar day: shown in UTC so it never moves a day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return localDate.format(new Date(ms + new Date(ms).getTimezoneOffset() * 60_000));
  return localDateTime.format(new Date(ms));
}

/** The cell as shown, with the column's format applied when the value fits it. */
export function formatCellAs(value: unknown, kind: ColumnKind, format: ColumnFormat | undefined): CellText {
  const base = formatCell(value);
  if (!format || base.kind === "null") return base;
  if (kind === "number" && format.number && (typeof value === "number" || typeof value === "string")) return { text: formatNumber(value, format.number), kind: base.kind };
  if (kind === "date" && format.date && typeof value === "string") return { text: formatDate(value, format.date), kind: "text" };
  return base;
}
