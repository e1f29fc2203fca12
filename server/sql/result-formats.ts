// Result rows → CSV (RFC 4180) or a JSON array of objects, one piece at a time, so a download of
// any size streams through the server without being held in memory. CSV cells are escaped so a
// spreadsheet never runs them as formulas (see ./csv-cell.ts); JSON keeps every value exact.
// Parquet is written by DuckDB from the same rows (./results/parquet-file.ts).
import type { EngineColumn, EngineRow } from "../engines/query-engine";
import { csvCell, isNumericType } from "./csv-cell";
import { PARQUET_CONTENT_TYPE } from "./results/parquet-file";

export type ResultFormat = "csv" | "json" | "parquet";
/** The formats written row by row as text. */
export type TextFormat = Exclude<ResultFormat, "parquet">;

export const CONTENT_TYPES: Record<ResultFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  parquet: PARQUET_CONTENT_TYPE,
};

export function createEncoder(format: TextFormat, columns: EngineColumn[]) {
  const names = columns.map((c) => c.name);
  const numeric = columns.map((c) => isNumericType(c.type));
  let first = true;
  return {
    header(): string {
      return format === "csv" ? names.map((name) => csvCell(name)).join(",") + "\r\n" : "[";
    },
    rows(rows: EngineRow[]): string {
      if (format === "csv") return rows.map((row) => row.map((value, i) => csvCell(value, numeric[i])).join(",") + "\r\n").join("");
      let out = "";
      for (const row of rows) {
        const object: Record<string, unknown> = {};
        names.forEach((name, i) => (object[name] = row[i] ?? null));
        out += (first ? "\n" : ",\n") + JSON.stringify(object);
        first = false;
      }
      return out;
    },
    footer(): string {
      return format === "csv" ? "" : first ? "]\n" : "\n]\n";
    },
  };
}
