// Input of each storage operation (the buckets.* procedures and the routes under app/api/storage);
// each handler's input type is the z.infer of its schema here, never written twice. Keys are
// checked loosely here (length, no NUL) and strictly by the operations where it matters (keys.ts).
import { z } from "zod";

export const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name (3–63 lower-case letters, digits, dots or hyphens)");
const objectKey = z
  .string()
  .min(1, "is required")
  .max(1024, "must be at most 1024 characters")
  .refine((k) => !k.includes("\0"), "must not contain NUL bytes");
const folderPrefix = z
  .string()
  .max(1024, "must be at most 1024 characters")
  .refine((p) => p === "" || p.endsWith("/"), "must be empty or end with /")
  .refine((p) => !p.includes("\0"), "must not contain NUL bytes");

export const bucketInput = z.object({ bucket: bucketName });

export const listObjectsInput = z.object({
  bucket: bucketName,
  prefix: folderPrefix.default(""),
  filter: z.string().max(1024, "must be at most 1024 characters").optional(),
  /** From the previous page (the tanstack infinite-query cursor). */
  cursor: z.string().max(4096).nullish(),
  pageSize: z.number().int().min(10).max(1000).default(200),
});

export const objectInput = z.object({ bucket: bucketName, key: objectKey });

export const downloadInput = objectInput.extend({ disposition: z.enum(["attachment", "inline"]).default("attachment") });

export const createFolderInput = z.object({
  bucket: bucketName,
  prefix: folderPrefix.default(""),
  name: z
    .string()
    .trim()
    .min(1, "is required")
    .max(255, "must be at most 255 characters")
    .refine((n) => !n.includes("/"), "must not contain /")
    .refine((n) => n !== "." && n !== "..", 'must not be "." or ".."'),
});

export const deleteInput = z.object({
  bucket: bucketName,
  keys: z.array(objectKey).max(10_000, "at most 10,000 files at once").default([]),
  prefixes: z
    .array(folderPrefix.refine((p) => p !== "", "must not be the whole bucket"))
    .max(1000)
    .default([]),
});

/** Query string of PUT /api/storage/upload. */
export const uploadQuery = z.object({
  bucket: bucketName,
  key: objectKey,
  overwrite: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

/** What an upload stores: the query's file, with the type and length the request declares. */
export const uploadInput = uploadQuery.extend({ contentType: z.string().max(255).optional(), size: z.number().int().min(0).optional() });

export type UploadInput = z.infer<typeof uploadInput>;
export type DeleteInput = z.infer<typeof deleteInput>;
