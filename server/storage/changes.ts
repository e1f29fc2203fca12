// Changing the object store: new folders, uploads and deletes. Each checks the actor's write
// right on the bucket, refuses keys outside the strict rules, and is audited
// (storage.uploaded / storage.deleted), denied attempts included. Uploads are also held to the
// bucket's size limit: a declared length over it is refused before the body is read, and a body
// that grows past it while streaming is cut off (and, the put being all-or-nothing, stores nothing).
import type { z } from "zod";
import { recordAudit, type AuditEntry } from "../audit/audit";
import { DomainError } from "../errors";
import type { HandlerArgs, RequestContext } from "../handler";
import { logger } from "../logger";
import { assertCanWrite, uploadLimitBytes } from "./access";
import { countUnder } from "./browse";
import { capStream } from "./capped-stream";
import { objectStore } from "./index";
import { assertStrictKey, assertStrictPrefix, baseName, printable } from "./keys";
import { MAX_KEYS, type ObjectStore } from "./object-store";
import { lakeUrl } from "./query";
import type { createFolderInput, DeleteInput, UploadInput } from "./schemas";
import { uploadTooLargeMessage } from "../../lib/storage/upload-limit";

/** One audit row of a change, by the request's user and from its address. */
async function audit(ctx: RequestContext, entry: Omit<AuditEntry, "actor" | "ip">): Promise<void> {
  await recordAudit(ctx.db, { ...entry, actor: { id: ctx.user.id, email: ctx.user.email }, ip: ctx.ip });
}

/** Runs the write check, auditing a refusal before rethrowing it. */
async function checkWrite(ctx: RequestContext, bucket: string, action: string, subject: string): Promise<void> {
  try {
    assertCanWrite(ctx.user.role, bucket);
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN") {
      await audit(ctx, { action, subject, outcome: "denied", details: { reason: err.message } });
    }
    throw err;
  }
}

/** Runs checks that refuse the request, auditing a refusal (a hostile name, a file too large) before rethrowing it. */
async function refuseAudited(ctx: RequestContext, action: string, subject: string, checks: () => void): Promise<void> {
  try {
    checks();
  } catch (err) {
    if (err instanceof DomainError) await audit(ctx, { action, subject, outcome: "denied", details: { reason: err.message } });
    throw err;
  }
}

export async function createFolder({ ctx, input }: HandlerArgs<z.infer<typeof createFolderInput>>, store?: ObjectStore) {
  assertCanWrite(ctx.user.role, input.bucket);
  const folder = `${input.prefix}${input.name}/`;
  await refuseAudited(ctx, "storage.folder_created", lakeUrl(input.bucket, printable(folder)), () => {
    assertStrictPrefix(input.prefix);
    if (input.name.includes("/")) throw new DomainError("BAD_REQUEST", "A folder name cannot contain /.", { name: ["must not contain /"] });
    assertStrictKey(folder, { folder: true });
  });
  const s = store ?? (await objectStore());
  await s.createFolder(input.bucket, folder);
  return { prefix: folder };
}

// ------------------------------------------------------------------------------------ upload

/** An upload's arguments: the file's body streams in beside the input; the signal stops it when the client goes away. */
export type UploadArgs = HandlerArgs<UploadInput> & { body: ReadableStream<Uint8Array>; signal?: AbortSignal };

export async function uploadObject({ ctx, input, body, signal }: UploadArgs, store?: ObjectStore): Promise<{ bucket: string; key: string; size: number }> {
  const subject = lakeUrl(input.bucket, printable(input.key));
  await checkWrite(ctx, input.bucket, "storage.uploaded", subject);
  const limit = uploadLimitBytes(input.bucket);
  const tooLarge = (size: number | null) => new DomainError("PAYLOAD_TOO_LARGE", uploadTooLargeMessage(input.bucket, limit, size));
  await refuseAudited(ctx, "storage.uploaded", subject, () => {
    assertStrictKey(input.key);
    if (input.size !== undefined && input.size > limit) throw tooLarge(input.size);
  });
  const s = store ?? (await objectStore());
  if (!input.overwrite) {
    const exists = await s.head(input.bucket, input.key).then(
      () => true,
      (err: unknown) => (err instanceof DomainError && err.code === "NOT_FOUND" ? false : Promise.reject(err)),
    );
    if (exists) throw new DomainError("CONFLICT", `"${baseName(input.key)}" already exists here. Replace it?`);
  }
  let size = 0;
  const capped = capStream(body, limit, () => tooLarge(null));
  try {
    await s.put(input.bucket, input.key, capped.stream, {
      contentType: input.contentType,
      size: input.size,
      signal,
      onProgress: (bytes) => (size = bytes),
    });
  } catch (err) {
    // Nothing was stored (the adapters guarantee it); leave a trace of the attempt. An adapter
    // may report the cut-off body as its own error: the limit is the reason to tell.
    const refusal = capped.exceeded ? tooLarge(null) : null;
    await audit(ctx, {
      action: "storage.uploaded",
      subject,
      outcome: refusal ? "denied" : "failure",
      details: refusal ? { reason: refusal.message, bytesReceived: size, limitBytes: limit } : { bytesReceived: size },
    }).catch((auditErr: unknown) => logger.warn({ err: auditErr }, "could not audit a failed upload"));
    throw refusal ?? err;
  }
  await audit(ctx, {
    action: "storage.uploaded",
    subject,
    outcome: "success",
    details: { size, contentType: input.contentType ?? null, replaced: input.overwrite },
  });
  return { bucket: input.bucket, key: input.key, size };
}

