// How many navigation items fit in a row of a given width, the rest going into a "More" menu.
// Pure, so the rule is tested without a browser; overflow-nav.tsx feeds it measured widths.

export type NavFitInput = {
  /** Rendered width of each item, in order (px). */
  itemWidths: readonly number[];
  /** Width of the "More" button (px). */
  moreWidth: number;
  /** Space between neighbouring items (px). */
  gap: number;
  /** Width of the row (px). */
  available: number;
};

/** The number of leading items to show; when it is below the item count, "More" holds the rest. */
export function fitNavItems({ itemWidths, moreWidth, gap, available }: NavFitInput): number {
  const widthOf = (count: number, withMore: boolean) => {
    let total = 0;
    for (let i = 0; i < count; i++) total += itemWidths[i]!;
    const pieces = count + (withMore ? 1 : 0);
    return total + (withMore ? moreWidth : 0) + Math.max(0, pieces - 1) * gap;
  };
  if (widthOf(itemWidths.length, false) <= available) return itemWidths.length;
  let count = itemWidths.length - 1;
  while (count > 0 && widthOf(count, true) > available) count--;
  return count;
}
