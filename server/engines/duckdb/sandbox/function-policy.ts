// Which of DuckDB's functions a statement may call. Table functions are allowed by name (an
// allowlist: a table function DuckDB adds in a new version stays refused until someone decides),
// because several of them run SQL of their own (query, query_table,
// json_execute_serialized_sql), change the shared instance (checkpoint, enable_profiling,
// enable_logging, the PEG parser switches) or show its settings and paths (duckdb_settings,
// duckdb_databases, duckdb_temporary_files, duckdb_secrets). Scalar functions are allowed unless
// listed below: they compute values and, but for these, touch nothing shared.

/** Table functions that read files: their first argument is the path (or a list of paths). */
export const FILE_READERS = new Set([
  "read_csv",
  "read_csv_auto",
  "sniff_csv",
  "read_parquet",
  "parquet_scan",
  "parquet_metadata",
  "parquet_schema",
  "parquet_file_metadata",
  "parquet_kv_metadata",
  "parquet_full_metadata",
  "parquet_bloom_probe",
  "read_json",
  "read_json_auto",
  "read_json_objects",
  "read_json_objects_auto",
  "read_ndjson",
  "read_ndjson_auto",
  "read_ndjson_objects",
  "read_text",
  "read_blob",
  "glob",
]);

/** Table functions that read nothing but their arguments and the catalog's own objects. */
const PURE_TABLE_FUNCTIONS = new Set([
  "range",
  "generate_series",
  "unnest",
  "repeat",
  "repeat_row",
  "json_each",
  "json_tree",
  "summary",
  "icu_calendar_names",
  "pg_timezone_names",
  "duckdb_keywords",
  "duckdb_types",
  "duckdb_functions",
  "duckdb_schemas",
  "duckdb_tables",
  "duckdb_views",
  "duckdb_columns",
  "duckdb_constraints",
  "duckdb_indexes",
  "duckdb_sequences",
  "duckdb_dependencies",
  "duckdb_optimizers",
  "pragma_table_info",
  "pragma_show",
  "pragma_version",
  "pragma_collations",
  "sql_auto_complete",
  "histogram",
  "histogram_values",
]);

/** Scalar functions that reveal the instance's settings or write to its log. */
const REFUSED_SCALAR_FUNCTIONS = new Map<string, string>([
  ["current_setting", "it shows the engine's settings, which include server paths"],
  ["write_log", "it writes to the engine's shared log"],
  ["json_execute_serialized_sql", "it runs SQL the sandbox cannot check"],
]);

/** Functions only editors may call: they change shared state. */
const EDITOR_SCALAR_FUNCTIONS = new Map<string, string>([
  ["nextval", "it advances a sequence for everyone"],
  ["setval", "it changes a sequence for everyone"],
]);

export type FunctionVerdict = { allowed: true; readsFiles: boolean } | { allowed: false; reason: string };

export function tableFunctionVerdict(name: string): FunctionVerdict {
  const n = name.toLowerCase();
  if (FILE_READERS.has(n)) return { allowed: true, readsFiles: true };
  if (PURE_TABLE_FUNCTIONS.has(n)) return { allowed: true, readsFiles: false };
  return { allowed: false, reason: `the table function ${n}() is not available in the portal's SQL (it runs SQL of its own, changes the shared engine or shows its settings)` };
}

export function scalarFunctionVerdict(name: string, mayChangeData: boolean): { allowed: true } | { allowed: false; reason: string } {
  const n = name.toLowerCase();
  const refused = REFUSED_SCALAR_FUNCTIONS.get(n);
  if (refused) return { allowed: false, reason: `the function ${n}() is not available in the portal's SQL: ${refused}` };
  const editorOnly = EDITOR_SCALAR_FUNCTIONS.get(n);
  if (editorOnly && !mayChangeData) return { allowed: false, reason: `viewers may not call ${n}(): ${editorOnly}` };
  return { allowed: true };
}
