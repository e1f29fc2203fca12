// sql.aggregate: the numbers behind a chart, computed by an engine over every row of one of the
// user's runs — never over a sample. Owner only (ownRun: someone else's run is NOT_FOUND, admins
// included, as for downloads: a result holds rows only its owner may read).
//   - The result is kept: its rows are loaded into a private in-memory DuckDB (no files, no
//     network) and aggregated there; nothing runs on the user's engine.
//   - Not kept (cut at the row limit, expired): the run's own engine aggregates the statement as
//     a subquery, with the user's rights checked again (prepareRun), and it is in the history.
import { DuckDBInstance } from "@duckdb/node-api";
import { splitStatements } from "../../lib/sql/split";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import type { EngineColumn, EngineRow } from "../engines/query-engine";
import { groupsSql, histogramSql, quoteName } from "./aggregate-sql";
import { MAX_CHART_GROUPS, type AggregateAnswer, type AggregateInput, type AggregateSpec, type GroupValue, type HistogramBin } from "./aggregate-schema";
import { openStoredResult, ownRun } from "./results/stored-results";
import { rowsOfStatement } from "./results/result-source";

/** `signal` (tRPC passes the request's) stops the engine's query when the client goes away. */
export async function aggregateRun({ ctx, input, signal = new AbortController().signal }: HandlerArgs<AggregateInput> & { signal?: AbortSignal }): Promise<AggregateAnswer> {
  const run = await ownRun(ctx, input.runId);
  if (run.status === "running") throw new DomainError("CONFLICT", "This query is still running; chart it when it has finished.");
  const stored = run.status === "succeeded" ? await openStoredResult(ctx.db, run, signal) : null;
  if (stored) {
    try {
      checkColumns(stored.columns, input.spec);
      return await aggregateKept(stored.pages, input.spec);
    } finally {
      await stored.pages.return(undefined);
    }
  }
  if (run.statementKind !== "read") throw new DomainError("BAD_REQUEST", "Only results of read statements can be charted.");
  const statement = splitStatements(run.sql)[0];
  if (!statement) throw new DomainError("BAD_REQUEST", "This run has no statement to chart.");
  // The newlines keep a trailing line comment of the statement from swallowing the ")".
  const source = `(\n${statement.text}\n) AS portal_result`;
  const sql = aggregateSqlOf(source, input.spec, quoteName);
  const rows = await rowsOfStatement({ ctx, input: { engineId: run.engineId, sql, catalog: run.catalog, schema: run.schema, limit: null }, signal });
  const all: EngineRow[] = [];
  for await (const page of rows.pages) all.push(...page);
  return answerOf(input.spec, "engine", all);
}

function aggregateSqlOf(source: string, spec: AggregateSpec, column: (name: string) => string): string {
  return spec.kind === "groups"
    ? groupsSql(source, column(spec.key.name), spec.measure ? column(spec.measure.name) : null, spec.fn)
    : histogramSql(source, column(spec.value.name), spec.bins);
}

/** The kept header names the result's columns: the request must name them as they are. */
function checkColumns(columns: EngineColumn[], spec: AggregateSpec): void {
  const refs = spec.kind === "groups" ? [spec.key, spec.measure] : [spec.value];
  for (const ref of refs) {
    if (ref && columns[ref.index]?.name !== ref.name) throw new DomainError("BAD_REQUEST", `The result has no column ${ref.name} at position ${ref.index + 1}.`);
  }
}

// One private DuckDB for the process: in memory, no file or network access, small. Each
// aggregate gets a connection of its own and a temporary table only that connection sees.
let scratch: Promise<DuckDBInstance> | null = null;
function scratchDuckDb(): Promise<DuckDBInstance> {
  scratch ??= DuckDBInstance.create(":memory:", { enable_external_access: "false", threads: "1", memory_limit: "256MB", lock_configuration: "true" });
  return scratch;
}

async function aggregateKept(pages: AsyncGenerator<EngineRow[]>, spec: AggregateSpec): Promise<AggregateAnswer> {
  const conn = await (await scratchDuckDb()).connect();
  try {
    // Only the columns the chart needs: the key as text (the browser orders keys by the
    // column's type), the measure as a double.
    const keyIndex = spec.kind === "groups" ? spec.key.index : spec.value.index;
    const measure = spec.kind === "groups" ? spec.measure : spec.value;
    const numericMeasure = spec.kind === "histogram" || (spec.measure !== null && spec.fn !== "count");
    await conn.run("CREATE OR REPLACE TEMP TABLE kept (k VARCHAR, m DOUBLE)");
    const appender = await conn.createAppender("kept");
    try {
      for await (const page of pages) {
        for (const row of page) {
          const key = row[keyIndex];
          if (key === null || key === undefined) appender.appendNull();
          else appender.appendVarchar(typeof key === "string" ? key : typeof key === "object" ? JSON.stringify(key) : String(key));
          const value = measure ? row[measure.index] : null;
          const n = numberOf(value);
          if (n === null && numericMeasure && value !== null && value !== undefined) {
            throw new DomainError(
              "BAD_REQUEST",
              `${measure!.name} holds text such as ${JSON.stringify(String(value).slice(0, 40))}: ${spec.kind === "histogram" ? "a histogram" : spec.fn} needs numbers.`,
            );
          }
          if (n === null) appender.appendNull();
          else appender.appendDouble(n);
          appender.endRow();
        }
      }
    } finally {
      appender.closeSync();
    }
    const sql = spec.kind === "groups" ? groupsSql("kept", "k", spec.measure ? "m" : null, spec.fn) : histogramSql("kept", "m", spec.bins);
    const reader = await conn.runAndReadAll(sql);
    return answerOf(spec, "kept", reader.getRowsJson() as EngineRow[]);
  } finally {
    await conn.run("DROP TABLE IF EXISTS kept").catch(() => undefined);
    conn.closeSync();
  }
}

function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function answerOf(spec: AggregateSpec, source: AggregateAnswer["source"], rows: EngineRow[]): AggregateAnswer {
  if (spec.kind === "groups") {
    const groups: GroupValue[] = rows.map((r) => ({ key: (r[0] ?? null) as GroupValue["key"], value: numberOf(r[1]) }));
    const groupCount = rows.length ? Number(rows[0]![2]) : 0;
    return { kind: "groups", source, groups: groups.slice(0, MAX_CHART_GROUPS), groupCount };
  }
  if (rows.length === 0) return { kind: "histogram", source, bins: [] };
  const lo = numberOf(rows[0]![2])!;
  const hi = numberOf(rows[0]![3])!;
  const count = lo === hi ? 1 : spec.bins;
  const width = lo === hi ? 0 : (hi - lo) / count;
  const counts = new Map(rows.map((r) => [Number(r[0]), Number(r[1])]));
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ start: lo + i * width, end: i === count - 1 ? hi : lo + (i + 1) * width, count: counts.get(i) ?? 0 }));
  return { kind: "histogram", source, bins };
}