// ------------------------------------------------------------------------------------ delete

/** Counting stops here; the confirmation then says "10,000+ objects". */
export const DELETE_COUNT_LIMIT = 10_000;

export type DeletePlan = {
  keys: string[];
  folders: { prefix: string; objects: number; bytes: number; complete: boolean }[];
  /** Objects that will be deleted (a lower bound when `complete` is false). */
  totalObjects: number;
  totalBytes: number;
  complete: boolean;
};

/** What a delete would remove, for the confirmation dialog. */
export async function planDelete({ ctx, input }: HandlerArgs<DeleteInput>, store?: ObjectStore): Promise<DeletePlan> {
  assertCanWrite(ctx.user.role, input.bucket);
  validateDelete(input);
  const s = store ?? (await objectStore());
  const sizes = await Promise.all(
    input.keys.map((key) =>
      s.head(input.bucket, key).then(
        (d) => d.size,
        () => 0,
      ),
    ),
  );
  const folders = await Promise.all(input.prefixes.map(async (prefix) => ({ prefix, ...(await countUnder(s, input.bucket, prefix, DELETE_COUNT_LIMIT)) })));
  return {
    keys: input.keys,
    folders,
    totalObjects: input.keys.length + folders.reduce((n, f) => n + f.objects, 0),
    totalBytes: sizes.reduce((n, b) => n + b, 0) + folders.reduce((n, f) => n + f.bytes, 0),
    complete: folders.every((f) => f.complete),
  };
}

export async function deleteEntries({ ctx, input }: HandlerArgs<DeleteInput>, store?: ObjectStore) {
  const subject = input.keys.length + input.prefixes.length === 1 ? lakeUrl(input.bucket, input.keys[0] ?? input.prefixes[0]!) : lakeUrl(input.bucket, "");
  await checkWrite(ctx, input.bucket, "storage.deleted", subject);
  validateDelete(input);
  const s = store ?? (await objectStore());
  let deleted = 0;
  const failed: { key: string; message: string }[] = [];
  let error: unknown;
  try {
    for (let i = 0; i < input.keys.length; i += MAX_KEYS) {
      const result = await s.deleteObjects(input.bucket, input.keys.slice(i, i + MAX_KEYS));
      deleted += result.deleted.length;
      failed.push(...result.failed);
    }
    for (const prefix of input.prefixes) deleted += (await s.deletePrefix(input.bucket, prefix)).deleted;
  } catch (err) {
    error = err;
  }
  // Audited whatever happened: a half-finished delete is exactly what an auditor wants to see.
  await audit(ctx, {
    action: "storage.deleted",
    subject,
    outcome: error || failed.length ? "failure" : "success",
    details: { bucket: input.bucket, keys: input.keys.slice(0, 100), prefixes: input.prefixes.slice(0, 100), deleted, failed: failed.slice(0, 20) },
  });
  if (error) throw error;
  return { deleted, failed };
}

function validateDelete(input: DeleteInput): void {
  if (input.keys.length + input.prefixes.length === 0) throw new DomainError("BAD_REQUEST", "Choose at least one file or folder to delete.");
  input.keys.forEach((key) => assertStrictKeyForDelete(key));
  for (const prefix of input.prefixes) {
    if (!prefix.endsWith("/") || prefix === "/") throw new DomainError("BAD_REQUEST", `"${prefix}" is not a folder (folders end with /).`);
  }
}

// Deleting must work for any key that exists, even one the portal would not create.
function assertStrictKeyForDelete(key: string): void {
  if (key === "" || key.includes("\0")) throw new DomainError("BAD_REQUEST", "An object name must not be empty or contain NUL bytes.");
}
