import { describe, expect, it } from "vitest";
import { eventFrame, frameHeader, FRAME_PAGE, FrameStreamError, parseEventFrame, readFrames } from "./frames";

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.slice(at, at + size);
}

async function all(bytes: Uint8Array, size: number) {
  const out: { kind: number; payload: Uint8Array }[] = [];
  for await (const frame of readFrames(chunked(bytes, size))) out.push(frame);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

describe("readFrames", () => {
  const page = Uint8Array.from({ length: 40 }, (_, i) => i);
  const stream = concat(eventFrame({ type: "run", note: "é☃" }), frameHeader(FRAME_PAGE, page.byteLength), page, frameHeader(FRAME_PAGE, 0), eventFrame({ type: "finished" }));

  it("gives the same frames however the bytes are cut, each payload its own buffer at offset 0", async () => {
    for (const size of [1, 2, 3, 5, 7, 64, stream.byteLength]) {
      const frames = await all(stream, size);
      expect(frames.map((f) => f.kind)).toEqual([1, 2, 2, 1]);
      expect(parseEventFrame(frames[0]!.payload)).toEqual({ type: "run", note: "é☃" });
      expect([...frames[1]!.payload]).toEqual([...page]);
      expect(frames[1]!.payload.byteOffset).toBe(0);
      expect(frames[2]!.payload.byteLength).toBe(0);
      expect(parseEventFrame(frames[3]!.payload)).toEqual({ type: "finished" });
    }
  });

  it("refuses a stream cut inside a frame, an unknown kind and an impossible length", async () => {
    await expect(all(stream.subarray(0, stream.byteLength - 3), 8)).rejects.toThrow(/ends inside a frame/);
    await expect(all(stream.subarray(0, 3), 8)).rejects.toThrow(FrameStreamError);
    await expect(all(Uint8Array.of(9, 0, 0, 0, 0), 8)).rejects.toThrow(/unknown frame kind 9/);
    await expect(all(Uint8Array.of(2, 255, 255, 255, 255), 8)).rejects.toThrow(/larger than any/);
  });
});
