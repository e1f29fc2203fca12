// The S3 adapter (MinIO, Ceph RGW, AWS S3) over @aws-sdk/client-s3. Credentials stay here:
// browsers get presigned URLs, never keys. Uploads go through @aws-sdk/lib-storage (multipart
// above one part); a failed or abandoned multipart upload is aborted so no parts linger.
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { DomainError } from "../errors";
import { logger } from "../logger";
import { contentTypeFor, DEFAULT_CONTENT_TYPE } from "./content-types";
import { assertBucketName, assertLenientKey, assertLenientPrefix, assertStrictKey } from "./keys";
import {
  bucketNotFound,
  invalidRange,
  MAX_KEYS,
  objectNotFound,
  storeUnavailable,
  type BucketInfo,
  type ByteRange,
  type DownloadLinkOptions,
  type ListOptions,
  type ListPage,
  type ObjectBody,
  type ObjectDetails,
  type ObjectStore,
  type PutOptions,
} from "./object-store";

export type S3StoreOptions = {
  endpoint: string;
  /** The endpoint browsers use for presigned URLs, when it differs (e.g. behind a proxy). */
  publicEndpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bucket names to offer when the credentials may not call ListBuckets. */
  knownBuckets?: string[];
  /** Multipart part size in bytes (S3's minimum is 5 MiB). */
  partSize?: number;
};

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  readonly kind = "s3" as const;
  readonly description: string;
  readonly client: S3Client;
  private readonly presignClient: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.description = `S3 at ${new URL(options.endpoint).host}`;
    this.client = makeClient(options, options.endpoint);
    this.presignClient = options.publicEndpoint ? makeClient(options, options.publicEndpoint) : this.client;
  }

  async listBuckets(): Promise<BucketInfo[]> {
    try {
      const out = await this.client.send(new ListBucketsCommand({}));
      return (out.Buckets ?? [])
        .filter((b): b is typeof b & { Name: string } => Boolean(b.Name))
        .map((b) => ({ name: b.Name, createdAt: b.CreationDate ?? null }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (err) {
      // Least-privilege credentials often cannot list buckets: offer the configured ones.
      if (errorName(err) === "AccessDenied" && this.options.knownBuckets?.length) {
        return this.options.knownBuckets.map((name) => ({ name, createdAt: null }));
      }
      throw this.mapError(err, {});
    }
  }

  async assertBucket(bucket: string): Promise<void> {
    assertBucketName(bucket);
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      throw this.mapError(err, { bucket });
    }
  }

  async list(bucket: string, options: ListOptions = {}): Promise<ListPage> {
    assertBucketName(bucket);
    assertLenientPrefix(options.prefix ?? "");
    try {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: options.prefix || undefined,
          Delimiter: options.delimiter || undefined,
          ContinuationToken: options.continuationToken || undefined,
          MaxKeys: Math.min(Math.max(options.maxKeys ?? MAX_KEYS, 1), MAX_KEYS),
        }),
      );
      return {
        objects: (out.Contents ?? [])
          .filter((o) => o.Key && !o.Key.endsWith("/")) // folder markers are not objects
          .map((o) => ({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0), etag: unquote(o.ETag) })),
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix!).filter(Boolean),
        nextContinuationToken: out.IsTruncated ? (out.NextContinuationToken ?? null) : null,
      };
    } catch (err) {
      throw this.mapError(err, { bucket });
    }
  }

  async head(bucket: string, key: string): Promise<ObjectDetails> {
    assertBucketName(bucket);
    assertLenientKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        lastModified: out.LastModified ?? new Date(0),
        etag: unquote(out.ETag),
        contentType: usefulContentType(out.ContentType, key),
        metadata: out.Metadata ?? {},
      };
    } catch (err) {
      throw await this.mapObjectError(err, bucket, key);
    }
  }

  async getRange(bucket: string, key: string, range: ByteRange): Promise<Uint8Array> {
    const { body } = await this.get(bucket, key, range);
    return new Uint8Array(await new Response(body).arrayBuffer());
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody> {
    assertBucketName(bucket);
    assertLenientKey(key);
    if (range && (range.start < 0 || range.end < range.start)) throw invalidRange(bucket, key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      const served = range ? parseContentRange(out.ContentRange) : null;
      const size = served ? (parseTotal(out.ContentRange) ?? 0) : (out.ContentLength ?? 0);
      return {
        details: {
          key,
          size,
          lastModified: out.LastModified ?? new Date(0),
          etag: unquote(out.ETag),
          contentType: usefulContentType(out.ContentType, key),
          metadata: out.Metadata ?? {},
        },
        range: served,
        body: out.Body!.transformToWebStream() as ReadableStream<Uint8Array>,
      };
    } catch (err) {
      throw await this.mapObjectError(err, bucket, key);
    }
  }

  async put(bucket: string, key: string, body: ReadableStream<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<void> {
    assertBucketName(bucket);
    assertStrictKey(key);
    options.signal?.throwIfAborted();
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType || contentTypeFor(key),
        Metadata: options.metadata,
        ...(options.size !== undefined ? { ContentLength: options.size } : {}),
      },
      partSize: this.options.partSize ?? DEFAULT_PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    });
    upload.on("httpUploadProgress", (p) => p.loaded !== undefined && options.onProgress?.(p.loaded));
    const onAbort = () => void upload.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await upload.done();
    } catch (err) {
      await this.abortMultipart(bucket, key, upload);
      if (options.signal?.aborted) throw options.signal.reason ?? err;
      throw this.mapError(err, { bucket, key });
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  /** lib-storage aborts on most failures, but not when done() loses its race to abort(): make sure. */
  private async abortMultipart(bucket: string, key: string, upload: Upload): Promise<void> {
    const uploadId = (upload as unknown as { uploadId?: string }).uploadId;
    if (!uploadId) return;
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    } catch (err) {
      if (errorName(err) !== "NoSuchUpload") logger.warn({ err: errorName(err), bucket, key }, "could not abort a multipart upload");
    }
  }

  async createFolder(bucket: string, prefix: string): Promise<void> {
    assertBucketName(bucket);
    assertStrictKey(prefix, { folder: true });
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix.endsWith("/") ? prefix : `${prefix}/`, Body: new Uint8Array(0) }));
    } catch (err) {
      throw this.mapError(err, { bucket });
    }
  }

  async deleteObjects(bucket: string, keys: string[]) {
    assertBucketName(bucket);
    if (keys.length === 0) return { deleted: [], failed: [] };
    if (keys.length > MAX_KEYS) throw new DomainError("BAD_REQUEST", `At most ${MAX_KEYS} objects can be deleted in one call.`);
    keys.forEach(assertLenientKey);
    try {
      const out = await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: false } }));
      return {
        deleted: (out.Deleted ?? []).map((d) => d.Key!).filter(Boolean),
        failed: (out.Errors ?? []).map((e) => ({ key: e.Key ?? "", message: e.Message ?? e.Code ?? "could not be deleted" })),
      };
    } catch (err) {
      throw this.mapError(err, { bucket });
    }
  }

  async deletePrefix(bucket: string, prefix: string): Promise<{ deleted: number }> {
    assertBucketName(bucket);
    assertLenientKey(prefix);
    if (!prefix.endsWith("/")) throw new DomainError("BAD_REQUEST", "A folder to delete must end with /.");
    let deleted = 0;
    // Page by page from the start: each page is deleted before the next is listed. Markers
    // ("a/b/") are listed here too, unlike in list(), so the folder itself goes as well.
    for (let round = 0; round < 100_000; round++) {
      let out;
      try {
        out = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: MAX_KEYS }));
      } catch (err) {
        throw this.mapError(err, { bucket });
      }
      const keys = (out.Contents ?? []).map((o) => o.Key!).filter(Boolean);
      if (keys.length === 0) break;
      const result = await this.deleteObjects(bucket, keys);
      if (result.failed.length) {
        throw new DomainError(
          "CONFLICT",
          `${result.failed.length} objects under "${prefix}" could not be deleted (first: ${result.failed[0]!.key}: ${result.failed[0]!.message}); ${deleted + result.deleted.length} were deleted.`,
        );
      }
      deleted += result.deleted.filter((k) => !k.endsWith("/")).length;
      if (!out.IsTruncated) break;
    }
    return { deleted };
  }

  async downloadLink(bucket: string, key: string, options: DownloadLinkOptions): Promise<string> {
    await this.head(bucket, key); // 404 now rather than when the link is used
    const disposition = `${options.disposition}; filename*=UTF-8''${encodeURIComponent(options.filename)}`;
    return getSignedUrl(this.presignClient, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }), {
      expiresIn: options.expiresInSeconds,
    });
  }

  // ------------------------------------------------------------------------------- errors

  private async mapObjectError(err: unknown, bucket: string, key: string): Promise<unknown> {
    const name = errorName(err);
    if (name === "NoSuchKey" || name === "NotFound") {
      // HEAD answers a bare 404 for a missing bucket too: tell the two apart.
      await this.assertBucket(bucket);
      return objectNotFound(bucket, key);
    }
    return this.mapError(err, { bucket, key });
  }

  private mapError(err: unknown, where: { bucket?: string; key?: string }): unknown {
    if (err instanceof DomainError) return err;
    const name = errorName(err);
    const status = (err as S3ServiceException)?.$metadata?.httpStatusCode;
    if (name === "NoSuchBucket" || (name === "NotFound" && where.bucket && !where.key)) return bucketNotFound(where.bucket ?? "");
    if (name === "NoSuchKey") return objectNotFound(where.bucket ?? "", where.key ?? "");
    if (name === "InvalidRange" || status === 416) return invalidRange(where.bucket ?? "", where.key ?? "");
    if (["InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"].includes(name)) {
      return new DomainError(
        "SERVICE_UNAVAILABLE",
        `The object store (${this.description}) refused the portal's credentials; an administrator must check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.`,
      );
    }
    if (name === "AccessDenied" || status === 403) {
      return new DomainError("FORBIDDEN", `The object store does not allow the portal this operation${where.bucket ? ` on bucket "${where.bucket}"` : ""}.`);
    }
    if (isNetworkError(err)) return storeUnavailable(this.description);
    if (status === 503 || name === "SlowDown" || name === "ServiceUnavailable") return storeUnavailable(this.description, "it is overloaded or starting");
    return err;
  }
}

