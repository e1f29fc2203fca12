// The body of POST /api/v1/lineage as producers send it: one event, a JSON array, NDJSON (with or
// without its content type), gzip (Trino's listener); and what is refused: malformed JSON named by
// line and column, bodies over the cap before and after decompression, broken gzip, other encodings.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLineageBody } from "./request-body";

const URL = "http://portal.test/api/v1/lineage";
const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) => new Request(URL, { method: "POST", body, headers });
const MB = 1024 * 1024;

describe("readLineageBody", () => {
  it("reads one event, an array, and NDJSON with or without its content type", async () => {
    expect(await readLineageBody(post('{"a":1}'), MB)).toEqual({ single: true, items: [{ value: { a: 1 } }] });
    expect(await readLineageBody(post('[{"a":1},{"a":2}]'), MB)).toEqual({ single: false, items: [{ value: { a: 1 } }, { value: { a: 2 } }] });
    const ndjson = '{"a":1}\n\n{"a":2}\n';
    expect(await readLineageBody(post(ndjson, { "content-type": "application/x-ndjson" }), MB)).toEqual({ single: false, items: [{ value: { a: 1 } }, { value: { a: 2 } }] });
    expect(await readLineageBody(post(ndjson), MB)).toEqual({ single: false, items: [{ value: { a: 1 } }, { value: { a: 2 } }] });
  });

  it("reads a gzip body (Content-Encoding: gzip)", async () => {
    const body = gzipSync(Buffer.from('[{"a":1}]'));
    expect(await readLineageBody(post(body, { "content-type": "application/json", "content-encoding": "gzip" }), MB)).toEqual({ single: false, items: [{ value: { a: 1 } }] });
  });

  it("names the line and column of malformed JSON; a bad NDJSON line is refused alone", async () => {
    expect(await readLineageBody(post('{"eventType": "START",\n  "run": }'), MB)).toEqual({
      status: 400,
      message: "The body is not valid JSON: Unexpected token '}' at line 2, column 10.",
    });
    const mixed = await readLineageBody(post('{"a":1}\n{"a":\n{"a":3}', { "content-type": "application/x-ndjson" }), MB);
    expect(mixed).toEqual({ single: false, items: [{ value: { a: 1 } }, { error: expect.stringMatching(/^Line 2 is not valid JSON: /) }, { value: { a: 3 } }] });
    expect(await readLineageBody(post(""), MB)).toEqual({ status: 400, message: "The body is empty: send an OpenLineage event, a JSON array of events, or NDJSON." });
  });

  it("refuses bodies over the cap, compressed or once decompressed, naming the limit", async () => {
    const big = `[${Array.from({ length: 2000 }, () => '{"a":"' + "x".repeat(1000) + '"}').join(",")}]`;
    expect(await readLineageBody(post(big), MB)).toEqual({ status: 413, message: expect.stringContaining("lineage ingestion accepts at most 1 MB") });
    const bomb = gzipSync(Buffer.from(big));
    expect(bomb.byteLength).toBeLessThan(MB);
    expect(await readLineageBody(post(bomb, { "content-type": "application/json", "content-encoding": "gzip" }), MB)).toEqual({
      status: 413,
      message: "Request body too large: lineage ingestion accepts at most 1 MB after decompression; this gzip body holds more.",
    });
  });

  it("refuses broken gzip and encodings it does not take", async () => {
    expect(await readLineageBody(post("not gzip", { "content-type": "application/json", "content-encoding": "gzip" }), MB)).toEqual({
      status: 400,
      message: "The body is marked Content-Encoding: gzip but is not valid gzip data.",
    });
    expect(await readLineageBody(post("{}", { "content-type": "application/json", "content-encoding": "br" }), MB)).toEqual({
      status: 415,
      message: "Content-Encoding br is not supported; send the body as is or gzip-encoded.",
    });
  });
});
