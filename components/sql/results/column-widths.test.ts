import { describe, expect, it } from "vitest";
import { initialColumnWidths, MAX_COLUMN_PX, MIN_COLUMN_PX } from "./column-widths";
import { formatCell, isNumericType, toNumber } from "./cell-format";

describe("result cells", () => {
  it("sizes columns to the widest of header and sample values, within bounds", () => {
    const rows = [[1, "x".repeat(500), null]];
    const [narrow, wide, nulls] = initialColumnWidths(
      [
        { name: "n", type: "INT" },
        { name: "comment", type: "VARCHAR" },
        { name: "a_rather_long_column_name", type: "DATE" },
      ],
      (i) => rows[i],
      1,
    );
    expect(narrow).toBe(MIN_COLUMN_PX);
    expect(wide).toBe(MAX_COLUMN_PX);
    expect(nulls).toBeGreaterThan(narrow!);
  });

  it("leaves room for every character of short values and of the type under the name", () => {
    const [code] = initialColumnWidths([{ name: "c70", type: "VARCHAR" }], () => ["LAS-70"], 1);
    expect(code).toBeGreaterThanOrEqual(6 * 7.2 + 21);
    const [typed] = initialColumnWidths([{ name: "x", type: "TIMESTAMP WITH TIME ZONE" }], () => [null], 1);
    expect(typed).toBeGreaterThanOrEqual(24 * 6.6);
  });

  it("shows NULL distinctly from the text 'NULL', and keeps big integers exact", () => {
    expect(formatCell(null)).toEqual({ text: "NULL", kind: "null" });
    expect(formatCell("NULL")).toEqual({ text: "NULL", kind: "text" });
    expect(formatCell("12345678901234567890").text).toBe("12345678901234567890");
    expect(formatCell({ a: [1] })).toEqual({ text: '{"a":[1]}', kind: "json" });
  });

  it("right-aligns numeric SQL types and reads numbers for charts", () => {
    expect(["BIGINT", "DECIMAL(18,3)", "double", "HUGEINT"].every(isNumericType)).toBe(true);
    expect(["VARCHAR", "DATE", "INTERVAL", "INTEGER[]", "STRUCT(a INTEGER)"].some(isNumericType)).toBe(false);
    expect([toNumber("1.5"), toNumber(""), toNumber("abc"), toNumber(null), toNumber(3)]).toEqual([1.5, null, null, null, 3]);
  });
});
