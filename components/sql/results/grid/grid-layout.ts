// Which columns the grid shows, in which order: pinned ones first (in the order they were
// pinned), then the others as the result has them; hidden ones left out. Plus the arithmetic
// the grid needs around it (fit-to-content widths, scrolling a row into view).
import { formatCellAs, type ColumnFormat } from "./value-format";
import type { ColumnKind } from "./column-kind";
import { CELL_PADDING_PX, CHAR_PX, MAX_RESIZED_COLUMN_PX, clampWidth } from "../column-widths";

export type ColumnLayout = {
  /** Shown position → result column. */
  shown: number[];
  /** How many of `shown` are pinned (they come first). */
  pinnedCount: number;
};

export function columnLayout(columnCount: number, pinned: number[], hidden: ReadonlySet<number>): ColumnLayout {
  const pins = pinned.filter((c) => c < columnCount && !hidden.has(c));
  const pinSet = new Set(pins);
  const rest: number[] = [];
  for (let c = 0; c < columnCount; c++) if (!pinSet.has(c) && !hidden.has(c)) rest.push(c);
  return { shown: [...pins, ...rest], pinnedCount: pins.length };
}

const FIT_SAMPLE_ROWS = 1_000;

/** The width that shows the header and the longest of the first shown rows' values in full (up to the resize maximum). */
export function fitWidth(name: string, type: string, valueAt: (shownRow: number) => unknown, shownRows: number, kind: ColumnKind, format: ColumnFormat | undefined): number {
  let chars = Math.max(name.length * 1.1, type.length * 0.9) + 2; // + room for the menu button
  for (let r = 0; r < Math.min(shownRows, FIT_SAMPLE_ROWS); r++) {
    const length = formatCellAs(valueAt(r), kind, format).text.length;
    if (length > chars) chars = length;
  }
  return clampWidth(Math.round(chars * CHAR_PX + CELL_PADDING_PX), MAX_RESIZED_COLUMN_PX);
}

/**
 * The scrollTop that brings a row fully into view (or the current one if it is), with the same
 * scaling row-window.ts applies to very long results.
 */
export function scrollTopFor(row: number, o: { rowHeight: number; rowCount: number; scrollTop: number; viewportHeight: number; bodyHeight: number }): number {
  const virtualHeight = o.rowCount * o.rowHeight;
  const realRange = Math.max(0, o.bodyHeight - o.viewportHeight);
  const virtualRange = Math.max(0, virtualHeight - o.viewportHeight);
  const ratio = realRange > 0 && virtualHeight > o.bodyHeight ? virtualRange / realRange : 1;
  const virtualTop = o.scrollTop * ratio;
  const rowTop = row * o.rowHeight;
  if (rowTop < virtualTop) return rowTop / ratio;
  if (rowTop + o.rowHeight > virtualTop + o.viewportHeight) return (rowTop + o.rowHeight - o.viewportHeight) / ratio;
  return o.scrollTop;
}
