// Route handlers read bodies through cappedRequest: a chunked body (which declares no size) is
// cut off at its route's cap instead of being read into memory, and NUL bytes in JSON or forms
// are refused with a 400 that says so.
import { describe, expect, it } from "vitest";
import { cappedRequest, readCappedBytes, BodyTooLargeError } from "./capped-body";

/** A body that arrives in chunks without a Content-Length, counting how much was pulled. */
function chunkedBody(chunkBytes: number, chunks: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent += 1;
      pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

function post(path: string, body: BodyInit | ReadableStream<Uint8Array>, contentType = "application/json"): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { method: "POST", headers: { "content-type": contentType }, body, duplex: "half" } as RequestInit);
}

describe("readCappedBytes", () => {
  it("stops reading a chunked body at the cap, long before its end", async () => {
    const body = chunkedBody(64 * 1024, 1600); // 100 MB if read to the end
    await expect(readCappedBytes(body.stream, 64 * 1024, "sign-in")).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.pulled()).toBeLessThanOrEqual(3 * 64 * 1024);
  });

  it("returns a body within the cap whole", async () => {
    const body = chunkedBody(1000, 3);
    expect((await readCappedBytes(body.stream, 3000, "x")).byteLength).toBe(3000);
  });
});

describe("cappedRequest", () => {
  it.each([
    ["/api/auth/callback/credentials", 64 * 1024, "application/x-www-form-urlencoded", /^Request body too large: sign-in accepts at most 64 KB\.$/],
    ["/api/trpc/users.create", 2 * 1024 * 1024, "application/json", /the API \(tRPC\) accepts at most 2 MB/],
    ["/api/sql/execute", 2 * 1024 * 1024, "application/json", /SQL execution accepts at most 2 MB/],
    ["/api/sql/download", 2 * 1024 * 1024, "application/x-www-form-urlencoded", /SQL downloads accepts at most 2 MB/],
  ])("answers 413 for a chunked body over the cap of %s", async (path, cap, type, message) => {
    const body = chunkedBody(16 * 1024, Math.ceil((cap * 4) / (16 * 1024)));
    const result = await cappedRequest(post(path, body.stream, type));
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(body.pulled()).toBeLessThan(cap * 2);
  });

  it.each([
    ['{"json":{"name":"a\\u0000b"}}', "application/json"],
    ['{"json":{"name\\u0000":"x"}}', "application/json"],
    ['{"0":{"json":{"sql":"select 1 \\U0000"}}}', "application/json"],
    ['{"json":"a\0b"}', "application/json"],
    ["email=a%00%40x.test&password=x", "application/x-www-form-urlencoded"],
    ["email=a@x.test&pass%00word=x", "application/x-www-form-urlencoded"],
  ])("answers 400 for NUL bytes: %s", async (text, type) => {
    const result = await cappedRequest(post("/api/trpc/users.create", text, type));
    expect((result as Response).status).toBe(400);
    expect(await (result as Response).json()).toEqual({ error: "Refused: the request contains a NUL byte (\\u0000), which no field accepts." });
  });

  it("hands a body within its cap on unchanged, readable again", async () => {
    const result = await cappedRequest(post("/api/trpc/users.create", '{"json":{"path":"C:\\\\u0000"}}'));
    expect(result).toBeInstanceOf(Request);
    expect(await (result as Request).json()).toEqual({ json: { path: "C:\\u0000" } });
    expect((result as Request).headers.get("content-type")).toBe("application/json");
  });

  it("leaves uploads and GETs alone (not read here)", async () => {
    const upload = post("/api/storage/upload?bucket=raw&key=a", "x", "text/csv");
    expect(await cappedRequest(upload)).toBe(upload);
    const get = new Request("http://127.0.0.1:3000/api/trpc/auth.session");
    expect(await cappedRequest(get)).toBe(get);
  });
});
