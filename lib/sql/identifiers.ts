// SQL identifiers, the one place that decides how a name is written in SQL. Isomorphic (lib/):
// the catalog's "Open in SQL workbench" and sample reads, the schema browser and the editor's
// completions, and the embedded engine's `USE` all quote names here. Double-quoted identifiers
// mean the same in DuckDB and Trino.

// Lower case only: Trino folds unquoted names to lower case, so `Sales` would name `sales`.
const PLAIN = /^[a-z_][a-z0-9_]*$/;

// Words DuckDB or Trino reserve: a table called `order` or a column called `group` is valid only
// when quoted. Non-reserved keywords (`date`, `name`, `type`, …) stay plain, as people write them.
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
export function qualifiedIdentifier(parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join(".");
}
