// The checks every request passes before Next.js sees it (called from server/main.ts): NUL bytes
// in the address, the origin of state-changing requests, the body's declared size and format,
// and the size of tRPC batches. Each returns the refusal to send, or null to let it through.
import { bodyPolicyFor, describeBytes, MAX_TRPC_BATCH, mediaType } from "./body-policy";
import { jsonTextHasNul, NUL_IN_BODY, NUL_IN_URL, urlHasNul } from "./nul-bytes";
import { crossOriginRefusal, isSafeMethod } from "./origin";
import type { EdgeConfig, EdgeRequest } from "./own-origin";
import type { Refusal } from "./refusal";

export function guardRequest(req: EdgeRequest, config: EdgeConfig): Refusal | null {
  return addressRefusal(req) ?? crossOriginRefusal(req, config) ?? bodyRefusal(req) ?? batchRefusal(req);
}

function pathnameOf(url: string): string {
  return url.split("?")[0]!.split("#")[0]!;
}

/** NUL bytes in the path or query, also inside tRPC's JSON input of a query call. */
export function addressRefusal(req: EdgeRequest): Refusal | null {
  if (urlHasNul(req.url)) return { status: 400, message: NUL_IN_URL };
  const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
  if (query && pathnameOf(req.url).startsWith("/api/trpc/")) {
    const input = new URLSearchParams(query).get("input");
    if (input && jsonTextHasNul(input)) return { status: 400, message: NUL_IN_BODY };
  }
  return null;
}

function hasBody(req: EdgeRequest): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/** A body that declares more bytes than its route takes, or comes in a format it does not take. */
export function bodyRefusal(req: EdgeRequest): Refusal | null {
  if (isSafeMethod(req.method) || !hasBody(req)) return null;
  const pathname = pathnameOf(req.url);
  const policy = bodyPolicyFor(pathname);
  const declared = Number(req.headers["content-length"]);
  if (policy.maxBytes !== null && Number.isFinite(declared) && declared > policy.maxBytes) {
    return { status: 413, message: `Request body too large: ${policy.name} accepts at most ${describeBytes(policy.maxBytes)} (this request declares ${describeBytes(declared)}).` };
  }
  const type = mediaType(req.headers["content-type"]);
  if (policy.contentTypes !== "any" && !policy.contentTypes.includes(type)) {
    return {
      status: 415,
      message: `Refused: ${req.method} ${pathname.slice(0, 100)} accepts only ${policy.contentTypes.join(" or ")} bodies, not ${type || "a body without a Content-Type"}.`,
    };
  }
  return null;
}

/** Number of procedures a tRPC call names ("a.b,c.d" is a batch of two). */
export function trpcBatchSize(pathname: string): number {
  if (!pathname.startsWith("/api/trpc/")) return 0;
  return pathname.slice("/api/trpc/".length).split(",").length;
}

export function batchRefusal(req: EdgeRequest): Refusal | null {
  const size = trpcBatchSize(pathnameOf(req.url));
  if (size > MAX_TRPC_BATCH) return { status: 413, message: `Refused: a batch may hold at most ${MAX_TRPC_BATCH} API calls; this one holds ${size}.` };
  return null;
}
