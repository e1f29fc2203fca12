// One demo pipeline run at a time across every portal process, as the catalog crawl does
// (server/catalog/crawl-lock.ts): PostgreSQL's session advisory lock on a connection of its own,
// released when the run ends or by the server when the process dies. Embedded PGlite serves
// every connection from one backend, where advisory locks are re-entrant, so an in-process flag
// covers that case (only one process can own a PGlite data folder).
import pg from "pg";
import { logger } from "../../logger";

/** Key of the advisory lock: "demo pipeline". */
export const DEMO_PIPELINE_LOCK = 0x64656d6f;

export type PipelineLock = { release(): Promise<void> };

let runningHere = false;

/** The lock, or null when a run is already going on somewhere. */
export async function tryLockDemoPipeline(databaseUrl: string): Promise<PipelineLock | null> {
  if (runningHere) return null;
  runningHere = true;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", (err) => logger.warn({ err: err.message }, "demo pipeline lock connection lost"));
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [DEMO_PIPELINE_LOCK]);
    if (!rows[0]?.locked) {
      runningHere = false;
      await client.end().catch(() => {});
      return null;
    }
  } catch (err) {
    runningHere = false;
    await client.end().catch(() => {});
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      runningHere = false;
      await client.query("SELECT pg_advisory_unlock($1)", [DEMO_PIPELINE_LOCK]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
