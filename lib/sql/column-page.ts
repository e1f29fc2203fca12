// A page of result rows stored column by column in one binary buffer: what the embedded DuckDB
// hands over (its vectors' bytes, copied, not converted), what the browser receives and what a
// kept result holds. Turning each value into a JSON-safe value (a timestamp into its text, a
// 64-bit integer into a number or a decimal string) is left to whoever reads that value: the
// grid reads the 50 rows it shows, not the million that streamed by. The values a page gives
// are exactly the rows the JSON path gives (server/engines/duckdb/chunk-rows.ts); the tests
// compare both on every type.
//
// Layout (little-endian; every section starts at a multiple of 8 bytes, so typed arrays view it
// without copying):
//
//   header     u32 magic "CPG1" · u32 rows · u32 columns · u32 0
//   directory  per column: u32 encoding · u32 flags (1: has validity) · u32 data bytes · u32 extra bytes
//   sections   per column: [validity: 1 bit per row, LSB first, 1 = value] [data] [extra]
//
// Encodings: fixed-width numbers (data = the values), BOOL (one byte per row), DATE (int32
// days), TIMESTAMP (int64 µs, always within ±2^53 so exact as a double), UTF8 (data = u32
// offsets, rows + 1 of them; extra = the bytes) and JSON (data = the UTF-8 text of a JSON array
// of the column's JSON-safe values: the encoder's fallback for every other type and for values
// outside the fast encodings' ranges).

import { plainDateString, timestampFormatter } from "./duckdb-text";

export const COLUMN_PAGE_MAGIC = 0x31475043; // "CPG1"
export const HEADER_BYTES = 16;
export const DIRECTORY_ENTRY_BYTES = 16;
export const HAS_VALIDITY = 1;

export const Encoding = {
  INT8: 1,
  INT16: 2,
  INT32: 3,
  INT64: 4,
  UINT8: 5,
  UINT16: 6,
  UINT32: 7,
  UINT64: 8,
  FLOAT32: 9,
  FLOAT64: 10,
  BOOL: 11,
  UTF8: 12,
  DATE: 13,
  TIMESTAMP: 14,
  JSON: 15,
} as const;
export type Encoding = (typeof Encoding)[keyof typeof Encoding];

/** Bytes per value of the fixed-width encodings (0: variable width). */
export const FIXED_WIDTH: Record<Encoding, number> = {
  [Encoding.INT8]: 1,
  [Encoding.INT16]: 2,
  [Encoding.INT32]: 4,
  [Encoding.INT64]: 8,
  [Encoding.UINT8]: 1,
  [Encoding.UINT16]: 2,
  [Encoding.UINT32]: 4,
  [Encoding.UINT64]: 8,
  [Encoding.FLOAT32]: 4,
  [Encoding.FLOAT64]: 8,
  [Encoding.BOOL]: 1,
  [Encoding.UTF8]: 0,
  [Encoding.DATE]: 4,
  [Encoding.TIMESTAMP]: 8,
  [Encoding.JSON]: 0,
};

export const padded = (bytes: number): number => (bytes + 7) & ~7;

/** One column of a page, written by an encoder. */
export type ColumnPart = { encoding: Encoding; validity: Uint8Array | null; data: Uint8Array; extra?: Uint8Array };

/** Writes a page's columns into one buffer (the layout above). */
export function assemblePage(rowCount: number, columns: readonly ColumnPart[]): Uint8Array {
  let size = HEADER_BYTES + DIRECTORY_ENTRY_BYTES * columns.length;
  for (const c of columns) size += (c.validity ? padded(c.validity.byteLength) : 0) + padded(c.data.byteLength) + padded(c.extra?.byteLength ?? 0);
  const out = new Uint8Array(size);
  const words = new DataView(out.buffer);
  words.setUint32(0, COLUMN_PAGE_MAGIC, true);
  words.setUint32(4, rowCount, true);
  words.setUint32(8, columns.length, true);
  let offset = HEADER_BYTES + DIRECTORY_ENTRY_BYTES * columns.length;
  columns.forEach((c, i) => {
    const entry = HEADER_BYTES + DIRECTORY_ENTRY_BYTES * i;
    words.setUint32(entry, c.encoding, true);
    words.setUint32(entry + 4, c.validity ? HAS_VALIDITY : 0, true);
    words.setUint32(entry + 8, c.data.byteLength, true);
    words.setUint32(entry + 12, c.extra?.byteLength ?? 0, true);
    if (c.validity) {
      out.set(c.validity, offset);
      offset += padded(c.validity.byteLength);
    }
    out.set(c.data, offset);
    offset += padded(c.data.byteLength);
    if (c.extra) {
      out.set(c.extra, offset);
      offset += padded(c.extra.byteLength);
    }
  });
  return out;
}

