import { describe, expect, it } from "vitest";
import { RowStore } from "../../run/row-store";
import { runSliced } from "../grid/sliced";
import { groupRows, histogramRows, NotNumericError } from "./aggregate-rows";
import { orderedGroups, pieSlices } from "./chart-data";

function store(rows: unknown[][]) {
  const s = new RowStore<unknown[]>();
  for (let i = 0; i < rows.length; i += 2) s.append(rows.slice(i, i + 2));
  return s;
}

const rows = [
  ["b", 1, "2001-01-03"],
  ["a", "2.5", "2001-01-01"],
  ["b", null, "2001-01-03"],
  [null, 4, "2001-01-02"],
  ["a", 10, "2001-01-01"],
];

describe("groupRows", () => {
  it("computes count, sum, avg, min and max per group over every row; NULL measures are left out as in SQL", async () => {
    const s = store(rows);
    const by = async (fn: "count" | "sum" | "avg" | "min" | "max") => {
      const { groups } = await runSliced(groupRows(s, rows.length, 0, { index: 1, name: "n" }, fn));
      return Object.fromEntries(groups.map((g) => [String(g.key), g.value]));
    };
    expect(await by("count")).toEqual({ b: 2, a: 2, null: 1 });
    expect(await by("sum")).toEqual({ b: 1, a: 12.5, null: 4 });
    expect(await by("avg")).toEqual({ b: 1, a: 6.25, null: 4 });
    expect(await by("min")).toEqual({ b: 1, a: 2.5, null: 4 });
    expect(await by("max")).toEqual({ b: 1, a: 10, null: 4 });
    const onlyNull = store([["x", null]]);
    expect((await runSliced(groupRows(onlyNull, 1, 0, { index: 1, name: "n" }, "sum"))).groups).toEqual([{ key: "x", value: null }]);
  });

  it("refuses to sum text, naming the column and a value", async () => {
    await expect(runSliced(groupRows(store(rows), rows.length, 1, { index: 0, name: "carrier" }, "sum"))).rejects.toThrow(new NotNumericError("carrier", "b"));
    // counting text is fine
    expect((await runSliced(groupRows(store(rows), rows.length, 1, { index: 0, name: "carrier" }, "count"))).groupCount).toBe(5);
  });

  it("counts 1,000,000 rows exactly, in slices", async () => {
    const s = new RowStore<unknown[]>();
    for (let p = 0; p < 1_000_000; p += 10_000) s.append(Array.from({ length: 10_000 }, (_, i) => [(p + i) % 7, p + i]));
    let slices = 0;
    const { groups } = await runSliced(groupRows(s, 1_000_000, 0, { index: 1, name: "v" }, "sum"), { onProgress: () => slices++ });
    const sumOf = (k: number) => groups.find((g) => g.key === String(k))!.value;
    let expected0 = 0;
    for (let v = 0; v < 1_000_000; v += 7) expected0 += v;
    expect(sumOf(0)).toBe(expected0);
    expect(groups).toHaveLength(7);
    expect(slices).toBeGreaterThan(0);
  });
});

describe("histogramRows", () => {
  it("bins every value into equal widths, the greatest in the last bin, NULLs left out", async () => {
    const s = store(Array.from({ length: 101 }, (_, i) => [i === 50 ? null : i]));
    const bins = await runSliced(histogramRows(s, 101, { index: 0, name: "v" }, 4));
    expect(bins.map((b) => [b.start, b.end, b.count])).toEqual([
      [0, 25, 25],
      [25, 50, 25],
      [50, 75, 24],
      [75, 100, 26],
    ]);
  });

  it("one bin when every value is the same; none without values; text is refused", async () => {
    expect(await runSliced(histogramRows(store([[3], [3]]), 2, { index: 0, name: "v" }, 10))).toEqual([{ start: 3, end: 3, count: 2 }]);
    expect(await runSliced(histogramRows(store([[null]]), 1, { index: 0, name: "v" }, 10))).toEqual([]);
    await expect(runSliced(histogramRows(store([["x"]]), 1, { index: 0, name: "v" }, 10))).rejects.toBeInstanceOf(NotNumericError);
  });
});

describe("chart data", () => {
  it("orders groups by the key's type with NULL last", () => {
    expect(
      orderedGroups(
        [
          { key: "10", value: 1 },
          { key: null, value: 2 },
          { key: "9", value: 3 },
        ],
        "number",
      ).map((d) => d.x),
    ).toEqual([9, 10, "NULL"]);
    expect(
      orderedGroups(
        [
          { key: "b", value: 1 },
          { key: "B", value: 2 },
          { key: "a", value: 3 },
        ],
        "text",
      ).map((d) => d.x),
    ).toEqual(["B", "a", "b"]);
    expect(
      orderedGroups(
        [
          { key: "2001-01-10", value: 1 },
          { key: "2001-01-02 00:00:00", value: 2 },
        ],
        "date",
      ).map((d) => d.label),
    ).toEqual(["2001-01-02 00:00:00", "2001-01-10"]);
  });

  it("keeps the largest positive pie slices and says how many are left out", () => {
    const data = Array.from({ length: 15 }, (_, i) => ({ label: String(i), x: String(i), y: i }));
    const { slices, left } = pieSlices(data, 12);
    expect(slices[0]!.y).toBe(14);
    expect(slices).toHaveLength(12);
    expect(left).toBe(3);
  });
});
