// Re-opening a kept result (a reloaded workbench tab, "Open result" in the history) as the same
// events POST /api/sql/execute streams, so the browser reads both with one code path; column
// pages go out as they were kept (frames), never decoded on the way.
// Never runs the statement: a result that is no longer kept is a clear 404, and the user decides
// whether to run it again.
import type { z } from "zod";
import { DomainError } from "../../errors";
import { rowCountOf } from "../../engines/query-engine";
import type { RunEvent } from "../run-query";
import type { StreamingHandlerArgs } from "../../handler";
import type { runIdInput } from "../schemas";
import { openStoredResult, ownRun } from "./stored-results";

export async function replayRun({ ctx, input, signal }: StreamingHandlerArgs<z.infer<typeof runIdInput>>): Promise<AsyncGenerator<RunEvent>> {
  const run = await ownRun(ctx, input.runId);
  const stored = run.status === "succeeded" ? await openStoredResult(ctx.db, run, signal) : null;
  if (!stored) throw new DomainError("NOT_FOUND", "The result of this run is no longer kept. Run the query again to see it.");
  const { columns, events: pages } = stored;
  const expiresAt = run.resultExpiresAt!.toISOString();
  return (async function* events(): AsyncGenerator<RunEvent> {
    try {
      yield { type: "run", runId: run.id, statementKind: "read", verb: "SELECT" };
      yield { type: "columns", columns };
      let rowCount = 0;
      for await (const event of pages) {
        rowCount += rowCountOf(event);
        yield event;
      }
      yield { type: "stored", bytes: Number(run.resultBytes ?? 0), expiresAt };
      yield { type: "finished", rowCount, truncated: false, updateCount: null, elapsedMs: run.durationMs ?? 0 };
    } finally {
      await pages.return(undefined);
    }
  })();
}
