// Serves a signed download link of the local adapter (GET /api/storage/signed?...). The
// signature is the authorisation, as with an S3 presigned URL: the portal checked the user's
// read access when it made the link. Supports single byte ranges so players and resumable
// downloads work. Served from the portal's origin, so the body can never run as a page: a
// sandboxing CSP, nosniff, and inline display only for raster images.
import type { ObjectStore } from "./object-store";
import { verifyDownload } from "./signed-url";

const INLINE_SAFE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export async function serveSignedDownload(request: Request, store: ObjectStore, secret: string): Promise<Response> {
  const verified = verifyDownload(new URL(request.url).searchParams, secret);
  if (!verified.ok) {
    const message = verified.reason === "expired" ? "This download link has expired; open the file in the portal again." : "This download link is not valid.";
    return Response.json({ error: message }, { status: 403 });
  }
  const { bucket, key, disposition, filename } = verified.link;

  const head = await store.head(bucket, key);
  const range = parseRange(request.headers.get("range"), head.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { "content-range": `bytes */${head.size}` } });
  }
  const { body, details, range: served } = await store.get(bucket, key, range ?? undefined);
  const inline = disposition === "inline" && INLINE_SAFE.has(details.contentType);
  const headers = new Headers({
    "content-type": inline ? details.contentType : "application/octet-stream",
    "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "accept-ranges": "bytes",
    "last-modified": details.lastModified.toUTCString(),
    "cache-control": "private, max-age=300",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src 'self'; sandbox",
  });
  if (details.etag) headers.set("etag", `"${details.etag}"`);
  if (served) {
    headers.set("content-range", `bytes ${served.start}-${served.end}/${details.size}`);
    headers.set("content-length", String(served.end - served.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set("content-length", String(details.size));
  return new Response(body, { status: 200, headers });
}

/** One "bytes=a-b" / "bytes=a-" / "bytes=-n" range; multiple ranges are served whole (allowed by RFC 9110). */
function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
