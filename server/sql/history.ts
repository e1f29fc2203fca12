// The run history (every statement run in the workbench) and cancelling a run by its id.
import type { z } from "zod";
import { likeLiteral } from "../db/like";
import type { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { hasRole } from "../../lib/auth/roles";
import type { HandlerArgs } from "../handler";
import { getEngine } from "../engines/registry";
import type { historyInput, runIdInput } from "./schemas";

export async function listRuns({ ctx, input }: HandlerArgs<z.infer<typeof historyInput>>) {
  const { user, db: client } = ctx;
  if (input.everyone && !hasRole(user.role, "admin")) throw new DomainError("FORBIDDEN", "Only admins can see everybody's queries.");
  const where: Prisma.QueryRunWhereInput = {
    ...(input.everyone ? {} : { userId: user.id }),
    ...(input.engineId ? { engineId: input.engineId } : {}),
    ...(input.status ? { status: input.status } : {}),
    // Substring search, served by the trigram index on query_runs.sql.
    ...(input.search ? { sql: { contains: likeLiteral(input.search), mode: "insensitive" } } : {}),
  };
  const [runs, total] = await client.$transaction([
    client.queryRun.findMany({
      where,
      orderBy: { startedAt: "desc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { user: { select: { email: true, name: true } } },
    }),
    client.queryRun.count({ where }),
  ]);
  const now = new Date();
  // Where a result is kept stays on the server; the list only says whether the user can re-open
  // it (their own runs only: see results/stored-results.ts for why).
  return {
    runs: runs.map(({ resultKey, resultBytes: _bytes, resultExpiresAt, ...run }) => ({
      ...run,
      resultKept: run.userId === user.id && resultKey !== null && resultExpiresAt !== null && resultExpiresAt > now,
    })),
    total,
  };
}

export async function cancelRun({ ctx, input }: HandlerArgs<z.infer<typeof runIdInput>>): Promise<{ cancelled: boolean }> {
  const { user } = ctx;
  const run = await ctx.db.queryRun.findUnique({ where: { id: input.runId } });
  if (!run) throw new DomainError("NOT_FOUND", "This query run does not exist.");
  if (run.userId !== user.id && !hasRole(user.role, "admin")) throw new DomainError("FORBIDDEN", "You can only cancel your own queries.");
  if (run.status !== "running" || !run.engineQueryId) return { cancelled: false };
  await getEngine(run.engineId).engine.cancel(run.engineQueryId, user.email);
  return { cancelled: true };
}
