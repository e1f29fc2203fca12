// A binary frames response over a pulled stream (event-stream.ts; the format is lib/sql/frames.ts).
import { eventFrame, FRAMES_CONTENT_TYPE } from "../../lib/sql/frames";
import { eventStreamResponse } from "./event-stream";

export function framesResponse<T>(events: AsyncGenerator<T>, failure: (err: unknown) => unknown, frames: (event: T) => Uint8Array[]): Response {
  return eventStreamResponse(events, failure, { contentType: FRAMES_CONTENT_TYPE, encode: frames, encodeFailure: (event) => [eventFrame(event)] });
}

/** Whether the client asked for frames (the workbench does; scripts get NDJSON). */
export function acceptsFrames(req: Request): boolean {
  return req.headers.get("accept")?.includes(FRAMES_CONTENT_TYPE) ?? false;
}
