// "Query this file": a ready DuckDB query for the SQL workbench (/sql?query=...), offered for
// the formats DuckDB reads (Parquet, CSV/TSV, JSON/NDJSON). The file is named where the engine
// can read it: with S3 storage its s3://bucket/key URL (DuckDB's httpfs, Trino); with the
// embedded local folder the file's path, which the embedded DuckDB reads directly (the demo
// lakehouse's raw views do the same) — it has no httpfs offline, so s3:// would fail there.
import type { ObjectStore } from "./object-store";
import { duckdbReaderOf, type PreviewKind } from "./preview/kinds";

export function lakeUrl(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function engineLocation(store: ObjectStore, bucket: string, key: string): string {
  const local = store as ObjectStore & { filePath?: (bucket: string, key: string) => string };
  return store.kind === "local" && local.filePath ? local.filePath(bucket, key) : lakeUrl(bucket, key);
}

export function duckdbQueryFor(location: string, kind: PreviewKind): string | null {
  const reader = duckdbReaderOf(kind);
  if (!reader) return null;
  const literal = `'${location.replaceAll("'", "''")}'`;
  const args = kind === "tsv" ? `${literal}, delim = '\\t'` : literal;
  return `SELECT * FROM ${reader}(${args}) LIMIT 100`;
}

export function workbenchUrl(query: string): string {
  return `/sql?query=${encodeURIComponent(query)}`;
}
