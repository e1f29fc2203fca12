// DuckDB data chunks → column pages (lib/sql/column-page.ts) by copying the vectors' bytes:
// numbers, dates and timestamps are not turned into JS values at all, text is copied as UTF-8
// without being decoded. Reading DuckDB's native values (BigInt per integer, an object per
// timestamp) and converting them to JSON-safe values was most of a large result's time; here
// the page's reader converts only the values someone reads.
//
// It reads the vectors through @duckdb/node-bindings (the C API's vector_get_data and
// vector_get_validity, as @duckdb/node-api's own vector classes do): chunks of a streamed result
// are flat vectors, a VARCHAR is DuckDB's 16-byte string_t (length, then the bytes inline up to 12
// or a pointer). The tests decode every type both ways (chunk-columns.test.ts) so a DuckDB
// upgrade that changes this fails there. Types without a byte-for-byte encoding, and values
// outside an encoding's range (NaN, ±infinity, dates of other than four-digit years, timestamps
// beyond 1685–2255), go as JSON through the same readers as the row path (chunk-rows.ts).
import bindings from "@duckdb/node-bindings";
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBType } from "@duckdb/node-api";
import { assemblePage, Encoding, FIXED_WIDTH, type ColumnPart } from "../../../lib/sql/column-page";
import { FOUR_DIGIT_YEAR_DAYS } from "../../../lib/sql/duckdb-text";
import { readerFor } from "./chunk-rows";

/** Encodes the first `rows` rows of one column of a chunk. */
type ColumnEncoder = (chunk: DuckDBDataChunk, column: number, rows: number) => ColumnPart;

/** The encoders for a result's column types; build once per result, use for every chunk. */
export function columnEncoders(types: readonly DuckDBType[]): ColumnEncoder[] {
  return types.map(encoderFor);
}

/** The chunk's first `rows` rows (default: all) as one column page. */
export function encodeChunk(chunk: DuckDBDataChunk, encoders: readonly ColumnEncoder[], rows: number = chunk.rowCount): Uint8Array {
  const parts = encoders.map((encode, c) => encode(chunk, c, rows));
  return assemblePage(rows, parts);
}

const FIXED: Partial<Record<DuckDBTypeId, Encoding>> = {
  [DuckDBTypeId.TINYINT]: Encoding.INT8,
  [DuckDBTypeId.SMALLINT]: Encoding.INT16,
  [DuckDBTypeId.INTEGER]: Encoding.INT32,
  [DuckDBTypeId.BIGINT]: Encoding.INT64,
  [DuckDBTypeId.UTINYINT]: Encoding.UINT8,
  [DuckDBTypeId.USMALLINT]: Encoding.UINT16,
  [DuckDBTypeId.UINTEGER]: Encoding.UINT32,
  [DuckDBTypeId.UBIGINT]: Encoding.UINT64,
  [DuckDBTypeId.BOOLEAN]: Encoding.BOOL,
};

function encoderFor(type: DuckDBType): ColumnEncoder {
  const fixed = FIXED[type.typeId];
  if (fixed !== undefined) return (chunk, c, rows) => fixedPart(chunk, c, rows, fixed);
  const json = jsonEncoder(type);
  switch (type.typeId) {
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE: {
      const encoding = type.typeId === DuckDBTypeId.FLOAT ? Encoding.FLOAT32 : Encoding.FLOAT64;
      return (chunk, c, rows) => {
        const part = fixedPart(chunk, c, rows, encoding);
        // NaN and ±Infinity are not JSON numbers: the row path writes them as text.
        const values =
          encoding === Encoding.FLOAT32 ? new Float32Array(part.data.buffer, part.data.byteOffset, rows) : new Float64Array(part.data.buffer, part.data.byteOffset, rows);
        for (let r = 0; r < rows; r++) if (!Number.isFinite(values[r]!) && valid(part.validity, r)) return json(chunk, c, rows);
        return part;
      };
    }
    case DuckDBTypeId.DATE:
      return (chunk, c, rows) => {
        const part = fixedPart(chunk, c, rows, Encoding.DATE);
        const days = new Int32Array(part.data.buffer, part.data.byteOffset, rows);
        for (let r = 0; r < rows; r++) {
          const day = days[r]!;
          if ((day < FOUR_DIGIT_YEAR_DAYS.first || day > FOUR_DIGIT_YEAR_DAYS.last) && valid(part.validity, r)) return json(chunk, c, rows);
        }
        return part;
      };
    case DuckDBTypeId.TIMESTAMP:
      return (chunk, c, rows) => {
        const part = fixedPart(chunk, c, rows, Encoding.TIMESTAMP);
        // Within ±(2^53 − 1) µs the value is exact as a double: the high word within ±2^21.
        const words = new Int32Array(part.data.buffer, part.data.byteOffset, rows * 2);
        for (let r = 0; r < rows; r++) {
          const high = words[2 * r + 1]!;
          const exact = high < 2_097_152 && (high > -2_097_152 || (high === -2_097_152 && words[2 * r] !== 0));
          if (!exact && valid(part.validity, r)) return json(chunk, c, rows);
        }
        return part;
      };
    case DuckDBTypeId.VARCHAR:
      return utf8Part;
    default:
      return json;
  }
}

