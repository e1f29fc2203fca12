// Formatting with sql-formatter in the engine's dialect (only the two dialects are bundled).
import { duckdb, formatDialect, trino } from "sql-formatter";

export function formatSql(sql: string, engineKind: string | null | undefined): string {
  return formatDialect(sql, { dialect: engineKind === "trino" ? trino : duckdb, tabWidth: 2, keywordCase: "preserve" });
}
