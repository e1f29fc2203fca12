// "Only one of these at a time, across every portal process": PostgreSQL's session advisory lock,
// held on a connection of its own for as long as the work runs. It is released when the work
// ends, or by the server when the process dies, so no lock outlives its holder. Embedded PGlite
// serves every connection from one backend, where advisory locks are re-entrant, so an
// in-process guard (one per process, server/process-slot.ts) covers that case: only one process
// can own a PGlite data folder. Used by the catalog crawl and the demo pipeline.
import pg from "pg";
import { logger } from "../logger";
import { processSlot } from "../process-slot";

export type AdvisoryLock = { release(): Promise<void> };

const heldHere = processSlot<Set<string>>("advisory-locks-held");

/**
 * The lock on (`lockClass`, hashtext(`name`)), or null when someone holds it. `label` names the
 * work in the log line written if the lock's connection drops (the work goes on: both users'
 * writes are idempotent, so a lost lock costs at most a repeated run).
 */
export async function tryAdvisoryLock(databaseUrl: string, lockClass: number, name: string, label: string): Promise<AdvisoryLock | null> {
  const held = (heldHere.value ??= new Set());
  const key = `${lockClass}:${name}`;
  if (held.has(key)) return null;
  held.add(key);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", (err) => logger.warn({ err: err.message, lock: name }, `${label} lock connection lost`));
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [lockClass, name]);
    if (!rows[0]?.locked) {
      held.delete(key);
      await client.end().catch(() => {});
      return null;
    }
  } catch (err) {
    held.delete(key);
    await client.end().catch(() => {});
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(key);
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [lockClass, name]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