function rawVector(chunk: DuckDBDataChunk, column: number) {
  return bindings.data_chunk_get_vector(chunk.chunk, column);
}

/** The first `rows` validity bits (null: every value present). */
function validityOf(vector: ReturnType<typeof rawVector>, allRows: number, rows: number): Uint8Array | null {
  const words = bindings.vector_get_validity(vector, Math.ceil(allRows / 64) * 8) as Uint8Array | null | undefined;
  return words ? words.subarray(0, Math.ceil(rows / 8)) : null;
}

function valid(validity: Uint8Array | null, row: number): boolean {
  return !validity || ((validity[row >> 3]! >> (row & 7)) & 1) === 1;
}

function fixedPart(chunk: DuckDBDataChunk, column: number, rows: number, encoding: Encoding): ColumnPart {
  const vector = rawVector(chunk, column);
  const width = FIXED_WIDTH[encoding];
  const data = bindings.vector_get_data(vector, chunk.rowCount * width);
  // Views into the chunk's memory: assemblePage copies them before the chunk can go.
  return { encoding, validity: validityOf(vector, chunk.rowCount, rows), data: data.subarray(0, rows * width) };
}

/** VARCHAR: DuckDB's string_t per row (u32 length; ≤ 12 bytes inline, else prefix + pointer), copied as offsets + bytes. */
function utf8Part(chunk: DuckDBDataChunk, column: number, rows: number): ColumnPart {
  const vector = rawVector(chunk, column);
  const validity = validityOf(vector, chunk.rowCount, rows);
  const raw = bindings.vector_get_data(vector, chunk.rowCount * 16);
  const lengths = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let total = 0;
  for (let r = 0; r < rows; r++) if (valid(validity, r)) total += lengths.getUint32(16 * r, true);
  const bytes = new Uint8Array(total);
  const offsets = new Uint32Array(rows + 1);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    offsets[r] = at;
    if (!valid(validity, r)) continue;
    const length = lengths.getUint32(16 * r, true);
    if (length <= 12) {
      const from = 16 * r + 4;
      for (let k = 0; k < length; k++) bytes[at + k] = raw[from + k]!;
    } else {
      bytes.set(bindings.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + 16 * r + 8, length), at);
    }
    at += length;
  }
  offsets[rows] = at;
  return { encoding: Encoding.UTF8, validity, data: new Uint8Array(offsets.buffer), extra: bytes };
}

const encoder = new TextEncoder();

/** Every other type: the column's JSON-safe values (the row path's reader) as JSON text. */
function jsonEncoder(type: DuckDBType): ColumnEncoder {
  const read = readerFor(type);
  return (chunk, column, rows) => {
    const values = chunk.getColumnValues(column).slice(0, rows);
    const cells: unknown[][] = values.map(() => [undefined]);
    read(values, cells, 0);
    return { encoding: Encoding.JSON, validity: null, data: encoder.encode(JSON.stringify(cells.map((cell) => cell[0]))) };
  };
}
