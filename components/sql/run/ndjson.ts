// Reads a stream of newline-delimited JSON incrementally: bytes are decoded as they arrive (a
// multi-byte character may be split across chunks, TextDecoder's `stream` mode handles it) and
// each complete line is parsed only when the caller asks for the next event, so the caller can
// give the browser a turn between any two events (a network chunk may hold megabytes).
export async function* readNdjson<T = unknown>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let start = 0;
      for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n", start)) {
        const line = pending.slice(start, newline);
        start = newline + 1;
        if (line.trim()) yield JSON.parse(line) as T;
      }
      pending = pending.slice(start);
    }
    pending += decoder.decode();
    if (pending.trim()) yield JSON.parse(pending) as T;
  } finally {
    reader.releaseLock();
  }
}
