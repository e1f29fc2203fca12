// What changed in a dataset's columns between two crawls, and a fingerprint that lets the
// crawler skip unchanged datasets without loading their columns. Pure functions.
import { createHash } from "node:crypto";
import type { ColumnInfo, TableInfo } from "../engines/query-engine";

export type ColumnChange =
  | { change: "column_added"; columnName: string; oldType: null; newType: string }
  | { change: "column_removed"; columnName: string; oldType: string; newType: null }
  | { change: "column_retyped"; columnName: string; oldType: string; newType: string };

/** The stored shape of a column, as far as the schema history cares. */
export type StoredColumn = { name: string; type: string };

/** sha256 over everything the crawler stores about a dataset: kind, comment, columns in order. */
export function datasetFingerprint(table: Pick<TableInfo, "type" | "comment">, columns: ColumnInfo[]): string {
  const shape = [table.type, table.comment ?? null, columns.map((c) => [c.name, c.type, c.nullable, c.comment ?? null, c.ordinal])];
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex");
}

/**
 * Columns added, removed and retyped, in the new column order (removed ones last). A rename is
 * reported as a removal and an addition: engines do not say which column became which.
 * Type comparison ignores case (engines differ in how they spell `varchar`).
 */
export function diffColumns(before: StoredColumn[], after: Pick<ColumnInfo, "name" | "type">[]): ColumnChange[] {
  const old = new Map(before.map((c) => [c.name, c.type]));
  const now = new Set(after.map((c) => c.name));
  const changes: ColumnChange[] = [];
  for (const column of after) {
    const previous = old.get(column.name);
    if (previous === undefined) changes.push({ change: "column_added", columnName: column.name, oldType: null, newType: column.type });
    else if (previous.toLowerCase() !== column.type.toLowerCase()) changes.push({ change: "column_retyped", columnName: column.name, oldType: previous, newType: column.type });
  }
  for (const column of before) {
    if (!now.has(column.name)) changes.push({ change: "column_removed", columnName: column.name, oldType: column.type, newType: null });
  }
  return changes;
}
