// One crawl per engine at a time, across every portal process (server/db/advisory-lock.ts).
import { getRuntime } from "../runtime";
import { tryAdvisoryLock, type AdvisoryLock } from "../db/advisory-lock";

/** First key of the two-key advisory lock: "catalog crawl". The second is hashtext(engine id). */
export const CRAWL_LOCK_CLASS = 0x63617463;

/** The lock, or null when a crawl of this engine is already running somewhere. */
export function tryLockCrawl(engineId: string, databaseUrl: string = getRuntime().databaseUrl): Promise<AdvisoryLock | null> {
  return tryAdvisoryLock(databaseUrl, CRAWL_LOCK_CLASS, engineId, "catalog crawl");
}
