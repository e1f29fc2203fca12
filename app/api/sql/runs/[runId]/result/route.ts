// GET /api/sql/runs/:runId/result — re-opens the kept result of one of your runs as the NDJSON
// events of POST /api/sql/execute (run, columns, rows…, stored, finished), without running the
// statement. 404 when the run is not yours or its result is no longer kept.
import { z } from "zod";
import { replayRun } from "@/server/sql/results/replay";
import { ndjsonResponse } from "@/server/http/ndjson";
import { eventLine } from "@/server/sql/rows-json";
import { errorResponse, parseInput, withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

const params = z.object({ runId: z.uuid("must be a run id") });

export const GET = withAuth<{ params: Promise<{ runId: string }> }>(
  async (req, { user, params: routeParams }) => {
    const parsed = parseInput(params, await routeParams);
    if (parsed instanceof Response) return parsed;
    try {
      const events = await replayRun(user, parsed.data.runId, req.signal);
      return ndjsonResponse(events, () => ({ type: "error", kind: "engine", message: "Reading the kept result failed; the error was logged. Run the query again." }), eventLine);
    } catch (err) {
      return errorResponse(err, req);
    }
  },
  { role: "viewer", scope: "read" },
);
