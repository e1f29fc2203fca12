// Table lookups on a DuckDB connection (the demo pipeline's, the tests'): the table's columns
// and its name as DuckDB spells it, found without regard to case as DuckDB resolves names.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { TableLookup } from "./derive";

export function duckDbLookup(conn: DuckDBConnection): TableLookup {
  return async ([catalog, schema, table]) => {
    const reader = await conn.runAndReadAll(
      `SELECT table_catalog, table_schema, table_name, column_name, data_type FROM information_schema.columns
        WHERE lower(table_catalog) = lower($1) AND lower(table_schema) = lower($2) AND lower(table_name) = lower($3) ORDER BY ordinal_position`,
      [catalog, schema, table],
    );
    const rows = reader.getRows();
    if (!rows.length) return null;
    const [c, s, t] = rows[0]!.map(String) as [string, string, string];
    return { name: [c, s, t], columns: rows.map((r) => ({ name: String(r[3]), type: String(r[4]) })) };
  };
}
