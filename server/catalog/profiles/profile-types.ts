// What a column profile holds, and how a column's type decides what is measured. Shared by the
// SQL builder, the result reader and the pages (through tRPC's inferred types).

/**
 * integer, numeric: min/max and equal-width bins; date, timestamp: the same over days or seconds
 * since 1970; text, boolean: the most frequent values; other (arrays, maps, structs, binary,
 * json, intervals, times…): the null share only.
 */
export type ColumnKind = "integer" | "numeric" | "date" | "timestamp" | "text" | "boolean" | "other";

export type HistogramBin = {
  /** Inclusive lower edge, in the column's measure (the number; days or seconds since 1970). */
  from: number;
  /** Exclusive upper edge (integers: the next bin's first value). */
  to: number;
  count: number;
};

export type TopValue = { value: string; count: number };

export type ColumnProfile = {
  name: string;
  type: string;
  kind: ColumnKind;
  /** Share of sampled rows where the column is NULL (0–1). */
  nullShare: number;
  nonNull: number;
  /** The engine's approximate distinct count (HyperLogLog), null for kinds it is not counted for. */
  distinct: number | null;
  /** As the engine printed them (numbers as numbers when exact, else text; text cut at 200 characters). */
  min: string | number | null;
  max: string | number | null;
  /** Equal-width bins (integer, numeric, date, timestamp), in order, empty bins included. */
  histogram: HistogramBin[] | null;
  /** Most frequent values, most frequent first (text, boolean). */
  topValues: TopValue[] | null;
};

const INTEGER = /^(tinyint|smallint|integer|int|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|int1|int2|int4|int8|long|short|signed)\b/;
const NUMERIC = /^(real|float|float4|float8|double|decimal|numeric)\b/;
const TEXT = /^(varchar|char|character|string|text|enum|uuid|bpchar|name)\b/;

/** The kind of a column from the type the crawler stored (DuckDB's or Trino's spelling). */
export function columnKind(type: string): ColumnKind {
  const t = type.trim().toLowerCase();
  if (/\[\d*\]$/.test(t)) return "other"; // DuckDB lists and arrays: INTEGER[], VARCHAR[3]
  if (INTEGER.test(t)) return "integer";
  if (NUMERIC.test(t)) return "numeric";
  if (t === "date") return "date";
  if (t.startsWith("timestamp") || t === "datetime") return "timestamp";
  if (TEXT.test(t)) return "text";
  if (t === "boolean" || t === "bool") return "boolean";
  return "other";
}

export const hasRange = (kind: ColumnKind) => kind === "integer" || kind === "numeric" || kind === "date" || kind === "timestamp";
export const hasTopValues = (kind: ColumnKind) => kind === "text" || kind === "boolean";
