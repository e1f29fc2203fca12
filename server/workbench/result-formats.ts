// Result rows → CSV (RFC 4180) or a JSON array of objects, one piece at a time, so a download of
// any size streams through the server without being held in memory.
import type { EngineColumn, EngineRow } from "../engines/query-engine";

export type ResultFormat = "csv" | "json";

export const CONTENT_TYPES: Record<ResultFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function createEncoder(format: ResultFormat, columns: EngineColumn[]) {
  const names = columns.map((c) => c.name);
  let first = true;
  return {
    header(): string {
      return format === "csv" ? names.map(csvCell).join(",") + "\r\n" : "[";
    },
    rows(rows: EngineRow[]): string {
      if (format === "csv") return rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
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
