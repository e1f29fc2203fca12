// An NDJSON response over a pulled stream: the next event is produced only when the client has
// taken the previous one, so a slow reader slows the source instead of filling server memory.
// When the client goes away, the source generator is closed (which cancels an engine query).
// The source may run up to AHEAD_BYTES ahead of the socket: with a queue of one event, producing
// the next page waited for the socket to take the last one, so the two never overlapped.
// Memory stays bounded by it.
import { logger } from "../logger";

const AHEAD_BYTES = 1024 * 1024;

export function ndjsonResponse<T>(events: AsyncGenerator<T>, failure: (err: unknown) => unknown, line: (event: T) => string = (event) => JSON.stringify(event)): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await events.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(line(value) + "\n"));
        } catch (err) {
          logger.error({ err }, "event stream failed");
          controller.enqueue(encoder.encode(JSON.stringify(failure(err)) + "\n"));
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
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}
