// How result values look in the grid. The server sends JSON-safe values: numbers, strings (big
// integers and decimals arrive as strings to keep every digit), booleans, null, arrays, objects.
export type CellText = { text: string; kind: "null" | "number" | "boolean" | "text" | "json" };

// The whole type, with an optional precision: "DECIMAL(18,3)" is numeric, "INTEGER[]" is a list.
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|REAL|FLOAT|DOUBLE|DECIMAL|NUMERIC)(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?$/i;

/** Numeric SQL types are right-aligned, whatever JSON type carried the value. */
export function isNumericType(sqlType: string): boolean {
  return NUMERIC_TYPE.test(sqlType.trim());
}

export function formatCell(value: unknown): CellText {
  if (value === null || value === undefined) return { text: "NULL", kind: "null" };
  if (typeof value === "number") return { text: Number.isFinite(value) ? String(value) : String(value), kind: "number" };
  if (typeof value === "boolean") return { text: value ? "true" : "false", kind: "boolean" };
  if (typeof value === "string") return { text: value, kind: "text" };
  return { text: JSON.stringify(value), kind: "json" };
}

/** A value as a number for charts; null when it is not one. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}
