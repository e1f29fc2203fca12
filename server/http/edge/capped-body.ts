// Reading a request body in a route handler without trusting its size: the edge (server/main.ts)
// already refused bodies that declare too many bytes, but a chunked body declares nothing, so
// this counts bytes as they arrive and stops reading at the cap. The body is then checked for
// NUL bytes and handed on as a fresh Request, so libraries (tRPC, next-auth) read it as usual.
import { bodyPolicyFor, describeBytes, mediaType } from "./body-policy";
import { formHasNul, jsonTextHasNul, NUL_IN_BODY } from "./nul-bytes";

export class BodyTooLargeError extends Error {
  constructor(
    readonly maxBytes: number,
    routeName: string,
  ) {
    super(`Request body too large: ${routeName} accepts at most ${describeBytes(maxBytes)}.`);
    this.name = "BodyTooLargeError";
  }
}

/** The whole body, or BodyTooLargeError as soon as more than maxBytes have arrived. */
export async function readCappedBytes(body: ReadableStream<Uint8Array> | null, maxBytes: number, routeName: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes, routeName);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function refusal(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The request with its body read under its route's cap (server/http/edge/body-policy.ts) and
 * checked for NUL bytes, or the 400/413 response to send instead.
 */
export async function cappedRequest(req: Request): Promise<Request | Response> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const policy = bodyPolicyFor(new URL(req.url).pathname);
  if (policy.maxBytes === null) return req;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readCappedBytes(req.body, policy.maxBytes, policy.name);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return refusal(413, err.message);
    return refusal(400, "The request body could not be read (the connection broke off).");
  }
  const text = new TextDecoder().decode(bytes);
  const type = mediaType(req.headers.get("content-type"));
  const hasNul = type === "application/x-www-form-urlencoded" ? text.includes("\0") || formHasNul(new URLSearchParams(text)) : jsonTextHasNul(text);
  if (hasNul) return refusal(400, NUL_IN_BODY);
  return new Request(req.url, { method: req.method, headers: req.headers, body: bytes.byteLength ? bytes : null, signal: req.signal });
}
