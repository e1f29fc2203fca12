// sql-formatter in the engine's dialect (only these two dialects are bundled). Loaded apart from
// the workbench by format-sql.ts: the formatter is a large module that only Format needs.
import { duckdb, formatDialect, trino } from "sql-formatter";

export function formatInDialect(sql: string, engineKind: string | null | undefined): string {
  return formatDialect(sql, { dialect: engineKind === "trino" ? trino : duckdb, tabWidth: 2, keywordCase: "preserve" });
}
