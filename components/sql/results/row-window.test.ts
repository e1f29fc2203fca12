import { describe, expect, it } from "vitest";
import { computeRowWindow } from "./row-window";

const base = { rowHeight: 28, viewportHeight: 560, overscan: 5 };

describe("computeRowWindow", () => {
  it("renders only the rows on screen plus overscan, in natural positions for moderate results", () => {
    const w = computeRowWindow({ ...base, rowCount: 10_000, scrollTop: 28 * 100 });
    expect([w.first, w.end, w.scaled]).toEqual([95, 125, false]);
    expect(w.bodyHeight).toBe(280_000);
    expect(w.containerTop + w.rowTop(100)).toBe(2_800);
  });

  it("caps the scroll height for a million rows and still reaches the last row", () => {
    const maxScrollPx = 15_000_000;
    const rowCount = 1_000_000;
    const atEnd = computeRowWindow({ ...base, rowCount, scrollTop: maxScrollPx - base.viewportHeight, maxScrollPx });
    expect(atEnd.scaled).toBe(true);
    expect(atEnd.bodyHeight).toBe(maxScrollPx);
    expect(atEnd.end).toBe(rowCount);
    // The last row's bottom lines up with the bottom of the viewport.
    expect(atEnd.containerTop + atEnd.rowTop(rowCount - 1) + base.rowHeight).toBeCloseTo(maxScrollPx, 6);
    // No layout position comes near the browsers' limits.
    expect(atEnd.rowTop(rowCount - 1)).toBeLessThan(2_000 * base.rowHeight);

    const middle = computeRowWindow({ ...base, rowCount, scrollTop: (maxScrollPx - base.viewportHeight) / 2, maxScrollPx });
    const firstVisible = middle.first + base.overscan;
    expect(Math.abs(firstVisible - (rowCount - 20) / 2)).toBeLessThan(2);
    // The first visible row sits at the top of the viewport (within one row).
    const viewportTop = (maxScrollPx - base.viewportHeight) / 2;
    expect(Math.abs(middle.containerTop + middle.rowTop(firstVisible) - viewportTop)).toBeLessThan(base.rowHeight);
  });

  it("keeps a row's own position while scrolling, moving only the container", () => {
    const a = computeRowWindow({ ...base, rowCount: 1_000_000, scrollTop: 1_000_000, maxScrollPx: 15_000_000 });
    const b = computeRowWindow({ ...base, rowCount: 1_000_000, scrollTop: 1_000_280, maxScrollPx: 15_000_000 });
    expect(b.rowTop(b.first)).toBe(a.rowTop(b.first));
    expect(b.containerTop).not.toBe(a.containerTop);
  });

  it("handles empty results and scroll positions past the end", () => {
    expect(computeRowWindow({ ...base, rowCount: 0, scrollTop: 0 })).toMatchObject({ first: 0, end: 0, bodyHeight: 0 });
    const w = computeRowWindow({ ...base, rowCount: 10, scrollTop: 99_999 });
    expect([w.first, w.end]).toEqual([0, 10]);
  });
});
