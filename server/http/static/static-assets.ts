// Serves Next's build assets (/_next/static/…) with brotli or gzip, whichever the browser accepts
// and is smaller, from the files that scripts/precompress-static.mjs wrote beside each asset at
// build time (brotli quality 11 is too slow to run per request: about a second per MB).
// Next itself only gzips, on the fly. An asset without a precompressed copy, or a client that
// wants neither, is left to Next (it answers as before), and so is every path outside the folder.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import mime from "mime-types";
import { chooseEncoding, type ContentEncoding } from "./accept-encoding";

export const STATIC_URL_PREFIX = "/_next/static/";
/** Hashed file names never change content, so browsers may keep them for a year (as Next does). */
const IMMUTABLE = "public, max-age=31536000, immutable";
const SUFFIX: Record<Exclude<ContentEncoding, "identity">, string> = { br: ".br", gzip: ".gz" };

type Representation = { file: string; size: number; etag: string };
type Asset = { type: string; variants: Partial<Record<ContentEncoding, Representation>> };

export type StaticAssets = {
  /** Answers the request and returns true, or returns false to leave it to Next. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
};

/** The asset file a URL names inside `dir`, or null for anything that could leave it. */
export function assetPath(dir: string, url: string | undefined): string | null {
  const pathname = (url ?? "").split("?")[0]!;
  if (!pathname.startsWith(STATIC_URL_PREFIX)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(STATIC_URL_PREFIX.length));
  } catch {
    return null;
  }
  if (!relative || relative.includes("\0") || relative.includes("\\") || relative.split("/").some((s) => s === ".." || s === "." || s === "")) return null;
  const file = path.join(dir, relative);
  return file.startsWith(dir + path.sep) ? file : null;
}

async function fileSize(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

function contentHash(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("base64url").slice(0, 22)));
  });
}

async function describe(file: string): Promise<Asset | null> {
  const original = await fileSize(file);
  if (!original) return null;
  // One hash of the original names all its representations; each encoding gets its own strong
  // ETag, since their bytes differ (RFC 9110 §8.8.3).
  const hash = await contentHash(file);
  const variants: Asset["variants"] = { identity: { file, size: original.size, etag: `"${hash}"` } };
  for (const encoding of ["br", "gzip"] as const) {
    const copy = await fileSize(file + SUFFIX[encoding]);
    // A copy older than its asset is left over from another build: never send it.
    if (copy && copy.mtimeMs >= original.mtimeMs) variants[encoding] = { file: file + SUFFIX[encoding], size: copy.size, etag: `"${hash}-${encoding}"` };
  }
  return { type: mime.contentType(path.extname(file)) || "application/octet-stream", variants };
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export function createStaticAssets(dir: string): StaticAssets {
  const root = path.resolve(dir);
  // Build assets are immutable while this process runs; only files that exist are remembered,
  // so the map is bounded by the build folder, whatever URLs are requested.
  const assets = new Map<string, Promise<Asset | null>>();

  function assetAt(file: string): Promise<Asset | null> {
    let asset = assets.get(file);
    if (!asset) {
      asset = describe(file).then(
        (found) => {
          if (!found) assets.delete(file);
          return found;
        },
        () => {
          assets.delete(file);
          return null;
        },
      );
      assets.set(file, asset);
    }
    return asset;
  }

  return {
    async serve(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const file = assetPath(root, req.url);
      if (!file) return false;
      const asset = await assetAt(file);
      if (!asset) return false;
      const available = (Object.keys(asset.variants) as ContentEncoding[]).filter((e) => e !== "identity");
      // Without a compressed copy there is nothing to negotiate: Next answers (and gzips) as before.
      if (available.length === 0) return false;
      const encoding = chooseEncoding(req.headers["accept-encoding"], available);
      // A client that refuses all we have: Next answers it as it always did.
      if (encoding === null) return false;
      const chosen = asset.variants[encoding]!;
      const headers: Record<string, string | number> = {
        "cache-control": IMMUTABLE,
        etag: chosen.etag,
        vary: "Accept-Encoding",
      };
      if (matches(req.headers["if-none-match"], chosen.etag)) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      headers["content-type"] = asset.type;
      headers["content-length"] = chosen.size;
      if (encoding !== "identity") headers["content-encoding"] = encoding;
      res.writeHead(200, headers);
      if (req.method === "HEAD") {
        res.end();
        return true;
      }
      const body = createReadStream(chosen.file);
      body.on("error", () => res.destroy());
      body.pipe(res);
      return true;
    },
  };
}
