// POST /api/sql/execute — runs one statement and streams the result as NDJSON, one event per
// line (see server/sql/README.md), or as binary frames with column pages for a client that
// accepts them (lib/sql/frames.ts: the workbench; the rows are not converted on the server).
// Refusals (bad input, viewer running DDL, missing confirmation) are answered with an HTTP
// error and a JSON body before anything streams.
// The stream is pulled: the engine reads only as fast as the browser takes rows, so server
// memory stays bounded; when the browser goes away, the request's signal cancels the query.
import { executeInput } from "@/server/sql/schemas";
import { executeRun, prepareRun } from "@/server/sql/run-query";
import { withAuth, errorResponse } from "@/server/http/with-auth";
import { runEventsResponse } from "@/server/sql/run-events-response";

export const dynamic = "force-dynamic";

export const POST = withAuth(
  async (req, { user, ip, db, input }) => {
    let prepared;
    try {
      prepared = await prepareRun({ ctx: { user, ip, db }, input });
    } catch (err) {
      return errorResponse(err, req);
    }

    return runEventsResponse(req, executeRun(prepared, req.signal), () => ({ type: "error", kind: "engine", message: "The query failed on the server; the error was logged." }));
  },
  // The body is read under the route's cap and checked for NUL bytes by the guard.
  { role: "viewer", scope: "sql:run", json: executeInput },
);
