// POST /api/sql/execute — runs one statement and streams the result as NDJSON, one event per
// line (see server/workbench/README.md). Refusals (bad input, viewer running DDL, missing
// confirmation) are answered with an HTTP error and a JSON body before anything streams.
// The stream is pulled: the engine reads only as fast as the browser takes rows, so server
// memory stays bounded; when the browser goes away, the request's signal cancels the query.
import { executeInput } from "@/server/workbench/schemas";
import { executeRun, prepareRun } from "@/server/workbench/run-query";
import { jsonError, withAuth, errorResponse } from "@/server/http/with-auth";
import { ndjsonResponse } from "@/server/http/ndjson";
import { eventLine } from "@/server/workbench/rows-json";
import { cappedRequest } from "@/server/http/edge/capped-body";

export const dynamic = "force-dynamic";

export const POST = withAuth(async (incoming, { user }) => {
  // Read under the route's cap (chunked bodies declare no size) and checked for NUL bytes.
  const req = await cappedRequest(incoming);
  if (req instanceof Response) return req;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return jsonError(400, "The request body must be JSON.");
  }
  const parsed = executeInput.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
    return jsonError(400, `Invalid input: ${Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m.join(", ")}`).join("; ")}`, fieldErrors);
  }

  let prepared;
  try {
    prepared = await prepareRun(user, parsed.data);
  } catch (err) {
    return errorResponse(err, req);
  }

  const failure = () => ({ type: "error", kind: "engine", message: "The query failed on the server; the error was logged." });
  return ndjsonResponse(executeRun(prepared, req.signal), failure, eventLine);
}, { role: "viewer" });
