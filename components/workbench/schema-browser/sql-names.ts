// Names the schema browser writes into the editor: identifiers quoted only when they must be, table
// references as short as the tab's catalog and schema allow, and the preview statement.

// Lower case only: Trino folds unquoted names to lower case, so `Sales` would name `sales`.
const PLAIN = /^[a-z_][a-z0-9_]*$/;

// Words DuckDB or Trino reserve: a column called `order` or `group` is valid only when quoted.
// Non-reserved keywords (`date`, `name`, `type`, …) stay plain, as people write them.
const RESERVED = new Set([
  "all", "alter", "and", "any", "array", "as", "asc", "between", "both", "by", "case", "cast", "check", "collate",
  "column", "constraint", "create", "cross", "cube", "current_date", "current_time", "current_timestamp",
  "current_user", "deallocate", "default", "delete", "desc", "describe", "distinct", "do", "drop", "else", "end",
  "escape", "except", "execute", "exists", "extract", "false", "fetch", "for", "foreign", "from", "full", "grant",
  "group", "grouping", "having", "in", "inner", "insert", "intersect", "into", "is", "join", "lateral", "leading",
  "left", "like", "limit", "localtime", "localtimestamp", "natural", "normalize", "not", "null", "offset", "on",
  "only", "or", "order", "outer", "placing", "prepare", "primary", "qualify", "recursive", "references", "returning",
  "right", "rollup", "select", "some", "table", "then", "to", "trailing", "true", "uescape", "union", "unique",
  "unnest", "update", "using", "values", "when", "where", "window", "with",
]);

/** `name` as SQL: plain when it can be, else in double quotes with `"` doubled. */
export function quoteIdentifier(name: string): string {
  return PLAIN.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `catalog.schema.table` (or any dotted path), each part quoted as needed. */
export function qualifiedName(parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join(".");
}

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
