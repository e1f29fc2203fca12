// DuckDB values → JSON-safe values. DuckDB's JSON converter turns every 64/128-bit integer into
// a string; we keep integers as numbers when they are exactly representable (what users and
// charts expect) and as strings when they are not (so no digit is ever lost).
import { DuckDBTypeId, JsonDuckDBValueConverter, type DuckDBValueConverter, type Json } from "@duckdb/node-api";

const WIDE_INTEGERS = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

export const jsonSafeConverter: DuckDBValueConverter<Json> = (value, type) => {
  const json = JsonDuckDBValueConverter(value, type, jsonSafeConverter);
  if (typeof json === "string" && WIDE_INTEGERS.has(type.typeId)) {
    const n = Number(json);
    if (Number.isSafeInteger(n)) return n;
  }
  return json;
};
