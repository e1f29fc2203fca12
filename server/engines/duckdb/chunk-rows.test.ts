// The fast column readers must give exactly the values DuckDB's JSON converter gave (what the
// browser, the kept results and the downloads were built on), for every type and edge value.
import { describe, expect, it } from "vitest";
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
    const { fast, reference } = await bothWays(`
      SELECT * FROM (VALUES
        (true, 1::TINYINT, -2::SMALLINT, 3::INTEGER, 9007199254740991::BIGINT, 9007199254740993::BIGINT, -9007199254740993::BIGINT,
         18446744073709551615::UBIGINT, 170141183460469231731687303715884105727::HUGEINT, 1.5::FLOAT, 'NaN'::DOUBLE, 'inf'::DOUBLE,
         'a "quoted" ☃'::VARCHAR, 12.30::DECIMAL(10, 2), 123456789012345678.901::DECIMAL(38, 3), DATE '2001-01-01', DATE '0044-03-15',
         'infinity'::DATE, TIMESTAMP '2001-01-01 00:01:00', TIMESTAMP '1969-12-31 23:59:59.5', TIMESTAMP '1500-06-01 12:00:00.000001',
         'infinity'::TIMESTAMP, '-infinity'::TIMESTAMP, TIME '12:34:56.789', INTERVAL 3 DAY, '\\xAA'::BLOB,
         [1, 2, NULL], {'a': 1, 'b': [TIMESTAMP '2020-02-29 10:00:00']}, MAP {'k': 1}, uuid '00000000-0000-0000-0000-000000000001',
         TIMESTAMPTZ '2001-01-01 00:00:00+00', TIMESTAMP_NS '2001-01-01 00:00:00.123456789'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-inf'::DOUBLE, NULL, NULL, NULL, NULL, DATE '9999-12-31', NULL,
         NULL, TIMESTAMP '2255-01-01 00:00:00', TIMESTAMP '1000-01-01 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
      )`);
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