export class ColumnPageError extends Error {
  constructor(detail: string) {
    super(`A page of result rows cannot be read: ${detail}.`);
    this.name = "ColumnPageError";
  }
}

type ValueAt = (row: number) => unknown;

const TWO_32 = 4_294_967_296;
/** High words of int64 values whose magnitude stays below 2^53 (the rest are decimal strings). */
const SAFE_HIGH = 2_097_152; // 2^21
const textDecoder = new TextDecoder("utf-8", { fatal: false });

/**
 * A decoded page: values are read on demand, each as the JSON-safe value the NDJSON stream
 * would have carried. Decoding checks the layout once (sizes, bounds); a damaged page throws
 * ColumnPageError instead of showing wrong values.
 */
export class ColumnPage {
  readonly length: number;
  readonly width: number;
  private readonly columns: ValueAt[];

  private constructor(
    /** The page as sent (8-byte aligned). */
    readonly bytes: Uint8Array,
  ) {
    if (bytes.byteLength < HEADER_BYTES) throw new ColumnPageError("it is shorter than its header");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== COLUMN_PAGE_MAGIC) throw new ColumnPageError("it does not start with the page marker");
    this.length = view.getUint32(4, true);
    this.width = view.getUint32(8, true);
    let offset = HEADER_BYTES + DIRECTORY_ENTRY_BYTES * this.width;
    if (offset > bytes.byteLength) throw new ColumnPageError("its column directory is cut short");
    const section = (size: number): Uint8Array => {
      if (offset + size > bytes.byteLength) throw new ColumnPageError("a column's data is cut short");
      const part = bytes.subarray(offset, offset + size);
      offset += padded(size);
      return part;
    };
    this.columns = [];
    for (let c = 0; c < this.width; c++) {
      const entry = HEADER_BYTES + DIRECTORY_ENTRY_BYTES * c;
      const encoding = view.getUint32(entry, true) as Encoding;
      const flags = view.getUint32(entry + 4, true);
      const dataBytes = view.getUint32(entry + 8, true);
      const extraBytes = view.getUint32(entry + 12, true);
      const validity = flags & HAS_VALIDITY ? section(Math.ceil(this.length / 8)) : null;
      const data = section(dataBytes);
      const extra = section(extraBytes);
      this.columns.push(columnReader(encoding, this.length, validity, data, extra));
    }
  }

  /** Reads a page; `bytes` is copied when it does not start at a multiple of 8 (typed arrays need it). */
  static decode(bytes: Uint8Array): ColumnPage {
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    return new ColumnPage(aligned);
  }

  value(row: number, column: number): unknown {
    return this.columns[column]!(row);
  }

  row(index: number): unknown[] {
    const out = new Array<unknown>(this.width);
    for (let c = 0; c < this.width; c++) out[c] = this.columns[c]!(index);
    return out;
  }

  /** Left out of JSON: an event serialised whole carries its `rows`, not the page's bytes. */
  toJSON(): undefined {
    return undefined;
  }

  /** Every row, as the NDJSON stream carries them. */
  rows(): unknown[][] {
    const out = new Array<unknown[]>(this.length);
    for (let r = 0; r < this.length; r++) out[r] = this.row(r);
    return out;
  }
}

function columnReader(encoding: Encoding, length: number, validity: Uint8Array | null, data: Uint8Array, extra: Uint8Array): ValueAt {
  const width = FIXED_WIDTH[encoding];
  if (width === undefined) throw new ColumnPageError(`unknown column encoding ${encoding}`);
  if (width > 0 && data.byteLength !== width * length) throw new ColumnPageError("a column holds the wrong number of values");
  const valueAt = valuesReader(encoding, length, data, extra);
  if (!validity) return valueAt;
  return (row) => ((validity[row >> 3]! >> (row & 7)) & 1 ? valueAt(row) : null);
}

