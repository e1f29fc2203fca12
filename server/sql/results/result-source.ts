// Where a download (or a re-opened result) gets its rows: the kept copy of the run's result when
// there is one, otherwise the statement is run again (rights checked again, every row, and that
// run's result is kept in turn). Either way the caller gets the columns first, then pages.
import { EngineQueryError, type EngineColumn, type EngineRow } from "../../engines/query-engine";
import { DomainError } from "../../errors";
import type { z } from "zod";
import { executeRun, prepareRun, type RunEvent, type RunInput } from "../run-query";
import type { StreamingHandlerArgs } from "../../handler";
import type { runIdInput } from "../schemas";
import { openStoredResult, ownRun } from "./stored-results";

export type ResultRows = {
  /** "stored": read from the kept result; "engine": the statement ran (again). */
  source: "stored" | "engine";
  columns: EngineColumn[];
  pages: AsyncGenerator<EngineRow[]>;
};

/** The rows of one of the user's runs: kept, or run again if the run's statement only reads. */
export async function rowsOfRun({ ctx, input, signal }: StreamingHandlerArgs<z.infer<typeof runIdInput>>): Promise<ResultRows> {
  const run = await ownRun(ctx, input.runId);
  if (run.status === "running") throw new DomainError("CONFLICT", "This query is still running; download its result when it has finished.");
  const stored = await openStoredResult(ctx.db, run, signal);
  if (stored) return { source: "stored", columns: stored.columns, pages: stored.pages };
  if (run.statementKind !== "read") {
    throw new DomainError(
      "BAD_REQUEST",
      "Only results of read statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) can be downloaded; run the statement that produces the rows first.",
    );
  }
  return rowsOfStatement({ ctx, input: { engineId: run.engineId, sql: run.sql, catalog: run.catalog, schema: run.schema, limit: null }, signal });
}

/** Runs a statement for its rows (all of them when `limit` is null). Errors before the first page throw. */
export async function rowsOfStatement({ ctx, input, signal }: StreamingHandlerArgs<RunInput>): Promise<ResultRows> {
  const prepared = await prepareRun({ ctx, input });
  const events = executeRun(prepared, signal);
  let columns: EngineColumn[] | null = null;
  while (!columns) {
    const { value, done } = await events.next();
    if (done) throw new DomainError("BAD_REQUEST", "The statement returned no rows to download.");
    if (value.type === "error") throw runFailure(value);
    if (value.type === "columns") columns = value.columns;
  }
  return { source: "engine", columns, pages: pagesOf(events) };
}

async function* pagesOf(events: AsyncGenerator<RunEvent>): AsyncGenerator<EngineRow[]> {
  try {
    for await (const event of events) {
      if (event.type === "rows") yield event.rows;
      else if (event.type === "error") throw new EngineQueryError(event.kind, event.message);
    }
  } finally {
    await events.return(undefined); // stops the engine's query when the reader goes away
  }
}

function runFailure(event: Extract<RunEvent, { type: "error" }>): Error {
  if (event.kind === "user") return new DomainError("BAD_REQUEST", event.message);
  if (event.kind === "unavailable") return new DomainError("SERVICE_UNAVAILABLE", event.message);
  if (event.kind === "cancelled") return new DomainError("CONFLICT", event.message);
  return new EngineQueryError(event.kind, event.message);
}
