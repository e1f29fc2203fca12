// Retention of kept workbench results (SQL_RESULT_RETENTION_HOURS), every
// SQL_RESULT_SWEEP_SECONDS on ONE replica at a time (a session advisory lock, as the audit
// retention takes): the sweep is idempotent (rows are cleared only after their objects are
// gone), but two replicas sweeping together would both delete and count the same results.
// 1. Runs whose result expired: delete the objects, clear the run's result fields.
// 2. Day folders older than any result could live: delete them whole. This also removes
//    objects no run points at (a process that stopped between storing and recording).
import { getConfig } from "../../config/env";
import { db as defaultDb, type Db } from "../../db/client";
import { tryAdvisoryLock } from "../../db/advisory-lock";
import { getRuntime } from "../../runtime";
import { logger } from "../../logger";
import { startPeriodic, type Periodic } from "../../periodic";
import { dayFolderOf, resultSpace, type ResultSpace } from "./result-space";

const BATCH = 500;
const DAY_MS = 86_400_000;
const FIRST_TICK_MS = 30_000;
export const RESULT_SWEEP_LOCK = 0x72737770; // "rswp"

export type SweepSummary = { expired: number; daysRemoved: number; failed: number };

export async function sweepResults(space: ResultSpace, client: Db = defaultDb(), now: Date = new Date()): Promise<SweepSummary> {
  const summary: SweepSummary = { expired: 0, daysRemoved: 0, failed: 0 };
  let afterId: string | undefined;
  for (;;) {
    const expired = await client.queryRun.findMany({
      where: { resultExpiresAt: { lte: now }, resultKey: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) },
      select: { id: true, resultKey: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (expired.length === 0) break;
    afterId = expired.at(-1)!.id;
    const { failed } = await space.store.deleteObjects(
      space.bucket,
      expired.map((r) => r.resultKey!),
    );
    const failedKeys = new Set(failed.map((f) => f.key));
    const cleared = expired.filter((r) => !failedKeys.has(r.resultKey!)).map((r) => r.id);
    await client.queryRun.updateMany({ where: { id: { in: cleared } }, data: { resultKey: null, resultBytes: null, resultExpiresAt: null } });
    summary.expired += cleared.length;
    summary.failed += failed.length;
    if (expired.length < BATCH) break;
  }

  // A result stored on day D expires before D + 1 day + retention.
  const oldest = now.getTime() - space.retentionMs - DAY_MS;
  let token: string | undefined;
  do {
    const page = await space.store.list(space.bucket, { prefix: space.prefix, delimiter: "/", continuationToken: token, maxKeys: 1000 });
    for (const folder of page.prefixes) {
      const day = dayFolderOf(space, folder);
      if (day && Date.parse(`${day}T00:00:00Z`) < oldest) {
        await space.store.deletePrefix(space.bucket, folder);
        summary.daysRemoved += 1;
      }
    }
    token = page.nextContinuationToken ?? undefined;
  } while (token);
  return summary;
}

/** One sweep on whichever replica gets the lock; null when another replica is sweeping. */
export async function sweepResultsOnce(databaseUrl: string, space: ResultSpace, client: Db = defaultDb()): Promise<SweepSummary | null> {
  const lock = await tryAdvisoryLock(databaseUrl, RESULT_SWEEP_LOCK, "result-sweep", "result sweep");
  if (!lock) return null;
  try {
    return await sweepResults(space, client);
  } finally {
    await lock.release();
  }
}

/** Starts the periodic sweep in this process; call once, from the launcher. */
export function startResultSweeper(options: { tickMs?: number; firstTickMs?: number } = {}): Periodic {
  const tickMs = options.tickMs ?? getConfig().SQL_RESULT_SWEEP_SECONDS * 1000;
  return startPeriodic({
    firstTickMs: options.firstTickMs ?? Math.min(FIRST_TICK_MS, tickMs),
    tickMs,
    failure: "removing expired query results failed; trying again later",
    run: async () => {
      const space = await resultSpace();
      if (!space) return;
      const summary = await sweepResultsOnce(getRuntime().databaseUrl, space);
      if (summary && (summary.expired || summary.daysRemoved || summary.failed)) logger.info(summary, "expired query results removed");
    },
  });
}
