import { describe, expect, it } from "vitest";
import { readNdjson } from "./ndjson";

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const events: unknown[] = [];
  for await (const event of readNdjson(stream)) events.push(event);
  return events;
}

describe("readNdjson", () => {
  it("parses events split anywhere across chunks", async () => {
    expect(await collect(streamOf(['{"a":1}\n{"b"', ":2}\n", '{"c":3}\n{"d":4}\n']))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }, { d: 4 }]);
  });

  it("decodes a multi-byte character split between two chunks", async () => {
    const bytes = new TextEncoder().encode('{"city":"Zürich"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    expect(await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))).toEqual([{ city: "Zürich" }]);
  });

  it("joins a line that spans many chunks, next to short lines in the same chunks", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [i, `name ${i}`]);
    const text = `{"type":"run"}\n${JSON.stringify({ type: "rows", rows })}\n{"type":"finished"}\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 1_000) }, (_, i) => text.slice(i * 1_000, (i + 1) * 1_000));
    expect(chunks.length).toBeGreaterThan(20);
    expect(await collect(streamOf(chunks))).toEqual([{ type: "run" }, { type: "rows", rows }, { type: "finished" }]);
  });

  it("keeps a last line without a newline and skips blank lines", async () => {
    expect(await collect(streamOf(['{"a":1}\n\n', '{"b":2}']))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("hands out one event at a time, so the reader can pause between two events of one chunk", async () => {
    const events = readNdjson(streamOf(['{"n":1}\n{"n":2}\n{"n":3}\n']));
    expect((await events.next()).value).toEqual({ n: 1 });
    expect((await events.next()).value).toEqual({ n: 2 });
    await events.return(undefined);
  });
});
