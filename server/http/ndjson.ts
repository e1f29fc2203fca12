// An NDJSON response over a pulled stream (event-stream.ts): one JSON line per event.
import { eventStreamResponse } from "./event-stream";

const encoder = new TextEncoder();

export function ndjsonResponse<T>(events: AsyncGenerator<T>, failure: (err: unknown) => unknown, line: (event: T) => string = (event) => JSON.stringify(event)): Response {
  return eventStreamResponse(events, failure, {
    contentType: "application/x-ndjson; charset=utf-8",
    encode: (event) => [encoder.encode(line(event) + "\n")],
    encodeFailure: (event) => [encoder.encode(JSON.stringify(event) + "\n")],
  });
}
