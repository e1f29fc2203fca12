// Access control for the protocol test server: which tables a statement reads, so a test can
// deny a user SELECT on a table the way Trino's system access control does (file-based rules,
// Ranger…). Trino checks this while analysing the statement, before it runs anything, and fails
// it with PERMISSION_DENIED: "Access Denied: Cannot select from table c.s.t".
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Session } from "./trino-duckdb-dialect";

export type DeniedTable = { user: string; table: string };

type TableName = { catalog: string; schema: string; table: string };

function walk(node: unknown, found: TableName[], session: Session): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, found, session);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (o.type === "BASE_TABLE" && typeof o.table_name === "string") {
    // `s.t` is schema.table in the session's catalog, `t` a table of the session's schema (as Trino reads them).
    found.push({
      catalog: (o.catalog_name as string) || session.catalog || "",
      schema: (o.schema_name as string) || session.schema || "",
      table: o.table_name,
    });
  }
  for (const child of Object.values(o)) walk(child, found, session);
}

/** Tables a SELECT (DuckDB SQL) names, from DuckDB's own parse tree; [] for what it cannot serialise. */
export async function tablesRead(connection: DuckDBConnection, duckSql: string, session: Session): Promise<TableName[]> {
  try {
    const reader = await connection.runAndReadAll(`SELECT json_serialize_sql('${duckSql.replace(/'/g, "''")}')`);
    const tree = JSON.parse(String(reader.getRows()[0]?.[0] ?? "{}")) as { error?: boolean };
    if (tree.error) return [];
    const found: TableName[] = [];
    walk(tree, found, session);
    return found;
  } catch {
    return [];
  }
}

/** The first table of `tables` that `user` may not read, as `catalog.schema.table`, or null. */
export function deniedTable(denied: readonly DeniedTable[], user: string | null, tables: TableName[]): string | null {
  for (const t of tables) {
    const name = `${t.catalog}.${t.schema}.${t.table}`.toLowerCase();
    if (denied.some((d) => d.user === user && d.table.toLowerCase() === name)) return name;
  }
  return null;
}
