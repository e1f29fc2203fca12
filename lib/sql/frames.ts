// The binary event stream of a query run (content type FRAMES_CONTENT_TYPE): the same events as
// the NDJSON stream (server/sql/README.md), each in a frame of
//
//   u8 kind · u32 payload length (little-endian) · payload
//
// kind 1: an event as JSON text; kind 2: a rows event as a column page (column-page.ts). Rows
// of engines that deliver JSON (Trino) travel as kind-1 `rows` events. The same frames are the
// body of a kept result (server/sql/results/result-file.ts).

export const FRAMES_CONTENT_TYPE = "application/vnd.portal.frames";
export const FRAME_EVENT = 1;
export const FRAME_PAGE = 2;
export const FRAME_HEADER_BYTES = 5;
/** Larger frames are refused as damage (a page of 2,048 rows of 50 wide text columns is ~10 MB). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export type Frame = { kind: number; payload: Uint8Array };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A frame's 5-byte header; send the payload after it as is (no copy of a large page). */
export function frameHeader(kind: number, payloadBytes: number): Uint8Array {
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  header[0] = kind;
  new DataView(header.buffer).setUint32(1, payloadBytes, true);
  return header;
}

/** One JSON event as a whole frame. */
export function eventFrame(event: unknown): Uint8Array {
  const payload = encoder.encode(JSON.stringify(event));
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  frame.set(frameHeader(FRAME_EVENT, payload.byteLength));
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export function parseEventFrame(payload: Uint8Array): unknown {
  return JSON.parse(decoder.decode(payload));
}

export class FrameStreamError extends Error {
  constructor(detail: string) {
    super(`The result stream is damaged: ${detail}.`);
    this.name = "FrameStreamError";
  }
}

/**
 * Reads frames as the bytes arrive. Each payload is its own buffer starting at offset 0 (so a
 * column page can be viewed by typed arrays without another copy); a frame split across network
 * chunks is assembled into it. Ends cleanly only at a frame boundary.
 */
export async function* readFrames(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  let headerFill = 0;
  let payload: Uint8Array | null = null;
  let kind = 0;
  let payloadFill = 0;
  for await (const chunk of chunks) {
    let at = 0;
    while (at < chunk.byteLength) {
      if (payload === null) {
        const take = Math.min(FRAME_HEADER_BYTES - headerFill, chunk.byteLength - at);
        header.set(chunk.subarray(at, at + take), headerFill);
        headerFill += take;
        at += take;
        if (headerFill < FRAME_HEADER_BYTES) break;
        kind = header[0]!;
        const length = new DataView(header.buffer).getUint32(1, true);
        if (kind !== FRAME_EVENT && kind !== FRAME_PAGE) throw new FrameStreamError(`unknown frame kind ${kind}`);
        if (length > MAX_FRAME_BYTES) throw new FrameStreamError("a frame is larger than any the portal sends");
        payload = new Uint8Array(length);
        payloadFill = 0;
        headerFill = 0;
      }
      const take = Math.min(payload.byteLength - payloadFill, chunk.byteLength - at);
      payload.set(chunk.subarray(at, at + take), payloadFill);
      payloadFill += take;
      at += take;
      if (payloadFill === payload.byteLength) {
        yield { kind, payload };
        payload = null;
      }
    }
  }
  if (payload !== null || headerFill > 0) throw new FrameStreamError("it ends inside a frame");
}

/** A web ReadableStream as the async iterable readFrames takes (browsers without stream iteration included). */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
