// How large a request body each route may send and in which formats, decided before a byte of
// it is read. Uploads are the one exception: their size limit lives with the object store
// (server/storage), which knows the bucket's limit.
import { getConfig } from "../../config/env";
export type BodyPolicy = {
  /** Largest body in bytes; null: not capped here. */
  maxBytes: number | null;
  /** Accepted media types (no parameters); "any" for raw uploads. */
  contentTypes: readonly string[] | "any";
  /** How the route is named in refusals. */
  name: string;
};

export const KB = 1024;
export const MB = 1024 * KB;

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";
const NDJSON_TYPE = "application/x-ndjson";

/** At most this many procedures in one tRPC batch (the browser client batches at most this many too). */
export const MAX_TRPC_BATCH = 20;

/** SQL is at most 1 MB; its JSON envelope (escapes, other fields) fits in twice that. */
const SQL_BODY = 2 * MB;

export function bodyPolicyFor(pathname: string): BodyPolicy {
  if (pathname === "/api/storage/upload") return { name: "uploads", maxBytes: null, contentTypes: "any" };
  // next-auth: sign-in forms and sign-out from our own pages; nothing there needs more than a few KB.
  if (pathname.startsWith("/api/auth/")) return { name: "sign-in", maxBytes: 64 * KB, contentTypes: [FORM_TYPE, JSON_TYPE] };
  if (pathname.startsWith("/api/trpc/") || pathname === "/api/trpc") return { name: "the API (tRPC)", maxBytes: SQL_BODY, contentTypes: [JSON_TYPE] };
  if (pathname === "/api/sql/execute") return { name: "SQL execution", maxBytes: SQL_BODY, contentTypes: [JSON_TYPE] };
  // The download buttons post a plain form into a hidden frame (so the browser saves the file).
  if (pathname === "/api/sql/download") return { name: "SQL downloads", maxBytes: SQL_BODY, contentTypes: [JSON_TYPE, FORM_TYPE] };
  // OpenLineage producers post one event, a JSON array or NDJSON, optionally gzip-encoded (the
  // route decompresses it under the same cap: server/lineage/request-body.ts).
  if (pathname === "/api/v1/lineage") return { name: "lineage ingestion", maxBytes: getConfig().PORTAL_LINEAGE_MAX_MB * MB, contentTypes: [JSON_TYPE, NDJSON_TYPE] };
  return { name: "this address", maxBytes: 1 * MB, contentTypes: [JSON_TYPE] };
}

/** "application/json; charset=utf-8" → "application/json"; "" when absent. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function describeBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
