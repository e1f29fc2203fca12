// The fast column readers must give exactly the values DuckDB's JSON converter gave (what the
// browser, the kept results and the downloads were built on), for every type and edge value.
import { describe, expect, it } from "vitest";
import { EDGE_VALUES_SQL } from "./testing/edge-values";
import { useMemoryConnection } from "./testing/memory-connection";
import { chunkRows, columnReaders } from "./chunk-rows";
import { jsonSafeConverter } from "./values";

const connection = useMemoryConnection();

/** Both conversions of every chunk of `sql`'s result. */
async function bothWays(sql: string): Promise<{ fast: unknown[][]; reference: unknown[][] }> {
  const result = await connection().stream(sql);
  const readers = columnReaders(Array.from({ length: result.columnCount }, (_, i) => result.columnType(i)));
  const fast: unknown[][] = [];
  const reference: unknown[][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    fast.push(...chunkRows(chunk, readers));
    reference.push(...(chunk.convertRows(jsonSafeConverter) as unknown[][]));
  }
  return { fast, reference };
}

describe("chunkRows", () => {
  it("gives the JSON converter's values for scalar types, nulls and edge values", async () => {
    const { fast, reference } = await bothWays(EDGE_VALUES_SQL);
    expect(fast).toEqual(reference);
    expect(fast[0]!.slice(4, 7)).toEqual([9007199254740991, "9007199254740993", "-9007199254740993"]);
    expect(fast[0]![18]).toBe("2001-01-01 00:01:00");
  });

  it("matches the converter on every timestamp and date of a wide, dense range", async () => {
    // 1690 to 2257: seconds, fractions, days before and after 1970, leap days, past the fast path's end in 2255.
    const { fast, reference } = await bothWays(`
      SELECT TIMESTAMP '1690-01-01' + INTERVAL (i * 179000) SECOND + INTERVAL (i % 1000 * 37) MICROSECOND AS t,
             DATE '1000-01-01' + (i * 97)::INTEGER AS d
      FROM range(100000) r(i)`);
    expect(fast).toEqual(reference);
  });

  it("reads a result of several chunks in order", async () => {
    const { fast, reference } = await bothWays("SELECT i, i::VARCHAR AS s FROM range(5000) r(i)");
    expect(fast).toHaveLength(5000);
    expect(fast).toEqual(reference);
  });
});
