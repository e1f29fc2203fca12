// Names of datasets: the qualified name people read and type, and SQL that reads a dataset
// through an engine (double-quoted identifiers work in both DuckDB and Trino).

export type DatasetRef = { engineId: string; catalog: string; schema: string; name: string };

export function qualifiedName(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return `${ref.catalog}.${ref.schema}.${ref.name}`;
}

/** "flights" stays flights; anything that is not a plain lower-case identifier is quoted. */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function sqlQualifiedName(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return [ref.catalog, ref.schema, ref.name].map(sqlIdentifier).join(".");
}

/** The statement behind "Open in SQL workbench". */
export function workbenchQuery(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return `SELECT * FROM ${sqlQualifiedName(ref)} LIMIT 100`;
}
