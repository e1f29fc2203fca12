// The response of a route that streams a run's events (POST /api/sql/execute, GET
// /api/sql/runs/:id/result): binary frames for a client that accepts them (the workbench),
// NDJSON for everyone else (scripts, curl).
import { acceptsFrames, framesResponse } from "../http/frames";
import { ndjsonResponse } from "../http/ndjson";
import { eventFrames, eventLine } from "./rows-json";
import type { RunEvent } from "./run-query";

export function runEventsResponse(req: Request, events: AsyncGenerator<RunEvent>, failure: () => RunEvent): Response {
  return acceptsFrames(req) ? framesResponse(events, failure, eventFrames) : ndjsonResponse(events, failure, eventLine);
}
