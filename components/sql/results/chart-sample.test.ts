import { describe, expect, it } from "vitest";
import { RowStore } from "../run/row-store";
import { chartPoints } from "./chart-sample";

describe("chartPoints", () => {
  it("keeps every row of a small result and skips values that are not numbers", () => {
    const rows = new RowStore<unknown[]>();
    rows.append([
      ["a", 1],
      ["b", "2.5"],
      ["c", null],
      [null, 4],
    ]);
    expect(chartPoints(rows, 4, 0, 1, false)).toEqual({
      points: [
        { x: "a", y: 1 },
        { x: "b", y: 2.5 },
        { x: "NULL", y: 4 },
      ],
      step: 1,
      sampled: false,
    });
  });

  it("samples a large result evenly to at most the maximum", () => {
    const rows = new RowStore<unknown[]>();
    rows.append(Array.from({ length: 1_000_000 }, (_, i) => [i, i * 2]));
    const { points, sampled, step } = chartPoints(rows, 1_000_000, 0, 1, true);
    expect(sampled).toBe(true);
    expect(step).toBe(200);
    expect(points).toHaveLength(5_000);
    expect(points[1]).toEqual({ x: 200, y: 400 });
  });
});
