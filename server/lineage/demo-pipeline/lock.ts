// One demo pipeline run at a time across every portal process (server/db/advisory-lock.ts).
import { tryAdvisoryLock, type AdvisoryLock } from "../../db/advisory-lock";

/** First key of the two-key advisory lock: "demo". The second is hashtext(DEMO_PIPELINE_NAME). */
export const DEMO_PIPELINE_LOCK = 0x64656d6f;
export const DEMO_PIPELINE_NAME = "demo_lakehouse";

/** The lock, or null when a run is already going on somewhere. */
export function tryLockDemoPipeline(databaseUrl: string): Promise<AdvisoryLock | null> {
  return tryAdvisoryLock(databaseUrl, DEMO_PIPELINE_LOCK, DEMO_PIPELINE_NAME, "demo pipeline");
}
