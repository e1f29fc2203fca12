// Result rows kept as the pages the server sent, never copied into one giant array: appending a
// page is O(1) however many rows are already there (re-creating a 1,000,000-row array on every
// page is what freezes other SQL tools). Reading row i is a binary search over page starts,
// with a shortcut for the page read last, since the grid reads neighbouring rows.
//
// A page is either rows (from NDJSON) or a column page (lib/sql/column-page.ts) whose rows are
// decoded only when read. The rows decoded last are remembered, so the grid, which reads the
// same visible rows on every render, gets the same row objects (its memoised rows stay put).

/** A page whose rows are decoded on demand. */
export type LazyPage<Row> = { readonly length: number; row(index: number): Row };

const REMEMBERED_ROWS = 1_024;

export class RowStore<Row = unknown[]> {
  private readonly pages: (Row[] | LazyPage<Row>)[] = [];
  private readonly starts: number[] = [];
  private readonly decoded = new Map<number, Row>();
  private lastPage = 0;
  length = 0;

  append(rows: Row[] | LazyPage<Row>): void {
    if (rows.length === 0) return;
    this.starts.push(this.length);
    this.pages.push(rows);
    this.length += rows.length;
  }

  get(index: number): Row | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const pageIndex = this.pageOf(index);
    const page = this.pages[pageIndex]!;
    const offset = index - this.starts[pageIndex]!;
    if (Array.isArray(page)) return page[offset];
    let row = this.decoded.get(index);
    if (row === undefined) {
      row = page.row(offset);
      if (this.decoded.size >= REMEMBERED_ROWS) this.decoded.delete(this.decoded.keys().next().value!);
      this.decoded.set(index, row);
    }
    return row;
  }

  /** Every `step`-th row from the start, for charts of large results. */
  sample(step: number, limit: number = Infinity): Row[] {
    const out: Row[] = [];
    for (let i = 0; i < this.length && out.length < limit; i += Math.max(1, step)) out.push(this.get(i)!);
    return out;
  }

  private pageOf(index: number): number {
    const last = this.lastPage;
    if (index >= this.starts[last]! && index < this.starts[last]! + this.pages[last]!.length) return last;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    this.lastPage = low;
    return low;
  }
}
