// Which bucket of the lake does a path in a statement name? The sandbox's answer must match the
// file DuckDB would really open, so the path is resolved the way DuckDB resolves it (relative to
// the process's working directory, `..` folded), symbolic links are followed to where they
// really lead, and anything that is not a plain local path (a URL, `~`, a glob in the bucket's
// own name) is refused. Only <lake>/<bucket>/… is ever a yes. An object may also be named as
// the bucket browser names it, s3://<bucket>/<key> ("Query this file"): that is the lake file
// <lake>/<bucket>/<key>, judged by the same rules, with no `.` or `..` segment in the key.
import { realpathSync } from "node:fs";
import path from "node:path";

export type LakePath = { bucket: string; key: string; path: string };

const S3 = "s3://";

/** Is `raw` an object's s3://bucket/key name (which the statement must run with its lake path)? */
export function isObjectUrl(raw: string): boolean {
  return raw.startsWith(S3);
}

export class PathRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly shown: string,
  ) {
    super(reason);
    this.name = "PathRefusal";
  }
}

const GLOB_CHARS = /[*?[\]{}]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Resolves `raw` (as written in the statement) to a bucket and key of the lake at `lakeDir`
 * (an absolute, real path), or throws PathRefusal saying why it is not one.
 */
export function lakePathOf(raw: string, lakeDir: string, cwd = process.cwd()): LakePath {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  const outside = () => new PathRefusal(`Reading or writing files outside the lake's buckets is not allowed: ${shown}`, shown);
  if (raw === "" || /[\0-\x1f\x7f]/.test(raw)) throw new PathRefusal(`A file path may not be empty or contain control characters: ${JSON.stringify(shown)}`, shown);
  if (SCHEME.test(raw) && !raw.startsWith("file://") && !isObjectUrl(raw)) {
    throw new PathRefusal(
      `The embedded engine reads no URLs (no network access from SQL): ${shown}. Name a file of the lake as s3://<bucket>/<key>, as "Query this file" writes it.`,
      shown,
    );
  }
  if (raw.includes("\\")) throw outside();
  const local = isObjectUrl(raw) ? objectFile(raw, lakeDir, shown) : raw.startsWith("file://") ? raw.slice("file://".length) : raw;
  if (local.startsWith("~")) throw outside();
  const absolute = path.resolve(cwd, local);
  const relative = path.relative(lakeDir, absolute);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) throw outside();
  const [bucket = "", ...rest] = relative.split(path.sep);
  if (GLOB_CHARS.test(bucket)) throw new PathRefusal(`A path must name its bucket without wildcards: ${shown}`, shown);
  // Follow symbolic links in the part of the path that exists (up to the first wildcard): a
  // link inside a bucket must not lead out of it.
  const literalPart = absolute.split(path.sep).findIndex((segment) => GLOB_CHARS.test(segment));
  const probe = literalPart === -1 ? absolute : absolute.split(path.sep).slice(0, literalPart).join(path.sep);
  const real = realExistingPrefix(probe);
  const bucketDir = path.join(lakeDir, bucket);
  if (real !== bucketDir && !real.startsWith(bucketDir + path.sep)) throw outside();
  return { bucket, key: rest.join("/"), path: absolute };
}

/** s3://bucket/key as the lake file it names; a key that would climb (`.`, `..`) or a bucket without a name is refused. */
function objectFile(raw: string, lakeDir: string, shown: string): string {
  const [bucket = "", ...key] = raw.slice(S3.length).split("/");
  if (bucket === "" || bucket === "." || bucket === "..") throw new PathRefusal(`An s3:// name needs its bucket: s3://<bucket>/<key>, not ${shown}`, shown);
  if (key.some((segment) => segment === "." || segment === "..")) throw new PathRefusal(`An object's key may not contain "." or ".." segments: ${shown}`, shown);
  return path.join(lakeDir, bucket, ...key);
}

/** realpath of the longest prefix of `p` that exists (a file to be written does not exist yet). */
function realExistingPrefix(p: string): string {
  let current = p;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(current), ...tail);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return p;
      tail.unshift(path.basename(current));
      current = parent;
    }
  }
}
