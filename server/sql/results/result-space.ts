// Where finished workbench results are kept: a place in the object store that the bucket browser
// never shows.
// - Embedded default: its own local folder, <PORTAL_DATA_DIR>/results, outside the lake.
// - With S3: the bucket SQL_RESULT_BUCKET, under "sql-results/" (access.ts hides that bucket).
//   Without SQL_RESULT_BUCKET nothing is kept: a download then runs the statement again.
// Keys are grouped by day (<prefix>2026-11-22/<run id>.frames.br), so retention can also drop
// whole old days, including objects whose run row was never updated (a process that died).
import path from "node:path";
import { getConfig, type PortalConfig } from "../../config/env";
import { getRuntime } from "../../runtime";
import { logger } from "../../logger";
import { settingValue } from "../../settings/effective";
import { LocalObjectStore } from "../../storage/local-store";
import { objectStore } from "../../storage";
import type { ObjectStore } from "../../storage/object-store";
import { FRAMES_SUFFIX } from "./result-file";

export type ResultSpace = {
  store: ObjectStore;
  bucket: string;
  /** "" or a folder prefix ending in "/". */
  prefix: string;
  retentionMs: number;
  /** Results above this size before compression (as ResultWriter writes them) are not kept. */
  maxKeptBytes: number;
};

const LOCAL_BUCKET = "sql-results";
const S3_PREFIX = "sql-results/";

// Per module copy (see storage/index.ts for why not on globalThis).
const holder: { space?: Promise<ResultSpace | null>; retryAt?: number } = {};
/** After a failed set-up (e.g. the result bucket is missing), runs keep nothing for this long before trying again. */
const RETRY_MS = 60_000;

/** The process's result space, or null when results are not kept (retention 0, or S3 without a result bucket). */
export function resultSpace(): Promise<ResultSpace | null> {
  if (holder.retryAt !== undefined && Date.now() >= holder.retryAt) {
    holder.space = undefined;
    holder.retryAt = undefined;
  }
  holder.space ??= createResultSpace(getConfig()).catch((err: unknown) => {
    // Keeping results is a convenience: say why it is off (once a minute, not once a run), go on.
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, "query results cannot be kept; downloads will run the statement again");
    holder.retryAt = Date.now() + RETRY_MS;
    return null;
  });
  return holder.space;
}

/** Tests install a space of their own (or null to keep nothing, or undefined to reset). */
export function setResultSpace(space: ResultSpace | null | undefined): void {
  holder.retryAt = undefined;
  holder.space = space === undefined ? undefined : Promise.resolve(space);
}

export async function createResultSpace(config: PortalConfig): Promise<ResultSpace | null> {
  // Off from the start (SQL_RESULT_RETENTION_HOURS=0 locks it): no space at all. Otherwise both
  // limits follow Admin › Settings while the portal runs (read at each use).
  if (config.SQL_RESULT_RETENTION_HOURS === 0) return null;
  const withLimits = (place: Omit<ResultSpace, "retentionMs" | "maxKeptBytes">): ResultSpace =>
    Object.defineProperties(place, Object.getOwnPropertyDescriptors(limits)) as ResultSpace;
  const limits = {
    get retentionMs() {
      return settingValue("sql.resultRetentionHours", undefined, config) * 3_600_000;
    },
    get maxKeptBytes() {
      return settingValue("sql.resultMaxMB", undefined, config) * 1_000_000;
    },
  };
  if (config.S3_ENDPOINT) {
    if (!config.SQL_RESULT_BUCKET) return null;
    const store = await objectStore();
    await store.assertBucket(config.SQL_RESULT_BUCKET);
    return withLimits({ store, bucket: config.SQL_RESULT_BUCKET, prefix: S3_PREFIX });
  }
  const store = new LocalObjectStore({ root: path.join(config.dataDir, "results"), signingSecret: () => getRuntime().authSecret });
  await store.init([LOCAL_BUCKET]);
  return withLimits({ store, bucket: LOCAL_BUCKET, prefix: "" });
}

export function resultKey(space: ResultSpace, runId: string, at: Date): string {
  return `${space.prefix}${dayOf(at)}/${runId}${FRAMES_SUFFIX}`; // frames, brotli (result-file.ts); older results end in .ndjson.br or .ndjson.gz
}

/** The day folder a key lives in, e.g. "2026-11-22", or null for a key of another shape. */
export function dayFolderOf(space: ResultSpace, folder: string): string | null {
  const match = new RegExp(`^${escapeRegExp(space.prefix)}(\\d{4}-\\d{2}-\\d{2})/$`).exec(folder);
  return match ? match[1]! : null;
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
