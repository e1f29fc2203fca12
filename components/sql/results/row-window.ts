// Which rows of a fixed-row-height list are on screen, by arithmetic: O(1) for any row count.
// (@tanstack/react-virtual, used for the grid's columns, measures every item whenever the count
// changes — about 60 ms at 1,000,000 rows, for each streamed page — so rows do not use it.)
//
// Browsers cap an element's height (Firefox near 17,900,000 px; 1,000,000 rows of 28 px are
// 28,000,000 px). Beyond MAX_SCROLL_PX the scrollable height is capped and the scroll position
// is scaled onto the rows, so the last row stays reachable in every browser.
export const MAX_SCROLL_PX = 15_000_000;

export type RowWindowInput = {
  rowCount: number;
  rowHeight: number;
  /** The rows' scroll offset (the scroll container's scrollTop). */
  scrollTop: number;
  /** Height available for rows (the container's height minus the sticky header). */
  viewportHeight: number;
  overscan: number;
  maxScrollPx?: number;
};

export type RowWindow = {
  /** First row to render. */
  first: number;
  /** One past the last row to render. */
  end: number;
  /** Height of the rows' scroll area in px (capped). */
  bodyHeight: number;
  /** True when the scroll position is scaled (very long results). */
  scaled: boolean;
  /** Offset of the rows' container inside the scroll area, in px. */
  containerTop: number;
  /** Top of row `index` inside the rows' container, in px. */
  rowTop: (index: number) => number;
};

/**
 * Rows are placed relative to an anchor row that changes only every ANCHOR_ROWS rows: a row's
 * own position then stays the same while scrolling (so it need not re-render), and no position
 * grows beyond what browsers can lay out. Scrolling moves the container instead.
 */
const ANCHOR_ROWS = 2_000;

export function computeRowWindow({ rowCount, rowHeight, scrollTop, viewportHeight, overscan, maxScrollPx = MAX_SCROLL_PX }: RowWindowInput): RowWindow {
  const virtualHeight = rowCount * rowHeight;
  const bodyHeight = Math.min(virtualHeight, maxScrollPx);
  const realRange = Math.max(0, bodyHeight - viewportHeight);
  const virtualRange = Math.max(0, virtualHeight - viewportHeight);
  const scaled = virtualHeight > maxScrollPx && realRange > 0;
  const ratio = scaled ? virtualRange / realRange : 1;
  const top = Math.min(Math.max(0, scrollTop), realRange);
  const virtualTop = top * ratio;
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((virtualTop + viewportHeight) / rowHeight) + overscan);
  const anchor = first - (first % ANCHOR_ROWS);
  // Row `anchor` belongs at virtual position anchor * rowHeight, i.e. that far from the
  // virtual scroll position, which is shown at the real scroll position `top`.
  const containerTop = anchor * rowHeight - virtualTop + top;
  return { first, end, bodyHeight, scaled, containerTop, rowTop: (index) => (index - anchor) * rowHeight };
}
