// GET /api/sql/runs/:runId/result — re-opens the kept result of one of your runs as the NDJSON
// events of POST /api/sql/execute (run, columns, rows…, stored, finished), without running the
// statement. 404 when the run is not yours or its result is no longer kept.
import { runIdInput } from "@/server/sql/schemas";
import { replayRun } from "@/server/sql/results/replay";
import { ndjsonResponse } from "@/server/http/ndjson";
import { eventLine } from "@/server/sql/rows-json";
import { errorResponse, parseInput, withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

export const GET = withAuth<{ params: Promise<{ runId: string }> }>(
  async (req, { user, ip, db, params }) => {
    const parsed = parseInput(runIdInput, await params);
    if (parsed instanceof Response) return parsed;
    try {
      const events = await replayRun({ ctx: { user, ip, db }, input: parsed.data, signal: req.signal });
      return ndjsonResponse(events, () => ({ type: "error", kind: "engine", message: "Reading the kept result failed; the error was logged. Run the query again." }), eventLine);
    } catch (err) {
      return errorResponse(err, req);
    }
  },
  { role: "viewer", scope: "read" },
);