function makeClient(options: S3StoreOptions, endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    // Newer SDKs add CRC checksums to every request; many S3-compatible servers reject them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // Fail fast when the store is down: a page should say so, not hang.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 60_000 },
  });
}

function errorName(err: unknown): string {
  return (err as { name?: string; Code?: string })?.name ?? (err as { Code?: string })?.Code ?? "";
}

function isNetworkError(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
  if (!e || e.$metadata?.httpStatusCode) return false;
  const text = `${e.code ?? ""} ${e.name ?? ""} ${e.message ?? ""} ${(e.cause as { code?: string })?.code ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|TimeoutError|socket hang up|connect/i.test(text);
}

function unquote(etag: string | undefined): string | null {
  return etag ? etag.replace(/^"|"$/g, "") : null;
}

function usefulContentType(stored: string | undefined, key: string): string {
  // Many tools upload everything as octet-stream; the extension then says more.
  return !stored || stored === DEFAULT_CONTENT_TYPE || stored === "binary/octet-stream" ? contentTypeFor(key) : stored;
}

function parseContentRange(header: string | undefined): ByteRange | null {
  const m = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(header ?? "");
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

function parseTotal(header: string | undefined): number | null {
  const m = /\/(\d+)$/.exec(header ?? "");
  return m ? Number(m[1]) : null;
}
