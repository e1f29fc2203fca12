// Reads a stream of newline-delimited JSON incrementally: bytes are decoded as they arrive (a
// multi-byte character may be split across chunks, TextDecoder's `stream` mode handles it) and
// each complete line is parsed only when the caller asks for the next event, so the caller can
// give the browser a turn between any two events (a network chunk may hold megabytes).
// A line longer than a chunk (a page of rows is often 100 KB, chunks 16-64 KB) is kept as its
// pieces and joined once when its newline arrives: appending to one growing string and searching
// it from the start again for every chunk cost time quadratic in the line's length.
export async function* readNdjson<T = unknown>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  /** Pieces of the line still waiting for its newline. */
  let pieces: string[] = [];
  const lineEndingWith = (end: string): string => {
    if (pieces.length === 0) return end;
    pieces.push(end);
    const line = pieces.join("");
    pieces = [];
    return line;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      let start = 0;
      for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", start)) {
        const line = lineEndingWith(text.slice(start, newline));
        start = newline + 1;
        if (line.trim()) yield JSON.parse(line) as T;
      }
      if (start < text.length) pieces.push(text.slice(start));
    }
    const last = lineEndingWith(decoder.decode());
    if (last.trim()) yield JSON.parse(last) as T;
  } finally {
    reader.releaseLock();
  }
}
