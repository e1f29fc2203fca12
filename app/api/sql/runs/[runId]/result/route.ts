// GET /api/sql/runs/:runId/result — re-opens the kept result of one of your runs as the events
// of POST /api/sql/execute (run, columns, rows…, stored, finished), without running the
// statement: NDJSON, or binary frames for a client that accepts them (the workbench). 404 when
// the run is not yours or its result is no longer kept.
import { runIdInput } from "@/server/sql/schemas";
import { replayRun } from "@/server/sql/results/replay";
import { runEventsResponse } from "@/server/sql/run-events-response";
import { errorResponse, parseInput, withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

export const GET = withAuth<{ params: Promise<{ runId: string }> }>(
  async (req, { user, ip, db, params }) => {
    const parsed = parseInput(runIdInput, await params);
    if (parsed instanceof Response) return parsed;
    try {
      const events = await replayRun({ ctx: { user, ip, db }, input: parsed.data, signal: req.signal });
      return runEventsResponse(req, events, () => ({ type: "error", kind: "engine", message: "Reading the kept result failed; the error was logged. Run the query again." }));
    } catch (err) {
      return errorResponse(err, req);
    }
  },
  { role: "viewer", scope: "read" },
);