function valuesReader(encoding: Encoding, length: number, data: Uint8Array, extra: Uint8Array): ValueAt {
  const { buffer, byteOffset } = data;
  switch (encoding) {
    case Encoding.INT8:
      return typed(new Int8Array(buffer, byteOffset, length));
    case Encoding.INT16:
      return typed(new Int16Array(buffer, byteOffset, length));
    case Encoding.INT32:
      return typed(new Int32Array(buffer, byteOffset, length));
    case Encoding.UINT8:
      return typed(new Uint8Array(buffer, byteOffset, length));
    case Encoding.UINT16:
      return typed(new Uint16Array(buffer, byteOffset, length));
    case Encoding.UINT32:
      return typed(new Uint32Array(buffer, byteOffset, length));
    case Encoding.FLOAT32:
      return typed(new Float32Array(buffer, byteOffset, length));
    case Encoding.FLOAT64:
      return typed(new Float64Array(buffer, byteOffset, length));
    case Encoding.BOOL:
      return (row) => data[row] !== 0;
    case Encoding.DATE: {
      const days = new Int32Array(buffer, byteOffset, length);
      return (row) => plainDate(days[row]!);
    }
    case Encoding.INT64:
    case Encoding.UINT64:
      return int64Reader(data, length, encoding === Encoding.UINT64);
    case Encoding.TIMESTAMP: {
      const micros = int64Reader(data, length, false);
      const format = timestampFormatter();
      return (row) => format(micros(row) as number);
    }
    case Encoding.UTF8:
      return utf8Reader(data, extra, length);
    case Encoding.JSON: {
      let values: unknown[] | null = null;
      return (row) => {
        values ??= parseJsonColumn(data, length);
        return values[row];
      };
    }
  }
}

const typed =
  (values: ArrayLike<number>): ValueAt =>
  (row) =>
    values[row];

/** Numbers when exact (|v| ≤ 2^53 − 1), else the decimal string: no digit is ever lost. */
function int64Reader(data: Uint8Array, length: number, unsigned: boolean): ValueAt {
  const low = new Uint32Array(data.buffer, data.byteOffset, length * 2);
  const high = new Int32Array(data.buffer, data.byteOffset, length * 2);
  return (row) => {
    const lo = low[2 * row]!;
    if (unsigned) {
      const hi = low[2 * row + 1]!;
      if (hi < SAFE_HIGH) return hi * TWO_32 + lo;
      return new BigUint64Array(data.buffer, data.byteOffset + 8 * row, 1)[0]!.toString();
    }
    const hi = high[2 * row + 1]!;
    // -2^53 itself has a high word of -2^21 and is not a safe integer.
    if (hi < SAFE_HIGH && (hi > -SAFE_HIGH || (hi === -SAFE_HIGH && lo !== 0))) return hi * TWO_32 + lo;
    return new BigInt64Array(data.buffer, data.byteOffset + 8 * row, 1)[0]!.toString();
  };
}

/**
 * Text values. When the page's text is all ASCII (most results), the column's bytes are
 * decoded once and each value is a slice of that string; otherwise each value is decoded alone.
 */
function utf8Reader(offsetsBytes: Uint8Array, bytes: Uint8Array, length: number): ValueAt {
  if (offsetsBytes.byteLength !== 4 * (length + 1)) throw new ColumnPageError("a text column holds the wrong number of offsets");
  const offsets = new Uint32Array(offsetsBytes.buffer, offsetsBytes.byteOffset, length + 1);
  if (offsets[length]! > bytes.byteLength) throw new ColumnPageError("a text column's offsets point past its bytes");
  let whole: string | null = null;
  let ascii: boolean | null = null;
  return (row) => {
    const start = offsets[row]!;
    const end = offsets[row + 1]!;
    if (ascii === null) {
      whole = textDecoder.decode(bytes.subarray(0, offsets[length]));
      ascii = whole.length === offsets[length];
    }
    return ascii ? whole!.slice(start, end) : textDecoder.decode(bytes.subarray(start, end));
  };
}

function parseJsonColumn(data: Uint8Array, length: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(textDecoder.decode(data));
  } catch {
    throw new ColumnPageError("a column's values are not valid JSON");
  }
  if (!Array.isArray(values) || values.length !== length) throw new ColumnPageError("a column holds the wrong number of values");
  return values;
}

function plainDate(days: number): string {
  // The encoder sends only days of four-digit years as DATE; anything else went as JSON.
  return plainDateString(days) ?? String(days);
}

/**
 * A run's `rows` event for a page: consumers that pass pages on (the frame stream, the kept
 * result, the browser's row store) use `page`; `rows` is decoded from it on first read, once.
 */
export function columnPageEvent(page: ColumnPage): { type: "rows"; rows: unknown[][]; page: ColumnPage } {
  let rows: unknown[][] | null = null;
  return {
    type: "rows",
    page,
    get rows() {
      return (rows ??= page.rows());
    },
  };
}
