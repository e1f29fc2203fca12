// "Query this file": a ready DuckDB query for the SQL workbench (/sql?query=...). Files are
// named by s3://bucket/key whichever adapter serves them; the workbench's engine resolves that
// URL (S3 via httpfs, or the local lake folder — see lakeRoot() in index.ts).
import { duckdbReaderOf, type PreviewKind } from "./preview/kinds";

export function lakeUrl(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function duckdbQueryFor(bucket: string, key: string, kind: PreviewKind): string | null {
  const reader = duckdbReaderOf(kind);
  if (!reader) return null;
  const literal = `'${lakeUrl(bucket, key).replaceAll("'", "''")}'`;
  const args = kind === "tsv" ? `${literal}, delim = '\\t'` : literal;
  return `SELECT * FROM ${reader}(${args}) LIMIT 100`;
}

export function workbenchUrl(query: string): string {
  return `/sql?query=${encodeURIComponent(query)}`;
}
