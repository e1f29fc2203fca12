// A request body that may not grow past a size: the bytes pass through as they come, and the
// first chunk past the limit errors the stream (which cancels the source, so no more is read).
// The object store's put is all-or-nothing, so an errored body stores nothing.

export type CappedStream = {
  stream: ReadableStream<Uint8Array>;
  /** True once the body went past the limit (the put then fails because of it). */
  readonly exceeded: boolean;
};

export function capStream(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error): CappedStream {
  let received = 0;
  let exceeded = false;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          exceeded = true;
          controller.error(tooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return {
    stream,
    get exceeded() {
      return exceeded;
    },
  };
}
