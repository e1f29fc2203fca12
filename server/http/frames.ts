// The binary counterpart of ndjsonResponse (lib/sql/frames.ts): the same pulled stream, the same
// read-ahead bound and the same cancel-on-disconnect, with each event sent as frames.
import { logger } from "../logger";
import { FRAMES_CONTENT_TYPE } from "../../lib/sql/frames";

const AHEAD_BYTES = 1024 * 1024;

export function framesResponse<T>(
  events: AsyncGenerator<T>,
  failure: (err: unknown) => unknown,
  frames: (event: T) => Uint8Array[],
  failureFrames: (event: unknown) => Uint8Array[],
): Response {
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await events.next();
          if (done) controller.close();
          else for (const part of frames(value)) controller.enqueue(part);
        } catch (err) {
          logger.error({ err }, "event stream failed");
          for (const part of failureFrames(failure(err))) controller.enqueue(part);
          controller.close();
        }
      },
      async cancel() {
        await events.return(undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: AHEAD_BYTES }),
  );
  return new Response(stream, {
    headers: { "content-type": FRAMES_CONTENT_TYPE, "cache-control": "no-store", "x-content-type-options": "nosniff", vary: "accept" },
  });
}
