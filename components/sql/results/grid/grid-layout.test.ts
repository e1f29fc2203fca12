import { describe, expect, it } from "vitest";
import { columnLayout, fitWidth, scrollTopFor } from "./grid-layout";
import { prettyValue } from "./row-detail";
import { MAX_RESIZED_COLUMN_PX, MIN_COLUMN_PX } from "../column-widths";

describe("columnLayout", () => {
  it("shows pinned columns first in the order they were pinned, then the rest; hidden ones nowhere", () => {
    expect(columnLayout(5, [3, 1], new Set([2]))).toEqual({ shown: [3, 1, 0, 4], pinnedCount: 2 });
    // A hidden pinned column is not shown (and does not count as pinned); unknown columns are ignored.
    expect(columnLayout(3, [1, 7], new Set([1]))).toEqual({ shown: [0, 2], pinnedCount: 0 });
  });
});

describe("fitWidth", () => {
  it("fits the longest shown value as displayed, within the resize limits", () => {
    const values = ["a", "a much longer value than the header"];
    const width = fitWidth("name", "VARCHAR", (r) => values[r], 2, "text", undefined);
    expect(width).toBeGreaterThan(fitWidth("name", "VARCHAR", () => "a", 1, "text", undefined));
    expect(fitWidth("n", "INT", () => "x".repeat(10_000), 1, "text", undefined)).toBe(MAX_RESIZED_COLUMN_PX);
    expect(fitWidth("n", "INT", () => null, 0, "number", undefined)).toBeGreaterThanOrEqual(MIN_COLUMN_PX);
    // Formatting counts: 1234567 grows by two separators.
    const plain = fitWidth("n", "INT", () => 1234567, 1, "number", undefined);
    expect(fitWidth("n", "INT", () => 1234567, 1, "number", { number: { thousands: true, decimals: 2 } })).toBeGreaterThan(plain);
  });
});

describe("scrollTopFor", () => {
  const base = { rowHeight: 28, rowCount: 100, viewportHeight: 280, bodyHeight: 2_800 };
  it("keeps the position when the row is visible, else brings it just into view", () => {
    expect(scrollTopFor(3, { ...base, scrollTop: 0 })).toBe(0);
    expect(scrollTopFor(20, { ...base, scrollTop: 0 })).toBe(21 * 28 - 280);
    expect(scrollTopFor(2, { ...base, scrollTop: 560 })).toBe(56);
  });

  it("scales onto a capped body (very long results) like row-window.ts", () => {
    const big = { rowHeight: 28, rowCount: 1_000_000, viewportHeight: 280, bodyHeight: 15_000_000 };
    const top = scrollTopFor(999_999, { ...big, scrollTop: 0 });
    expect(top).toBeCloseTo(15_000_000 - 280, 0);
  });
});

describe("prettyValue", () => {
  it("pretty-prints nested values and text that is JSON; leaves other text alone; NULL is null", () => {
    expect(prettyValue({ a: [1] })).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyValue('{"b":2}')).toEqual({ text: '{\n  "b": 2\n}', json: true });
    expect(prettyValue("{not json")).toEqual({ text: "{not json", json: false });
    expect(prettyValue(null)).toBeNull();
  });
});
