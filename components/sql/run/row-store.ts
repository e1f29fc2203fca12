// Result rows kept as the pages the server sent, never copied into one giant array: appending a
// page is O(1) however many rows are already there (re-creating a 1,000,000-row array on every
// page is what freezes other SQL tools). Reading row i is a binary search over page starts,
// with a shortcut for the page read last, since the grid reads neighbouring rows.
export class RowStore<Row = unknown[]> {
  private readonly pages: Row[][] = [];
  private readonly starts: number[] = [];
  private lastPage = 0;
  length = 0;

  append(rows: Row[]): void {
    if (rows.length === 0) return;
    this.starts.push(this.length);
    this.pages.push(rows);
    this.length += rows.length;
  }

  get(index: number): Row | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const page = this.pageOf(index);
    return this.pages[page]![index - this.starts[page]!];
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
