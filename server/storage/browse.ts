// Reading the object store for people: bucket list, folder pages, object details, previews
// and download links. Every handler checks the user's bucket rights first; the store is the
// configured one unless a test passes its own.
import type { z } from "zod";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { assertCanRead, rightsOf } from "./access";
import { objectStore } from "./index";
import { assertLenientKey, assertLenientPrefix, baseName } from "./keys";
import type { ObjectStore } from "./object-store";
import { previewObject, type Preview } from "./preview";
import { previewKindOf, type PreviewKind } from "./preview/kinds";
import { duckdbQueryFor, lakeUrl, workbenchUrl } from "./query";
import type { bucketInput, downloadInput, listObjectsInput, objectInput } from "./schemas";

export type BucketEntry = { name: string; createdAt: Date | null; canWrite: boolean };

export async function listBuckets({ ctx }: HandlerArgs, store?: ObjectStore): Promise<{ buckets: BucketEntry[]; store: string }> {
  const s = store ?? (await objectStore());
  const buckets = (await s.listBuckets())
    .map((b) => ({ ...b, rights: rightsOf(ctx.user.role, b.name) }))
    .filter((b) => b.rights.read)
    .map((b) => ({ name: b.name, createdAt: b.createdAt, canWrite: b.rights.write }));
  return { buckets, store: s.description };
}

/** Counting a bucket means listing it: one list call at most, so the figure stays cheap ("1,000+"). */
export const SUMMARY_LIMIT = 1_000;
const SUMMARY_TTL_MS = 60_000;
const summaryCache = new WeakMap<ObjectStore, Map<string, { at: number; value: BucketSummary }>>();

export type BucketSummary = { bucket: string; objects: number; bytes: number; complete: boolean };

/** Object count and size where cheap: one list call, cached for a minute. */
export async function bucketSummary({ ctx, input }: HandlerArgs<z.infer<typeof bucketInput>>, store?: ObjectStore): Promise<BucketSummary> {
  assertCanRead(ctx.user.role, input.bucket);
  const s = store ?? (await objectStore());
  let cache = summaryCache.get(s);
  if (!cache) summaryCache.set(s, (cache = new Map()));
  const cached = cache.get(input.bucket);
  if (cached && Date.now() - cached.at < SUMMARY_TTL_MS) return cached.value;
  const value = { bucket: input.bucket, ...(await countUnder(s, input.bucket, "", SUMMARY_LIMIT)) };
  cache.set(input.bucket, { at: Date.now(), value });
  return value;
}

export async function countUnder(store: ObjectStore, bucket: string, prefix: string, limit: number) {
  let objects = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await store.list(bucket, { prefix, continuationToken: token, maxKeys: 1000 });
    for (const o of page.objects) {
      objects++;
      bytes += o.size;
    }
    token = page.nextContinuationToken ?? undefined;
  } while (token && objects < limit);
  return { objects, bytes, complete: !token };
}

export type FolderEntry = { prefix: string; name: string };
export type ObjectEntry = { key: string; name: string; size: number; lastModified: Date; etag: string | null };
export type ObjectPage = {
  bucket: string;
  prefix: string;
  folders: FolderEntry[];
  objects: ObjectEntry[];
  nextCursor: string | null;
  canWrite: boolean;
};

/** One page of a folder: never the whole prefix. `filter` narrows to names starting with it. */
export async function listObjects({ ctx, input }: HandlerArgs<z.infer<typeof listObjectsInput>>, store?: ObjectStore): Promise<ObjectPage> {
  assertCanRead(ctx.user.role, input.bucket);
  if (input.prefix !== "" && !input.prefix.endsWith("/")) throw new DomainError("BAD_REQUEST", "A folder must end with /.");
  const s = store ?? (await objectStore());
  const search = input.prefix + (input.filter ?? "");
  assertLenientPrefix(search);
  const page = await s.list(input.bucket, { prefix: search, delimiter: "/", continuationToken: input.cursor ?? undefined, maxKeys: input.pageSize });
  return {
    bucket: input.bucket,
    prefix: input.prefix,
    folders: page.prefixes.map((p) => ({ prefix: p, name: baseName(p) })),
    objects: page.objects.map((o) => ({ ...o, name: o.key.slice(input.prefix.length) })),
    nextCursor: page.nextContinuationToken,
    canWrite: rightsOf(ctx.user.role, input.bucket).write,
  };
}

export type ObjectInfo = {
  bucket: string;
  key: string;
  name: string;
  size: number;
  lastModified: Date;
  etag: string | null;
  contentType: string;
  metadata: Record<string, string>;
  previewKind: PreviewKind;
  url: string;
  /** A ready DuckDB query and the workbench link, for files the embedded engine can read. */
  query: { sql: string; href: string } | null;
  canWrite: boolean;
};

export async function objectInfo({ ctx, input }: HandlerArgs<z.infer<typeof objectInput>>, store?: ObjectStore): Promise<ObjectInfo> {
  assertCanRead(ctx.user.role, input.bucket);
  assertLenientKey(input.key);
  const s = store ?? (await objectStore());
  const details = await s.head(input.bucket, input.key);
  const previewKind = previewKindOf(details.key, details.contentType);
  const sql = duckdbQueryFor(lakeUrl(input.bucket, details.key), previewKind);
  return {
    bucket: input.bucket,
    key: details.key,
    name: baseName(details.key),
    size: details.size,
    lastModified: details.lastModified,
    etag: details.etag,
    contentType: details.contentType,
    metadata: details.metadata,
    previewKind,
    url: lakeUrl(input.bucket, details.key),
    query: sql ? { sql, href: workbenchUrl(sql) } : null,
    canWrite: rightsOf(ctx.user.role, input.bucket).write,
  };
}

export async function objectPreview({ ctx, input }: HandlerArgs<z.infer<typeof objectInput>>, store?: ObjectStore): Promise<Preview> {
  assertCanRead(ctx.user.role, input.bucket);
  assertLenientKey(input.key);
  const s = store ?? (await objectStore());
  return previewObject(s, input.bucket, await s.head(input.bucket, input.key));
}

/** Links live long enough to start a download, not to be passed around. */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** A short-lived link to the object's bytes (the buckets.downloadUrl procedure and GET /api/storage/download). */
export async function downloadLink({ ctx, input }: HandlerArgs<z.infer<typeof downloadInput>>, store?: ObjectStore): Promise<{ url: string }> {
  assertCanRead(ctx.user.role, input.bucket);
  assertLenientKey(input.key);
  const s = store ?? (await objectStore());
  return { url: await s.downloadLink(input.bucket, input.key, { expiresInSeconds: DOWNLOAD_LINK_SECONDS, disposition: input.disposition, filename: baseName(input.key) }) };
}
