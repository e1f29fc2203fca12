import { describe, expect, it } from "vitest";
import { RowStore } from "../../run/row-store";
import { columnKind, dateMs } from "./column-kind";
import { buildRowView, EMPTY_VIEW, type ViewSpec } from "./row-view";
import { runSliced, CancelledError } from "./sliced";
import { rangeToTsv, toTsv, tsvValue } from "./tsv";
import { formatCellAs, formatDate, formatNumber } from "./value-format";

function store(rows: unknown[][]) {
  const s = new RowStore<unknown[]>();
  // Several pages, as rows stream in.
  for (let i = 0; i < rows.length; i += 3) s.append(rows.slice(i, i + 3));
  return s;
}

function view(rows: unknown[][], kinds: ReturnType<typeof columnKind>[], spec: Partial<ViewSpec>) {
  const s = store(rows);
  return runSliced(buildRowView(s, rows.length, kinds, { ...EMPTY_VIEW, ...spec })).then((v) => (v ? Array.from(v) : null));
}

describe("columnKind", () => {
  it("reads DuckDB and Trino type names", () => {
    expect(
      ["BIGINT", "DECIMAL(18,3)", "double", "DATE", "TIMESTAMP WITH TIME ZONE", "timestamp(3)", "BOOLEAN", "VARCHAR", "INTEGER[]", "STRUCT(a INTEGER)"].map(columnKind),
    ).toEqual(["number", "number", "number", "date", "date", "date", "boolean", "text", "text", "text"]);
  });

  it("reads engine timestamps as UTC, whatever the precision or zone", () => {
    expect(dateMs("2001-01-02")).toBe(Date.UTC(2001, 0, 2));
    expect(dateMs("2001-01-02 06:30:00.123456")).toBe(Date.UTC(2001, 0, 2, 6, 30, 0, 123));
    expect(dateMs("2001-01-02 06:30:00+02")).toBe(Date.UTC(2001, 0, 2, 4, 30));
  });
});

