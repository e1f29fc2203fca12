// The process's object store: S3 when S3_ENDPOINT is set; else the S3 connection of Admin ›
// Connections that is in use (server/connections/live.ts swaps it in and out on every replica);
// else the embedded local folder <PORTAL_DATA_DIR>/lake with the buckets raw, staging, curated
// and archive (demo files copied into raw on first start). Created once per process, lazily, in a
// process slot (server/process-slot.ts): the launcher prepares it at start-up, and pages and
// route handlers use that same store. Its refusals are DomainErrors, which every module
// instance recognises (server/errors.ts).
import path from "node:path";
import { getConfig, type PortalConfig } from "../config/env";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { LocalObjectStore } from "./local-store";
import type { ObjectStore } from "./object-store";
import { S3ObjectStore } from "./s3-store";
import { seedDemoFiles } from "./seed";
import { LAKE_BUCKETS } from "../demo/demo-files";
import { processSlot } from "../process-slot";

export type { ObjectStore } from "./object-store";

export { LAKE_BUCKETS } from "../demo/demo-files";

const shared = processSlot<Promise<ObjectStore>>("objectStore");
const applied = processSlot<ObjectStore>("objectStore-connection");

export function objectStore(): Promise<ObjectStore> {
  // A stored connection only when no S3_ENDPOINT: the live connections never offer one then.
  if (applied.value) return Promise.resolve(applied.value);
  shared.value ??= createObjectStore(getConfig()).catch((err: unknown) => {
    shared.value = undefined; // try again on the next request
    throw err;
  });
  return shared.value;
}

/** Tests may install a store of their own (or reset with undefined). */
export function setObjectStore(installed: ObjectStore | undefined): void {
  shared.value = installed ? Promise.resolve(installed) : undefined;
}

/** The S3 connection in use (null: back to S3_ENDPOINT or the local folder). */
export function setAppliedObjectStore(store: ObjectStore | null): void {
  applied.value = store ?? undefined;
}

/** Where the local adapter keeps its buckets. */
export function lakeRoot(config: PortalConfig = getConfig()): string {
  return path.join(config.dataDir, "lake");
}

export async function createObjectStore(config: PortalConfig): Promise<ObjectStore> {
  if (config.S3_ENDPOINT) {
    const known = Object.keys(config.PORTAL_BUCKET_ACCESS).filter((name) => name !== "*");
    return new S3ObjectStore({
      endpoint: config.S3_ENDPOINT,
      publicEndpoint: config.S3_PUBLIC_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined, // the SDK's default chain (instance roles, AWS_* variables)
      knownBuckets: known,
    });
  }
  const store = new LocalObjectStore({ root: lakeRoot(config), signingSecret: () => getRuntime().authSecret });
  await store.init([...LAKE_BUCKETS]);
  try {
    const seeded = await seedDemoFiles(store);
    if (seeded.length) logger.info({ files: seeded }, "copied demo files into the local object store");
  } catch (err) {
    // The browser works without demo files; say why they are missing and go on.
    logger.warn({ err: (err as Error).message }, "could not copy demo files into the local object store");
  }
  return store;
}
