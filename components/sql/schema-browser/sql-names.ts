// Names the schema browser writes into the editor: identifiers quoted only when they must be, table
// references as short as the tab's catalog and schema allow, and the preview statement.

import { qualifiedIdentifier, quoteIdentifier } from "@/lib/sql/identifiers";

// Quoting itself lives in lib/sql/identifiers.ts, shared with the catalog and the engines.
export { quoteIdentifier };

/** `catalog.schema.table` (or any dotted path), each part quoted as needed. */
export const qualifiedName = qualifiedIdentifier;

export type TablePath = readonly [catalog: string, schema: string, table: string];

/**
 * How to name a table from the tab's context: the bare name in the tab's own schema,
 * `schema.table` in its catalog, and fully qualified elsewhere, so the text runs as it reads.
 */
export function tableReference(path: TablePath, context: { catalog: string | null; schema: string | null }): string {
  const [catalog, schema, table] = path;
  if (catalog === context.catalog && schema === context.schema) return quoteIdentifier(table);
  if (catalog === context.catalog) return qualifiedName([schema, table]);
  return qualifiedName(path);
}

/** Fully qualified on purpose: it runs the same whatever catalog and schema the tab has. */
export function previewSql(path: TablePath, limit = 100): string {
  return `SELECT * FROM ${qualifiedName(path)} LIMIT ${limit}`;
}
