// Column pages must give exactly the rows the row path gives (chunk-rows.ts, itself checked
// against DuckDB's JSON converter): for every type and edge value, for pages cut short by a row
// limit, and for text that is inline in DuckDB's vectors (≤ 12 bytes) or behind a pointer.
import { describe, expect, it } from "vitest";
import { EDGE_VALUES_SQL } from "./testing/edge-values";
import { useMemoryConnection } from "./testing/memory-connection";
import { ColumnPage, ColumnPageError } from "../../../lib/sql/column-page";
import { chunkRows, columnReaders } from "./chunk-rows";
import { columnEncoders, encodeChunk } from "./chunk-columns";

const connection = useMemoryConnection();

/** Every chunk of `sql`'s result through both paths; `rows` cuts each chunk as a row limit would. */
async function bothWays(sql: string, rows?: number): Promise<{ pages: ColumnPage[]; decoded: unknown[][]; reference: unknown[][] }> {
  const result = await connection().stream(sql);
  const types = Array.from({ length: result.columnCount }, (_, i) => result.columnType(i));
  const readers = columnReaders(types);
  const encoders = columnEncoders(types);
  const pages: ColumnPage[] = [];
  const reference: unknown[][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const count = Math.min(rows ?? chunk.rowCount, chunk.rowCount);
    pages.push(ColumnPage.decode(encodeChunk(chunk, encoders, count)));
    reference.push(...chunkRows(chunk, readers).slice(0, count));
  }
  return { pages, decoded: pages.flatMap((p) => p.rows()), reference };
}

describe("column pages", () => {
  it("give the row path's values for every type, null and edge value", async () => {
    const { decoded, reference } = await bothWays(EDGE_VALUES_SQL);
    expect(decoded).toEqual(reference);
    expect(decoded[0]!.slice(4, 7)).toEqual([9007199254740991, "9007199254740993", "-9007199254740993"]);
    expect(decoded[0]![32]).toBe("-9007199254740992");
    expect(decoded[0]![18]).toBe("2001-01-01 00:01:00");
  });

  it("match the row path on every timestamp and date of a wide, dense range", async () => {
    const { decoded, reference } = await bothWays(`
      SELECT TIMESTAMP '1690-01-01' + INTERVAL (i * 179000) SECOND + INTERVAL (i % 1000 * 37) MICROSECOND AS t,
             DATE '1000-01-01' + (i * 97)::INTEGER AS d,
             CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1.25 END AS x
      FROM range(100000) r(i)`);
    expect(decoded).toEqual(reference);
  });

  it("carry text inline and behind pointers, in any script, with nulls, across chunks and cut short by a limit", async () => {
    const sql = `SELECT i, CASE WHEN i % 5 = 0 THEN NULL WHEN i % 3 = 0 THEN repeat('long text ', i % 40) WHEN i % 3 = 1 THEN 'é☃🙂' || i ELSE i::VARCHAR END AS s,
                        CASE WHEN i % 11 = 0 THEN NULL ELSE 'ascii ' || i END AS a
                 FROM range(5000) r(i)`;
    const whole = await bothWays(sql);
    expect(whole.decoded).toHaveLength(5000);
    expect(whole.decoded).toEqual(whole.reference);
    expect(whole.pages.length).toBeGreaterThan(1);
    const cut = await bothWays(sql, 1001);
    expect(cut.decoded).toEqual(cut.reference);
    expect(cut.pages[0]!.length).toBe(1001);
  });

  it("read single values without decoding the rest of the page", async () => {
    const { pages } = await bothWays("SELECT i, 'row ' || i AS s, TIMESTAMP '2001-01-01' + INTERVAL (i) MINUTE AS t FROM range(2048) r(i)");
    const page = pages[0]!;
    expect(page.value(2047, 0)).toBe(2047);
    expect(page.value(10, 1)).toBe("row 10");
    expect(page.row(61)).toEqual([61, "row 61", "2001-01-01 01:01:00"]);
    expect(JSON.parse(JSON.stringify({ type: "rows", page, rows: [page.row(0)] }))).toEqual({ type: "rows", rows: [[0, "row 0", "2001-01-01 00:00:00"]] });
  });

  it("refuse a damaged page instead of showing wrong values", async () => {
    const { pages } = await bothWays("SELECT i, 'x' || i AS s FROM range(10) r(i)");
    const bytes = pages[0]!.bytes;
    expect(() => ColumnPage.decode(bytes.subarray(0, bytes.byteLength - 16))).toThrow(ColumnPageError);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => ColumnPage.decode(wrongMagic)).toThrow(/page marker/);
    expect(() => ColumnPage.decode(new Uint8Array(3))).toThrow(ColumnPageError);
  });
});
