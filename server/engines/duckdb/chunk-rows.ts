// DuckDB data chunks → rows of JSON-safe values, column by column. DuckDB's own JSON converter
// (values.ts) walks every value through a type dispatch and formats timestamps with BigInt
// arithmetic and a fresh Date per value; on a 1,000,000-row result that was most of the portal's
// time (7 s of 9 in scripts/bench-workbench.ts). Here a reader is chosen once per column for the
// result's types, reads the column's native values in one call, and only the common types get a
// fast path; every other type goes through the same converter as before, so values never change.
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBType, type DuckDBValue, type Json } from "@duckdb/node-api";
import { plainDateString, timestampFormatter } from "../../../lib/sql/duckdb-text";
import { jsonSafeConverter } from "./values";

/** Turns one column's native values into JSON-safe values, writing them into `rows[r][column]`. */
export type ColumnReader = (values: readonly DuckDBValue[], rows: unknown[][], column: number) => void;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
/** Within ±2^53 µs of 1970 (years 1685–2255) a timestamp's microseconds are exact as a double. */
const MAX_EXACT_MICROS = BigInt(Number.MAX_SAFE_INTEGER);

/** The readers for a result's column types; build once per result, use for every chunk. */
export function columnReaders(types: readonly DuckDBType[]): ColumnReader[] {
  return types.map(readerFor);
}

/** The chunk's rows as JSON-safe values (the same values `convertRows(jsonSafeConverter)` gives). */
export function chunkRows(chunk: DuckDBDataChunk, readers: readonly ColumnReader[]): unknown[][] {
  const count = chunk.rowCount;
  const width = readers.length;
  const rows: unknown[][] = new Array(count);
  for (let r = 0; r < count; r++) rows[r] = new Array(width);
  for (let c = 0; c < width; c++) readers[c]!(chunk.getColumnValues(c), rows, c);
  return rows;
}

/** The reader of one column type (exported for the column pages' fallback, chunk-columns.ts). */
export function readerFor(type: DuckDBType): ColumnReader {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
      return copyAsIs; // already strings, booleans or numbers (or null)
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return (values, rows, c) => {
        for (let r = 0; r < values.length; r++) {
          const v = values[r] as number | null;
          // NaN and ±Infinity are not JSON: the converter writes them as strings.
          rows[r]![c] = v === null || Number.isFinite(v) ? v : jsonSafeConverter(v, type, jsonSafeConverter);
        }
      };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return (values, rows, c) => {
        for (let r = 0; r < values.length; r++) {
          const v = values[r] as bigint | null;
          // A number when exact, else the decimal string (no digit is ever lost).
          rows[r]![c] = v === null ? null : v <= MAX_SAFE && v >= MIN_SAFE ? Number(v) : v.toString();
        }
      };
    case DuckDBTypeId.TIMESTAMP:
      return timestampReader(type);
    case DuckDBTypeId.DATE:
      return dateReader(type);
    default:
      return (values, rows, c) => {
        for (let r = 0; r < values.length; r++) rows[r]![c] = convertOne(values[r]!, type);
      };
  }
}

const copyAsIs: ColumnReader = (values, rows, c) => {
  for (let r = 0; r < values.length; r++) rows[r]![c] = values[r];
};

function convertOne(value: DuckDBValue, type: DuckDBType): Json {
  return jsonSafeConverter(value, type, jsonSafeConverter);
}

/**
 * TIMESTAMP values written as DuckDB writes them ("2001-01-01 00:01:00.5"), by the formatter the
 * column pages use too (lib/sql/duckdb-text.ts). Values outside its range (before 1685, after
 * 2255, ±infinity) go through DuckDB's own formatting.
 */
function timestampReader(type: DuckDBType): ColumnReader {
  const format = timestampFormatter();
  return (values, rows, c) => {
    for (let r = 0; r < values.length; r++) {
      const value = values[r] as { micros: bigint } | null;
      if (value === null) rows[r]![c] = null;
      else if (value.micros > MAX_EXACT_MICROS || value.micros < -MAX_EXACT_MICROS) rows[r]![c] = convertOne(value as DuckDBValue, type);
      else rows[r]![c] = format(Number(value.micros));
    }
  };
}

/** DATE values as DuckDB writes them ("2001-01-01"); years outside 1000–9999 and ±infinity through DuckDB's formatting. */
function dateReader(type: DuckDBType): ColumnReader {
  let lastDay = Number.NaN;
  let lastText: string | null = null;
  return (values, rows, c) => {
    for (let r = 0; r < values.length; r++) {
      const value = values[r] as { days: number } | null;
      if (value === null) {
        rows[r]![c] = null;
        continue;
      }
      if (value.days !== lastDay) {
        lastDay = value.days;
        lastText = plainDateString(value.days);
      }
      rows[r]![c] = lastText ?? convertOne(value as DuckDBValue, type);
    }
  };
}
