// Initial column widths, guessed from the header and the first rows (measured in characters of
// the monospace grid font), then fixed: widths that change while rows stream in would make the
// grid jump. People resize columns by dragging the header's edge.
import { formatCell } from "./cell-format";
import type { ResultColumn } from "../run/types";

export const CHAR_PX = 7.4; // a 12px monospace digit is 7.2px; a little room for rounding
/** Horizontal padding (2 × 10px), the border, and a little slack. */
export const CELL_PADDING_PX = 24;
/** The header: the name in 13px sans-serif semibold, the type in 10px uppercase below it. */
const HEADER_NAME_CHAR_PX = 8;
const HEADER_TYPE_CHAR_PX = 6.6;
export const MIN_COLUMN_PX = 64;
export const MAX_COLUMN_PX = 360;
const SAMPLE_ROWS = 200;

export function initialColumnWidths(columns: ResultColumn[], rowAt: (index: number) => unknown[] | undefined, rowCount: number): number[] {
  const chars = columns.map((c) => Math.max(c.name.length * (HEADER_NAME_CHAR_PX / CHAR_PX), c.type.length * (HEADER_TYPE_CHAR_PX / CHAR_PX)));
  for (let r = 0; r < Math.min(rowCount, SAMPLE_ROWS); r++) {
    const row = rowAt(r);
    if (!row) continue;
    for (let c = 0; c < columns.length; c++) {
      const length = formatCell(row[c]).text.length;
      if (length > chars[c]!) chars[c] = length;
    }
  }
  return chars.map((n) => clampWidth(Math.round(n * CHAR_PX + CELL_PADDING_PX)));
}

export function clampWidth(px: number, max = MAX_COLUMN_PX): number {
  return Math.max(MIN_COLUMN_PX, Math.min(px, max));
}

/** Dragging may make a column wider than the initial guess allows. */
export const MAX_RESIZED_COLUMN_PX = 1_200;
