// GET /api/sql/runs/:runId/result — re-opens the kept result of one of your runs as the NDJSON
// events of POST /api/sql/execute (run, columns, rows…, stored, finished), without running the
// statement. 404 when the run is not yours or its result is no longer kept.
import { z } from "zod";
import { replayRun } from "@/server/workbench/results/replay";
import { ndjsonResponse } from "@/server/http/ndjson";
import { eventLine } from "@/server/workbench/rows-json";
import { errorResponse, jsonError, withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

const runId = z.uuid();

export const GET = withAuth<{ params: Promise<{ runId: string }> }>(async (req, { user, params }) => {
  const id = runId.safeParse((await params).runId);
  if (!id.success) return jsonError(400, "Invalid input: runId must be a run id.");
  try {
    const events = await replayRun(user, id.data, req.signal);
    return ndjsonResponse(events, () => ({ type: "error", kind: "engine", message: "Reading the kept result failed; the error was logged. Run the query again." }), eventLine);
  } catch (err) {
    return errorResponse(err, req);
  }
}, { role: "viewer" });
