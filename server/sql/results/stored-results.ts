// Reading kept results back, for their owner only. A result is read with the rights of the user
// who ran it (Trino applies its access control per user), so sharing it with anyone else, admins
// included, would bypass that control: others run the statement themselves.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { DomainError } from "../../errors";
import { logger } from "../../logger";
import type { RequestContext } from "../../handler";
import { openResult, type StoredResult } from "./result-file";
import { resultSpace } from "./result-space";

const RUN_FIELDS = {
  id: true,
  userId: true,
  engineId: true,
  catalog: true,
  schema: true,
  sql: true,
  statementKind: true,
  status: true,
  rowCount: true,
  durationMs: true,
  resultKey: true,
  resultBytes: true,
  resultExpiresAt: true,
} satisfies Prisma.QueryRunSelect;

export type RunForResult = Prisma.QueryRunGetPayload<{ select: typeof RUN_FIELDS }>;

/** The user's own run, or NOT_FOUND (also for someone else's run: its existence is not revealed). */
export async function ownRun(ctx: Pick<RequestContext, "user" | "db">, runId: string): Promise<RunForResult> {
  const run = await ctx.db.queryRun.findUnique({ where: { id: runId }, select: RUN_FIELDS });
  if (!run || run.userId !== ctx.user.id) throw new DomainError("NOT_FOUND", "There is no query run with this id among your runs.");
  return run;
}

/**
 * The run's kept result, or null when there is none any more (never kept, expired, removed):
 * the caller then runs the statement again. A kept object that has gone missing is forgotten.
 */
export async function openStoredResult(client: Db, run: RunForResult, signal?: AbortSignal): Promise<StoredResult | null> {
  const space = await resultSpace();
  if (!space || !run.resultKey || !run.resultExpiresAt || run.resultExpiresAt <= new Date()) return null;
  try {
    return await openResult(space.store, space.bucket, run.resultKey, signal);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") {
      await forgetResult(client, run.id);
      return null;
    }
    logger.warn({ err, runId: run.id }, "a kept query result could not be read; running the statement again");
    return null;
  }
}

async function forgetResult(client: Db, runId: string): Promise<void> {
  await client.queryRun.update({ where: { id: runId }, data: { resultKey: null, resultBytes: null, resultExpiresAt: null } });
}
