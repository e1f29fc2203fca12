// s3://<bucket>/<key> in a statement, run on the embedded engine: DuckDB has no network access
// (and no httpfs) here, so after the sandbox has judged the statement with those names (as the
// lake files they name, lake-paths.ts), each one is replaced by its lake file's path before
// DuckDB prepares or runs it. Only the literals the statement reads or writes as files are
// replaced — `SELECT 's3://raw/a.csv' AS source` keeps its text — and the result is judged again
// as any statement with local paths would be, so the replacement can never reach further.
import { tokenize, type Token } from "./tokens";
import { isObjectUrl, lakePathOf } from "./lake-paths";

export type FileName = { value: string; location: number | null };

/**
 * `sql` with every s3:// file name in `files` written as its lake path. A name with a location
 * (DuckDB's byte offset, from the parse tree) replaces the literal there; one without replaces
 * every literal of that text (statements judged on their tokens, where no tree says where).
 */
export function withLakePaths(sql: string, files: readonly FileName[], lakeDir: string): string {
  const objects = files.filter((f) => isObjectUrl(f.value));
  if (objects.length === 0) return sql;
  const literals = tokenize(sql).filter((t) => (t.type === "string" || t.type === "ident") && isObjectUrl(t.value));
  const byteStart = new Map(literals.map((t) => [Buffer.byteLength(sql.slice(0, t.start)), t]));
  const chosen = new Set<Token>();
  for (const file of objects) {
    if (file.location !== null) {
      const token = byteStart.get(file.location);
      if (token?.value === file.value) {
        chosen.add(token);
        continue;
      }
    }
    for (const token of literals) if (token.value === file.value) chosen.add(token);
  }
  let out = "";
  let at = 0;
  for (const token of [...chosen].sort((a, b) => a.start - b.start)) {
    out += sql.slice(at, token.start) + quoteAs(token, lakePathOf(token.value, lakeDir).path);
    at = token.type === "string" || token.type === "ident" ? token.end : token.start;
  }
  return out + sql.slice(at);
}

function quoteAs(token: Token, value: string): string {
  return token.type === "ident" ? `"${value.replaceAll('"', '""')}"` : `'${value.replaceAll("'", "''")}'`;
}
