// Reading kept results back, for their owner only. A result is read with the rights of the user
// who ran it (Trino applies its access control per user), so sharing it with anyone else, admins
// included, would bypass that control: others run the statement themselves.
import { db as defaultDb, type Db } from "../../db/client";
import { DomainError } from "../../errors";
import { logger } from "../../logger";
import type { CurrentUser } from "../../auth/current-user";
import { openResult, type StoredResult } from "./result-file";
import { resultSpace, type ResultSpace } from "./result-space";

export type RunForResult = {
  id: string;
  engineId: string;
  catalog: string | null;
  schema: string | null;
  sql: string;
  statementKind: string;
  status: "running" | "succeeded" | "failed" | "cancelled";
  rowCount: number | null;
  durationMs: number | null;
  resultKey: string | null;
  resultBytes: bigint | null;
  resultExpiresAt: Date | null;
};

/** The user's own run, or NOT_FOUND (also for someone else's run: its existence is not revealed). */
export async function ownRun(user: CurrentUser, runId: string, client: Db = defaultDb()): Promise<RunForResult> {
  const run = await client.queryRun.findUnique({
    where: { id: runId },
    select: {
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
    },
  });
  if (!run || run.userId !== user.id) throw new DomainError("NOT_FOUND", "There is no query run with this id among your runs.");
  const { userId: _owner, ...rest } = run;
  return rest;
}

/**
 * The run's kept result, or null when there is none any more (never kept, expired, removed):
 * the caller then runs the statement again. A kept object that has gone missing is forgotten.
 */
export async function openStoredResult(run: RunForResult, options: { signal?: AbortSignal; client?: Db; space?: ResultSpace | null; now?: Date } = {}): Promise<StoredResult | null> {
  const space = options.space === undefined ? await resultSpace() : options.space;
  const now = options.now ?? new Date();
  if (!space || !run.resultKey || !run.resultExpiresAt || run.resultExpiresAt <= now) return null;
  try {
    return await openResult(space.store, space.bucket, run.resultKey, options.signal);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") {
      await forgetResult(options.client ?? defaultDb(), run.id);
      return null;
    }
    logger.warn({ err, runId: run.id }, "a kept query result could not be read; running the statement again");
    return null;
  }
}

async function forgetResult(client: Db, runId: string): Promise<void> {
  await client.queryRun.update({ where: { id: runId }, data: { resultKey: null, resultBytes: null, resultExpiresAt: null } });
}
