// One crawl per engine at a time, across every portal process. PostgreSQL's session advisory
// lock, held on a connection of its own for the whole crawl, does it between replicas: it is
// released when the crawl ends, or by the server when the process dies (no stale locks).
// Embedded PGlite serves every connection from one backend, where advisory locks are re-entrant,
// so an in-process guard covers that case (only one process can own a PGlite data folder).
import pg from "pg";
import { getRuntime } from "../runtime";
import { logger } from "../logger";

/** First key of the two-key advisory lock: "catalog crawl". The second is hashtext(engine id). */
export const CRAWL_LOCK_CLASS = 0x63617463;

export type CrawlLock = { release(): Promise<void> };

// On globalThis: the launcher (scheduler) and Next's compiled code (the button) each load their
// own copy of this module, but must share the guard.
const holder = globalThis as unknown as { portalCrawlsRunning?: Set<string> };
const running = (holder.portalCrawlsRunning ??= new Set<string>());

/** The lock, or null when a crawl of this engine is already running somewhere. */
export async function tryLockCrawl(engineId: string, databaseUrl: string = getRuntime().databaseUrl): Promise<CrawlLock | null> {
  if (running.has(engineId)) return null;
  running.add(engineId);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // A lost connection also loses the lock; the crawl finishes its work regardless (its writes
  // are idempotent per batch), so this is logged, not fatal.
  client.on("error", (err) => logger.warn({ err: err.message, engineId }, "catalog crawl lock connection lost"));
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [CRAWL_LOCK_CLASS, engineId]);
    if (!rows[0]?.locked) {
      running.delete(engineId);
      await client.end().catch(() => {});
      return null;
    }
  } catch (err) {
    running.delete(engineId);
    await client.end().catch(() => {});
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      running.delete(engineId);
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [CRAWL_LOCK_CLASS, engineId]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
