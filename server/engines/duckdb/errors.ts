// DuckDB error messages → EngineQueryError with a 1-based line and column. DuckDB reports the
// position as a snippet of the failing line with a caret under the token:
//   Parser Error: syntax error at or near "WHERE"
//
//   LINE 2:   FROM WHERE
//                  ^
// Long lines are shown cut with "..." on either side, so we find the snippet in the submitted
// SQL to turn the caret into a real column.
import { EngineQueryError, type EngineErrorKind } from "../query-engine";

export function duckDbError(err: unknown, sql: string, queryId?: string): EngineQueryError {
  const raw = (err instanceof Error ? err.message : String(err)).replace(/^Failed to (extract|prepare|execute) statements?: /, "");
  if (/^INTERRUPT Error|Interrupted!/i.test(raw)) return new EngineQueryError("cancelled", "The query was cancelled.", { queryId });
  const position = errorPosition(raw, sql);
  const [headline] = raw.split("\n\nLINE ");
  const kind: EngineErrorKind =
    /^(Parser|Catalog|Binder|Conversion|Invalid Input|Constraint|Out of Range|Not implemented|Permission|Dependency|Sequence|Syntax|Type Mismatch|Division|Invalid)[ A-Za-z]* Error/i.test(
      raw,
    )
      ? "user"
      : "engine";
  const errorName =
    raw
      .match(/^([A-Za-z ]+) Error:/)?.[1]
      ?.toUpperCase()
      .replace(/ /g, "_") ?? undefined;
  return new EngineQueryError(kind, headline!.trim(), { ...position, errorName: errorName ? `${errorName}_ERROR` : undefined, queryId });
}

export function errorPosition(message: string, sql: string): { line?: number; column?: number } {
  const match = message.match(/\nLINE (\d+): (.*)\n( *)\^/);
  if (!match) {
    // "syntax error at end of input" carries no LINE: the problem is where the text stops.
    if (!/at end of input/i.test(message)) return {};
    const lines = sql.trimEnd().split(/\r?\n/);
    return { line: lines.length, column: Math.max(1, lines.at(-1)!.length) };
  }
  const line = Number(match[1]);
  const shown = match[2]!;
  const caret = match[3]!.length - `LINE ${match[1]}: `.length; // index into `shown`
  const sqlLine = sql.split(/\r?\n/)[line - 1] ?? "";
  const leadingDots = shown.startsWith("...") ? 3 : 0;
  const trailingDots = shown.endsWith("...");
  const snippet = shown.slice(leadingDots, trailingDots ? -3 : undefined);
  // A snippet cut only at the start is the end of the line; otherwise search for it.
  const offset = !leadingDots
    ? 0
    : !trailingDots && sqlLine.trimEnd().endsWith(snippet.trimEnd())
      ? sqlLine.trimEnd().length - snippet.trimEnd().length
      : Math.max(0, sqlLine.indexOf(snippet));
  return { line, column: Math.max(1, offset + (caret - leadingDots) + 1) };
}
