// SHOW STATS FOR <table> on the protocol test server. Trino answers one row per column
// (column_name, data_size, distinct_values_count, nulls_fraction, low_value, high_value) and a
// summary row whose column_name is NULL and row_count is the table's; all numbers are doubles,
// and what the connector does not know is NULL. The emulation computes them from DuckDB's data,
// or serves statistics a test declared for the table — a connector's statistics are metadata,
// not a count, so a test may say a 5,000-row table "has" a billion rows to exercise the portal's
// cost checks without a billion rows.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Session } from "./trino-duckdb-dialect";

export type DeclaredStatistics = { rowCount: number; dataSize?: number | null };

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const SHOW_STATS = new RegExp(`^SHOW\\s+STATS\\s+FOR\\s+(${IDENT}(?:\\s*\\.\\s*${IDENT}){0,2})\\s*$`, "i");

const unquote = (part: string) => (part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase());
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The table a SHOW STATS FOR statement names (completed from the session), or null for other statements. */
export function showStatsTable(sql: string, session: Session): { catalog: string; schema: string; table: string } | null {
  const m = SHOW_STATS.exec(sql.trim());
  if (!m) return null;
  const parts = (m[1]!.match(new RegExp(IDENT, "g")) ?? []).map(unquote);
  const table = parts.pop()!;
  const schema = parts.pop() ?? session.schema ?? "";
  const catalog = parts.pop() ?? session.catalog ?? "";
  return { catalog, schema, table };
}

/** DuckDB SQL that answers SHOW STATS FOR the table, with Trino's columns and types. */
export async function showStatsSql(connection: DuckDBConnection, t: { catalog: string; schema: string; table: string }, declared: DeclaredStatistics | undefined): Promise<string> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = ${literal(t.catalog)} AND table_schema = ${literal(t.schema)} AND table_name = ${literal(t.table)} ORDER BY ordinal_position`,
  );
  const columns = reader.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
  // An unknown table: let DuckDB's own "does not exist" error speak (translated like any other).
  const from = `${ident(t.catalog)}.${ident(t.schema)}.${ident(t.table)}`;
  if (columns.length === 0) return `SELECT * FROM ${from}`;
  const rows = columns.map(({ name, type }) => {
    const q = ident(name);
    const text = /^(VARCHAR|CHAR|TEXT|STRING)/i.test(type);
    const ordered = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|DATE|TIMESTAMP)/i.test(type);
    if (declared) {
      const size = declared.dataSize === null || declared.dataSize === undefined ? "NULL" : String(declared.dataSize / columns.length);
      return `SELECT ${literal(name)}, CAST(${size} AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)`;
    }
    return [
      `SELECT ${literal(name)},`,
      text ? `CAST(sum(length(${q})) AS DOUBLE),` : "CAST(NULL AS DOUBLE),",
      `CAST(approx_count_distinct(${q}) AS DOUBLE),`,
      `CASE WHEN count(*) = 0 THEN NULL ELSE CAST(1 - count(${q}) / count(*) AS DOUBLE) END,`,
      "CAST(NULL AS DOUBLE),",
      ordered ? `CAST(min(${q}) AS VARCHAR), CAST(max(${q}) AS VARCHAR)` : "CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)",
      `FROM ${from}`,
    ].join(" ");
  });
  const total = declared ? `CAST(${declared.rowCount} AS DOUBLE)` : `(SELECT CAST(count(*) AS DOUBLE) FROM ${from})`;
  rows.push(`SELECT CAST(NULL AS VARCHAR), CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), ${total}, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)`);
  return `SELECT * FROM (${rows.join(" UNION ALL ")}) AS stats(column_name, data_size, distinct_values_count, nulls_fraction, row_count, low_value, high_value)`;
}
