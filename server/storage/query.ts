// "Query this file": a ready DuckDB query for the SQL workbench (/sql?query=...), offered for
// the formats DuckDB reads (Parquet, CSV/TSV, JSON/NDJSON). The file is named by bucket and key,
// s3://bucket/key, on every storage: DuckDB's httpfs and Trino read it from S3, and the embedded
// engine's sandbox resolves it to the lake file (server/engines/duckdb/sandbox/object-urls.ts),
// so the query never shows the server's own folders.
import { duckdbReaderOf, type PreviewKind } from "./preview/kinds";

export function lakeUrl(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
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