describe("sorting", () => {
  it("sorts numbers by value (also when they arrive as strings) with NULLs last both ways, stably", async () => {
    const rows = [
      [10, "a"],
      [null, "b"],
      ["9", "c"],
      [10, "d"],
      [-1.5, "e"],
      ["12345678901234567890", "f"],
      [null, "g"],
    ];
    const kinds = [columnKind("BIGINT"), columnKind("VARCHAR")];
    expect(await view(rows, kinds, { sort: { column: 0, direction: "asc" } })).toEqual([4, 2, 0, 3, 5, 1, 6]);
    expect(await view(rows, kinds, { sort: { column: 0, direction: "desc" } })).toEqual([5, 0, 3, 2, 4, 1, 6]);
  });

  it("sorts text by code unit and dates by time, not as the text reads", async () => {
    const rows = [
      ["b", "2001-01-10"],
      ["B", "2001-01-02 00:00:00"],
      [null, null],
      ["a", "2000-12-31"],
    ];
    const kinds = [columnKind("VARCHAR"), columnKind("TIMESTAMP")];
    expect(await view(rows, kinds, { sort: { column: 0, direction: "asc" } })).toEqual([1, 3, 0, 2]);
    expect(await view(rows, kinds, { sort: { column: 1, direction: "desc" } })).toEqual([0, 1, 3, 2]);
  });

  it("sorts 1,000,000 rows in slices, reporting progress, exactly like Array.prototype.sort", async () => {
    const n = 1_000_000;
    const rows = new RowStore<unknown[]>();
    const values: number[] = [];
    let seed = 7;
    for (let p = 0; p < n; p += 2_048) {
      const page: unknown[][] = [];
      for (let i = p; i < Math.min(n, p + 2_048); i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const v = seed % 1_000; // many ties: stability matters
        values.push(v);
        page.push([v]);
      }
      rows.append(page);
    }
    const progress: number[] = [];
    const result = await runSliced(buildRowView(rows, n, ["number"], { ...EMPTY_VIEW, sort: { column: 0, direction: "desc" } }), { onProgress: (p) => progress.push(p) });
    const expected = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
    expect(Array.from(result!)).toEqual(expected);
    expect(progress.length).toBeGreaterThan(3); // it yielded between slices
    expect(progress.every((p, i) => p >= 0 && p <= 1 && (i === 0 || p >= progress[i - 1]!))).toBe(true);
  });

  it("stops between slices when cancelled", async () => {
    const rows = store(Array.from({ length: 300_000 }, (_, i) => [300_000 - i]));
    const controller = new AbortController();
    const sorting = runSliced(buildRowView(rows, 300_000, ["number"], { ...EMPTY_VIEW, sort: { column: 0, direction: "asc" } }), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(sorting).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("filtering", () => {
  const rows = [
    ["SEA", 120, "2001-01-01"],
    ["sfo", 1_500, "2001-02-01"],
    ["LAX", null, "2001-03-01"],
    ["JFK", 90.5, null],
  ];
  const kinds = [columnKind("VARCHAR"), columnKind("DOUBLE"), columnKind("DATE")];

  it("keeps all rows (null) when nothing is asked", async () => {
    expect(await view(rows, kinds, { filters: [{ column: 0, op: "contains", text: "" }] })).toBeNull();
  });

  it("contains is case-insensitive, equals is exact, ranges are inclusive and leave NULLs out", async () => {
    expect(await view(rows, kinds, { filters: [{ column: 0, op: "contains", text: "s" }] })).toEqual([0, 1]);
    expect(await view(rows, kinds, { filters: [{ column: 0, op: "equals", text: "sfo" }] })).toEqual([1]);
    expect(await view(rows, kinds, { filters: [{ column: 1, op: "equals", text: "90.50" }] })).toEqual([3]);
    expect(await view(rows, kinds, { filters: [{ column: 1, op: "range", min: "100", max: "1500" }] })).toEqual([0, 1]);
    expect(await view(rows, kinds, { filters: [{ column: 1, op: "range", min: "", max: "100" }] })).toEqual([3]);
    expect(await view(rows, kinds, { filters: [{ column: 2, op: "range", min: "2001-01-15", max: "" }] })).toEqual([1, 2]);
  });

  it("the quick filter looks in every column; filters and a sort combine", async () => {
    expect(await view(rows, kinds, { quick: "2001-0" })).toEqual([0, 1, 2]);
    expect(await view(rows, kinds, { quick: "2001-0", sort: { column: 1, direction: "desc" } })).toEqual([1, 0, 2]);
  });
});

describe("TSV", () => {
  it("quotes tabs, line breaks and quotes; NULL is empty; nested values are JSON", () => {
    expect(tsvValue(null)).toBe("");
    expect(tsvValue('say "hi"')).toBe('"say ""hi"""');
    expect(tsvValue("a\tb")).toBe('"a\tb"');
    expect(tsvValue({ a: [1, 2] })).toBe('"{""a"":[1,2]}"'); // JSON has quotes: quoted too
    expect(tsvValue([1, 2])).toBe("[1,2]");
    expect(
      toTsv(
        [
          [1, "x\ny"],
          [null, true],
        ],
        ["n", "s"],
      ),
    ).toBe('n\ts\n1\t"x\ny"\n\ttrue');
  });

  it("copies a rectangle of the shown grid (sorted rows, pinned and hidden columns)", () => {
    const data = [
      [1, "a", "x"],
      [2, "b", "y"],
      [3, "c", "z"],
    ];
    const shown = [2, 1, 0]; // sorted descending
    const columns = [2, 0]; // column 2 pinned first, column 1 hidden
    expect(rangeToTsv({ rowStart: 0, rowEnd: 1, colStart: 0, colEnd: 1 }, (r) => data[shown[r]!], columns)).toBe("z\t3\ny\t2");
    expect(rangeToTsv({ rowStart: 1, rowEnd: 1, colStart: 1, colEnd: 1 }, (r) => data[shown[r]!], columns, ["id", "s", "t"])).toBe("id\n2");
  });
});

describe("formats", () => {
  it("groups thousands without losing digits of big integers and decimals", () => {
    expect(formatNumber(1234567.891, { thousands: true, decimals: null })).toBe("1,234,567.891");
    expect(formatNumber("123456789012345678901", { thousands: true, decimals: null })).toBe("123,456,789,012,345,678,901");
    expect(formatNumber("-1234.50", { thousands: true, decimals: null })).toBe("-1,234.50");
    expect(formatNumber(1234.5, { thousands: false, decimals: 2 })).toBe("1234.50");
    expect(formatNumber(1234.567, { thousands: true, decimals: 1 })).toBe("1,234.6");
  });

  it("shows dates as sent or in the local format; leaves other kinds and NULL alone", () => {
    expect(formatDate("2001-01-02", "iso")).toBe("2001-01-02");
    expect(formatDate("2001-01-02", "local")).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(2001, 0, 2)));
    expect(formatCellAs(null, "number", { number: { thousands: true, decimals: 2 } })).toEqual({ text: "NULL", kind: "null" });
    expect(formatCellAs(1000, "number", { number: { thousands: true, decimals: 2 } })).toEqual({ text: "1,000.00", kind: "number" });
    expect(formatCellAs("abc", "text", { number: { thousands: true, decimals: 2 } })).toEqual({ text: "abc", kind: "text" });
  });
});
