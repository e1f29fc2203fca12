// A response streaming events over a pulled stream: the next event is produced only when the
// client has taken the previous one, so a slow reader slows the source instead of filling server
// memory. When the client goes away, the source generator is closed (which cancels an engine
// query). The source may run up to AHEAD_BYTES ahead of the socket: with a queue of one event,
// producing the next page waited for the socket to take the last one, so the two never
// overlapped. Memory stays bounded by it. How an event becomes bytes is the caller's
// (ndjson.ts: one JSON line; frames.ts: binary frames).
import { logger } from "../logger";

const AHEAD_BYTES = 1024 * 1024;

export type EventEncoding<T> = {
  contentType: string;
  /** The bytes of one event, in order (several parts are sent without joining them). */
  encode: (event: T) => Uint8Array[];
  /** The bytes of the event that ends a stream whose source failed. */
  encodeFailure: (failure: unknown) => Uint8Array[];
};

export function eventStreamResponse<T>(events: AsyncGenerator<T>, failure: (err: unknown) => unknown, encoding: EventEncoding<T>): Response {
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await events.next();
          if (done) controller.close();
          else for (const part of encoding.encode(value)) controller.enqueue(part);
        } catch (err) {
          logger.error({ err }, "event stream failed");
          for (const part of encoding.encodeFailure(failure(err))) controller.enqueue(part);
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
    headers: { "content-type": encoding.contentType, "cache-control": "no-store", "x-content-type-options": "nosniff", vary: "accept" },
  });
}
