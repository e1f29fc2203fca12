// The object-store port: what the portal needs from S3-like storage, and nothing more. Two
// adapters implement it (s3-store.ts, local-store.ts) and pass one contract suite
// (contract.ts). Errors that users should see are DomainErrors (404 for a missing bucket or
// object, 503 for an unreachable store, 400 for a refused key); anything else is a bug.
import { DomainError } from "../errors";

export type BucketInfo = { name: string; createdAt: Date | null };

export type ObjectSummary = {
  key: string;
  size: number;
  lastModified: Date;
  /** Opaque version tag (S3's ETag, with its quotes removed). */
  etag: string | null;
};

export type ObjectDetails = ObjectSummary & {
  contentType: string;
  /** User metadata (x-amz-meta-*), names lower-cased. */
  metadata: Record<string, string>;
};

export type ListOptions = {
  /** Only keys that start with this string. */
  prefix?: string;
  /** Group keys that contain this string after the prefix into common prefixes ("folders"). */
  delimiter?: string;
  /** From a previous page's `nextContinuationToken`. */
  continuationToken?: string;
  /** At most this many objects + prefixes (1..1000, as S3). */
  maxKeys?: number;
};

export type ListPage = {
  objects: ObjectSummary[];
  /** Common prefixes, each ending with the delimiter. */
  prefixes: string[];
  /** Set when more entries follow; pass it back to get the next page. */
  nextContinuationToken: string | null;
};

/** Inclusive byte range, as in an HTTP Range header; `end` past the object's end is clamped. */
export type ByteRange = { start: number; end: number };

export type PutOptions = {
  contentType?: string;
  metadata?: Record<string, string>;
  /** Known length, if any (lets S3 skip multipart for small bodies). */
  size?: number;
  /** Called with the number of bytes stored so far. */
  onProgress?: (bytes: number) => void;
  /** Aborting it abandons the upload: no object appears, no multipart upload is left behind. */
  signal?: AbortSignal;
};

export type ObjectBody = {
  details: ObjectDetails;
  /** The bytes requested (the whole object, or the range). */
  body: ReadableStream<Uint8Array>;
  /** The range actually served, when one was asked for. */
  range: ByteRange | null;
};

export type DownloadLinkOptions = {
  expiresInSeconds: number;
  /** "attachment" (save as `filename`) or "inline" (show in the browser, e.g. images). */
  disposition: "attachment" | "inline";
  filename: string;
};

export interface ObjectStore {
  readonly kind: "s3" | "local";
  /** A short, credential-free description for messages, e.g. "S3 at http://minio:9000". */
  readonly description: string;

  listBuckets(): Promise<BucketInfo[]>;
  /** NOT_FOUND when the bucket does not exist. */
  assertBucket(bucket: string): Promise<void>;
  /** One page, never the whole prefix. Folder markers (keys ending in "/") are not objects. */
  list(bucket: string, options?: ListOptions): Promise<ListPage>;
  head(bucket: string, key: string): Promise<ObjectDetails>;
  /** Reads a bounded range into memory (previews, Parquet footers). */
  getRange(bucket: string, key: string, range: ByteRange): Promise<Uint8Array>;
  /** Streams an object or a range of it (downloads through the portal). */
  get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody>;
  /** Stores an object whole or not at all. */
  put(bucket: string, key: string, body: ReadableStream<Uint8Array> | Uint8Array, options?: PutOptions): Promise<void>;
  /** Creates an empty "folder" (S3: a zero-byte "prefix/" marker; local: a directory). */
  createFolder(bucket: string, prefix: string): Promise<void>;
  /** Deletes up to 1000 objects; missing keys count as deleted (as S3). Empty folders go too. */
  deleteObjects(bucket: string, keys: string[]): Promise<{ deleted: string[]; failed: { key: string; message: string }[] }>;
  /** Deletes every object under `prefix` (which ends with "/"), folder markers included. */
  deletePrefix(bucket: string, prefix: string): Promise<{ deleted: number }>;
  /** A URL a browser can fetch the object from without credentials, valid for a short time. */
  downloadLink(bucket: string, key: string, options: DownloadLinkOptions): Promise<string>;
}

export const MAX_KEYS = 1000;

// Errors users may see. The messages name the bucket and key but never a file-system path or
// a credential.
export function bucketNotFound(bucket: string): DomainError {
  return new DomainError("NOT_FOUND", `There is no bucket named "${bucket}".`);
}

export function objectNotFound(bucket: string, key: string): DomainError {
  return new DomainError("NOT_FOUND", `There is no object "${key}" in bucket "${bucket}".`);
}

export function storeUnavailable(description: string, detail?: string): DomainError {
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    `The object store (${description}) cannot be reached${detail ? `: ${detail}` : ""}. Check that it is running and that the portal's S3 settings are right.`,
  );
}

export function invalidRange(bucket: string, key: string): DomainError {
  return new DomainError("BAD_REQUEST", `The requested byte range is outside "${key}" in bucket "${bucket}".`);
}
