// The local-folder adapter, the embedded default: <root>/<bucket>/<key> on disk.
//
// Safety: every key passes the strict rules of keys.ts, every resolved path is checked to stay
// inside <root> after symlinks are resolved, and symlinks inside buckets are neither listed nor
// followed, so nothing outside the root is ever read or written.
// Atomicity: uploads are written to <root>/.tmp (outside every bucket) and renamed into place,
// so an interrupted upload never shows up as a partial object.
// Large folders: a page stats only the entries it returns; the folder's sorted name list is
// cached and revalidated by the folder's mtime (a cache, safe with several replicas).
import { createHash, randomUUID } from "node:crypto";
import { constants, type Dirent } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { DomainError } from "../errors";
import { contentTypeFor } from "./content-types";
import { assertBucketName, assertStrictKey, assertStrictPrefix, isValidBucketName } from "./keys";
import {
  bucketNotFound,
  invalidRange,
  MAX_KEYS,
  objectNotFound,
  type BucketInfo,
  type ByteRange,
  type DownloadLinkOptions,
  type ListOptions,
  type ListPage,
  type ObjectBody,
  type ObjectDetails,
  type ObjectStore,
  type ObjectSummary,
  type PutOptions,
} from "./object-store";
import { signDownload } from "./signed-url";
import { isVolumeFull, volumeFullError } from "./volume-full";
import pLimit from "p-limit";

const TMP_DIR = ".tmp";
const META_DIR = ".meta";

type Sidecar = { contentType?: string; metadata?: Record<string, string>; etag: string; size: number; mtimeMs: number };
type Entry = { name: string; dir: boolean };
type CachedDir = { mtimeNs: bigint; entries: Entry[] };

export type LocalStoreOptions = {
  root: string;
  /** The secret that signs download links (the runtime's authSecret); read when a link is made. */
  signingSecret: () => string;
};

export class LocalObjectStore implements ObjectStore {
  readonly kind = "local" as const;
  readonly description = "the portal's local folder";
  private readonly root: string;
  private realRoot: string | undefined;
  private readonly dirCache = new Map<string, CachedDir>();

  constructor(private readonly options: LocalStoreOptions) {
    this.root = path.resolve(options.root);
  }

  /** Creates the root (and the given buckets) if missing. */
  async init(buckets: string[] = []): Promise<void> {
    await fs.mkdir(path.join(this.root, TMP_DIR), { recursive: true });
    for (const bucket of buckets) {
      assertBucketName(bucket);
      await fs.mkdir(path.join(this.root, bucket), { recursive: true });
    }
    this.realRoot = await fs.realpath(this.root);
  }

  // ------------------------------------------------------------------------------- buckets

  async listBuckets(): Promise<BucketInfo[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true });
    const buckets: BucketInfo[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || !isValidBucketName(entry.name)) continue; // skips .tmp, .meta
      const stat = await fs.stat(path.join(this.root, entry.name));
      buckets.push({ name: entry.name, createdAt: stat.birthtimeMs ? stat.birthtime : stat.ctime });
    }
    return buckets.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async assertBucket(bucket: string): Promise<void> {
    assertBucketName(bucket);
    const stat = await fs.lstat(path.join(this.root, bucket)).catch(() => null);
    if (!stat?.isDirectory()) throw bucketNotFound(bucket);
  }

  // ------------------------------------------------------------------------------- listing

  async list(bucket: string, options: ListOptions = {}): Promise<ListPage> {
    await this.assertBucket(bucket);
    const prefix = options.prefix ?? "";
    assertStrictPrefix(prefix.replace(/[^/]+$/, "")); // the folder part; the rest is a name filter
    if (prefix.includes("\0") || prefix.includes("\\")) assertStrictKey(prefix);
    if (options.delimiter !== undefined && options.delimiter !== "/") {
      throw new DomainError("BAD_REQUEST", 'The local object store only groups keys by "/".');
    }
    const maxKeys = Math.min(Math.max(options.maxKeys ?? MAX_KEYS, 1), MAX_KEYS);
    const after = options.continuationToken ? decodeToken(options.continuationToken) : "";

    const items: { sortKey: string; dir: boolean }[] = [];
    let more = false;
    const source = options.delimiter ? this.folderEntries(bucket, prefix, after) : this.walk(bucket, folderOf(prefix), prefix, after);
    for await (const item of source) {
      if (items.length === maxKeys) {
        more = true;
        break;
      }
      items.push(item);
    }

    const objects: ObjectSummary[] = [];
    const prefixes: string[] = [];
    // Stat only what this page returns, a few at a time.
    const stats = await pLimit(16).map(items, async (item) => (item.dir ? null : this.summary(bucket, item.sortKey)));
    items.forEach((item, i) => {
      if (item.dir) prefixes.push(item.sortKey);
      else if (stats[i]) objects.push(stats[i]!);
    });
    const last = items.at(-1);
    return { objects, prefixes, nextContinuationToken: more && last ? encodeToken(last.sortKey) : null };
  }

  /** Entries of one folder that start with `prefix`, after `after`, in S3 key order. */
  private async *folderEntries(bucket: string, prefix: string, after: string): AsyncGenerator<{ sortKey: string; dir: boolean }> {
    const folder = folderOf(prefix);
    const entries = await this.sortedEntries(bucket, folder);
    // Binary search to the first candidate: after the cursor, or at the prefix.
    const start = after >= prefix ? firstAfter(entries, folder, after, false) : firstAfter(entries, folder, prefix, true);
    for (let i = start; i < entries.length; i++) {
      const sortKey = folder + entries[i]!.name + (entries[i]!.dir ? "/" : "");
      if (!sortKey.startsWith(prefix)) {
        if (sortKey > prefix) break; // sorted: nothing later can match
        continue;
      }
      if (sortKey <= after) continue;
      yield { sortKey, dir: entries[i]!.dir };
    }
  }

  /** Every object under `folder` whose key starts with `prefix`, after `after`, in key order. */
  private async *walk(bucket: string, folder: string, prefix: string, after: string): AsyncGenerator<{ sortKey: string; dir: boolean }> {
    const entries = await this.sortedEntries(bucket, folder);
    for (const entry of entries) {
      const sortKey = folder + entry.name + (entry.dir ? "/" : "");
      if (entry.dir) {
        const relevant = sortKey.startsWith(prefix) || prefix.startsWith(sortKey);
        // Skip a whole subtree that lies before the cursor (every key in it is < `after`).
        const passed = after > sortKey && !after.startsWith(sortKey);
        if (relevant && !passed) yield* this.walk(bucket, sortKey, prefix, after);
      } else if (sortKey.startsWith(prefix) && sortKey > after) {
        yield { sortKey, dir: false };
      }
    }
  }

  /** A folder's entries sorted as S3 sorts keys (a folder "a" sorts as "a/"); cached by mtime. */
  private async sortedEntries(bucket: string, folder: string): Promise<Entry[]> {
    const dir = path.join(this.root, bucket, ...folder.split("/").filter(Boolean));
    const stat = await fs.lstat(dir, { bigint: true }).catch(() => null);
    if (!stat?.isDirectory()) return [];
    const cached = this.dirCache.get(dir);
    if (cached && cached.mtimeNs === stat.mtimeNs) return cached.entries;
    await this.assertInside(dir);
    let dirents: Dirent[];
    try {
      dirents = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isCode(err, "ENOENT", "ENOTDIR")) return [];
      throw err;
    }
    const entries = dirents
      .filter((d) => d.isFile() || d.isDirectory()) // symlinks and devices are not objects
      .map((d) => ({ name: d.name, dir: d.isDirectory() }))
      .sort((a, b) => compareKeys(a.name + (a.dir ? "/" : ""), b.name + (b.dir ? "/" : "")));
    if (this.dirCache.size > 200) this.dirCache.delete(this.dirCache.keys().next().value!);
    this.dirCache.set(dir, { mtimeNs: stat.mtimeNs, entries });
    return entries;
  }

  private async summary(bucket: string, key: string): Promise<ObjectSummary | null> {
    const stat = await fs.lstat(this.pathOf(bucket, key)).catch(() => null);
    if (!stat?.isFile()) return null; // deleted since the folder was read
    return { key, size: stat.size, lastModified: stat.mtime, etag: await this.etagOf(bucket, key, stat) };
  }

  // ------------------------------------------------------------------------------- reading

  async head(bucket: string, key: string): Promise<ObjectDetails> {
    await this.assertBucket(bucket);
    assertStrictKey(key);
    const file = this.pathOf(bucket, key);
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat?.isFile()) throw objectNotFound(bucket, key);
    await this.assertInside(file);
    const sidecar = await this.readSidecar(bucket, key, stat);
    return {
      key,
      size: stat.size,
      lastModified: stat.mtime,
      etag: sidecar?.etag ?? weakEtag(stat),
      contentType: sidecar?.contentType ?? contentTypeFor(key),
      metadata: sidecar?.metadata ?? {},
    };
  }

  async getRange(bucket: string, key: string, range: ByteRange): Promise<Uint8Array> {
    const details = await this.head(bucket, key);
    const { start, end } = clampRange(bucket, key, range, details.size);
    const handle = await fs.open(this.pathOf(bucket, key), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const buffer = Buffer.alloc(end - start + 1);
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    } finally {
      await handle.close();
    }
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody> {
    const details = await this.head(bucket, key);
    const served = range ? clampRange(bucket, key, range, details.size) : null;
    const handle = await fs.open(this.pathOf(bucket, key), constants.O_RDONLY | constants.O_NOFOLLOW);
    const stream = handle.createReadStream(served ?? {}); // closes the handle when done
    return { details, range: served, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
  }

  // ------------------------------------------------------------------------------- writing

  async put(bucket: string, key: string, body: ReadableStream<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<void> {
    await this.assertBucket(bucket);
    assertStrictKey(key);
    const target = this.pathOf(bucket, key);
    if ((await fs.lstat(target).catch(() => null))?.isDirectory()) {
      throw new DomainError("CONFLICT", `"${key}" is a folder in bucket "${bucket}"; choose another name.`);
    }
    const tmp = path.join(this.root, TMP_DIR, `${randomUUID()}.upload`);
    const hash = createHash("md5");
    let size = 0;
    try {
      const handle = await fs.open(tmp, "wx", 0o644);
      try {
        for await (const chunk of chunksOf(body)) {
          options.signal?.throwIfAborted();
          await writeWhole(handle, chunk);
          hash.update(chunk);
          size += chunk.byteLength;
          options.onProgress?.(size);
        }
        options.signal?.throwIfAborted();
        await handle.sync();
      } finally {
        await handle.close();
      }
      const stat = await fs.stat(tmp);
      const sidecar: Sidecar = {
        etag: hash.digest("hex"),
        size,
        mtimeMs: stat.mtimeMs,
        ...(options.contentType ? { contentType: options.contentType } : {}),
        ...(options.metadata && Object.keys(options.metadata).length ? { metadata: lowerCaseKeys(options.metadata) } : {}),
      };
      // Folders only once the bytes are all here: an interrupted upload leaves no empty folder.
      await this.ensureFolder(bucket, path.dirname(target));
      await this.writeSidecar(bucket, key, sidecar);
      await fs.rename(tmp, target); // atomic: readers see the old object or the whole new one
    } catch (err) {
      await fs.rm(tmp, { force: true });
      if (isVolumeFull(err)) throw volumeFullError({ bucket, key, volume: this.root, replacing: (await fs.lstat(target).catch(() => null)) !== null }, err);
      throw err;
    }
  }

  async createFolder(bucket: string, prefix: string): Promise<void> {
    await this.assertBucket(bucket);
    assertStrictKey(prefix, { folder: true });
    await this.ensureFolder(bucket, this.pathOf(bucket, prefix));
  }

  async deleteObjects(bucket: string, keys: string[]) {
    await this.assertBucket(bucket);
    const deleted: string[] = [];
    const failed: { key: string; message: string }[] = [];
    for (const key of keys) {
      try {
        assertStrictKey(key);
        const file = this.pathOf(bucket, key);
        const stat = await fs.lstat(file).catch(() => null);
        if (stat?.isFile()) {
          await this.assertInside(file);
          await fs.unlink(file);
        }
        await fs.rm(this.sidecarPath(bucket, key), { force: true });
        await this.pruneEmptyFolders(bucket, path.dirname(file));
        deleted.push(key);
      } catch (err) {
        failed.push({ key, message: err instanceof DomainError ? err.message : "could not be deleted" });
      }
    }
    return { deleted, failed };
  }

  async deletePrefix(bucket: string, prefix: string): Promise<{ deleted: number }> {
    await this.assertBucket(bucket);
    assertStrictKey(prefix, { folder: true });
    if (!prefix.endsWith("/")) throw new DomainError("BAD_REQUEST", "A folder to delete must end with /.");
    const dir = this.pathOf(bucket, prefix);
    if (!(await fs.lstat(dir).catch(() => null))?.isDirectory()) return { deleted: 0 };
    await this.assertInside(dir);
    let deleted = 0;
    for await (const _ of this.walk(bucket, prefix, prefix, "")) deleted++;
    await fs.rm(dir, { recursive: true, force: true }); // removes symlinks themselves, never their targets
    await fs.rm(path.join(this.root, META_DIR, bucket, ...prefix.split("/").filter(Boolean)), { recursive: true, force: true });
    await this.pruneEmptyFolders(bucket, path.dirname(dir));
    return { deleted };
  }

  async downloadLink(bucket: string, key: string, options: DownloadLinkOptions): Promise<string> {
    await this.head(bucket, key); // 404 now rather than when the link is used
    const expires = Math.floor(Date.now() / 1000) + options.expiresInSeconds;
    return signDownload({ bucket, key, expires, disposition: options.disposition, filename: options.filename }, this.options.signingSecret());
  }

  /** Where an object lives on disk, for the embedded query engine (after the key rules). */
  filePath(bucket: string, key: string): string {
    assertBucketName(bucket);
    assertStrictKey(key);
    return this.pathOf(bucket, key);
  }

  // ------------------------------------------------------------------------------- helpers

  private pathOf(bucket: string, key: string): string {
    return path.join(this.root, bucket, ...key.split("/").filter(Boolean));
  }

  private sidecarPath(bucket: string, key: string): string {
    return `${path.join(this.root, META_DIR, bucket, ...key.split("/"))}.json`;
  }

  /** Refuses paths that resolve (through symlinks) outside the root. */
  private async assertInside(file: string): Promise<void> {
    this.realRoot ??= await fs.realpath(this.root);
    const real = await fs.realpath(file).catch(() => null);
    if (real && real !== this.realRoot && !real.startsWith(this.realRoot + path.sep)) {
      throw new DomainError("BAD_REQUEST", "This object is outside the object store and cannot be used.");
    }
  }

  /** mkdir -p inside the bucket, refusing to pass through files or leave the root. */
  private async ensureFolder(bucket: string, dir: string): Promise<void> {
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (err) {
      if (isCode(err, "EEXIST", "ENOTDIR")) {
        throw new DomainError("CONFLICT", `A file in bucket "${bucket}" has the name of a folder on this path; choose another name.`);
      }
      throw err;
    }
    await this.assertInside(dir);
  }

  /** Removes folders left empty, as S3 "folders" vanish with their last object. */
  private async pruneEmptyFolders(bucket: string, dir: string): Promise<void> {
    const bucketDir = path.join(this.root, bucket);
    while (dir.startsWith(bucketDir + path.sep)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return; // not empty (or gone): stop
      }
      dir = path.dirname(dir);
    }
  }

  private async readSidecar(bucket: string, key: string, stat: { size: number; mtimeMs: number }): Promise<Sidecar | null> {
    try {
      const sidecar = JSON.parse(await fs.readFile(this.sidecarPath(bucket, key), "utf8")) as Sidecar;
      // A file replaced outside the portal keeps no stale metadata.
      return sidecar.size === stat.size && Math.abs(sidecar.mtimeMs - stat.mtimeMs) < 1 ? sidecar : null;
    } catch {
      return null;
    }
  }

  private async writeSidecar(bucket: string, key: string, sidecar: Sidecar): Promise<void> {
    const file = this.sidecarPath(bucket, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(this.root, TMP_DIR, `${randomUUID()}.meta`);
    try {
      await fs.writeFile(tmp, JSON.stringify(sidecar));
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }); // a full volume fails the write after creating the file
      throw err;
    }
  }

  private async etagOf(bucket: string, key: string, stat: { size: number; mtimeMs: number }): Promise<string> {
    return (await this.readSidecar(bucket, key, stat))?.etag ?? weakEtag(stat);
  }
}

// --------------------------------------------------------------------------------- utilities

/** S3 sorts keys by their UTF-8 bytes; comparing UTF-16 strings agrees except above U+FFFF. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first entry whose key (folder + name) sorts after `bound` (or at it, if inclusive). */
function firstAfter(entries: Entry[], folder: string, bound: string, inclusive: boolean): number {
  if (!bound.startsWith(folder)) return bound > folder ? entries.length : 0;
  const rest = bound.slice(folder.length);
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const name = entries[mid]!.name + (entries[mid]!.dir ? "/" : "");
    if (inclusive ? name < rest : name <= rest) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function folderOf(prefix: string): string {
  return prefix.slice(0, prefix.lastIndexOf("/") + 1);
}

function weakEtag(stat: { size: number; mtimeMs: number }): string {
  return `${Math.floor(stat.mtimeMs).toString(16)}-${stat.size.toString(16)}`;
}

function clampRange(bucket: string, key: string, range: ByteRange, size: number): ByteRange {
  if (range.start < 0 || range.end < range.start || range.start >= size) throw invalidRange(bucket, key);
  return { start: range.start, end: Math.min(range.end, size - 1) };
}

function encodeToken(afterKey: string): string {
  return Buffer.from(afterKey, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  const key = Buffer.from(token, "base64url").toString("utf8");
  if (!key || key.includes("\0")) throw new DomainError("BAD_REQUEST", "The page token is not valid; start again from the first page.");
  return key;
}

function lowerCaseKeys(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}

async function* chunksOf(body: ReadableStream<Uint8Array> | Uint8Array): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value?.byteLength) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function isCode(err: unknown, ...codes: string[]): boolean {
  return codes.includes((err as NodeJS.ErrnoException)?.code ?? "");
}

/**
 * Writes all of `chunk`. A write may take only part of it (a volume filling up takes what fits
 * and fails only on the next call): without the loop the rest would be dropped silently and a
 * truncated file stored as if whole.
 */
async function writeWhole(handle: fs.FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}
