// Saved queries: anyone signed in can open one by its link; its owner or an admin changes it.
import type { z } from "zod";
import { likeLiteral } from "../db/like";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { hasRole } from "../../lib/auth/roles";
import type { CurrentUser } from "../auth/current-user";
import type { HandlerArgs } from "../handler";
import { recordAudit } from "../audit/audit";
import type { savedQueryIdInput, savedQueryInput, savedQueryListInput, savedQueryUpdateInput } from "./schemas";

const withOwner = { owner: { select: { id: true, email: true, name: true } } } as const;

// Audit: create, update and delete write a `sql.query_*` row in the same transaction, subject
// `query:<id>` (the log shows the query's current name) and the name in the details (kept after a delete).
const auditOf = (ctx: HandlerArgs["ctx"], id: string, details: Prisma.InputJsonValue) => ({
  actor: { id: ctx.user.id, email: ctx.user.email },
  subject: `query:${id}`,
  outcome: "success" as const,
  ip: ctx.ip,
  details,
});

export async function createSavedQuery({ ctx, input }: HandlerArgs<z.infer<typeof savedQueryInput>>) {
  return ctx.db.$transaction(async (tx) => {
    const query = await tx.savedQuery.create({ data: { ...input, ownerId: ctx.user.id }, include: withOwner });
    await recordAudit(tx, { action: "sql.query_saved", ...auditOf(ctx, query.id, { name: query.name, engineId: query.engineId }) });
    return query;
  });
}

export async function getSavedQuery(client: Db, id: string) {
  const query = await client.savedQuery.findUnique({ where: { id }, include: withOwner });
  if (!query) throw new DomainError("NOT_FOUND", "This saved query does not exist (any more).");
  return query;
}

/** A saved query as the given user sees it: with whether they may change it. */
export async function openSavedQuery({ ctx, input }: HandlerArgs<z.infer<typeof savedQueryIdInput>>) {
  const query = await getSavedQuery(ctx.db, input.id);
  return { ...query, mayChange: mayChange(ctx.user, query.ownerId) };
}

export async function listSavedQueries({ ctx, input }: HandlerArgs<z.infer<typeof savedQueryListInput>>) {
  const { user, db: client } = ctx;
  const where: Prisma.SavedQueryWhereInput = {
    ...(input.mine ? { ownerId: user.id } : {}),
    ...(input.search
      ? { OR: [{ name: { contains: likeLiteral(input.search), mode: "insensitive" } }, { description: { contains: likeLiteral(input.search), mode: "insensitive" } }] }
      : {}),
  };
  const [queries, total] = await client.$transaction([
    client.savedQuery.findMany({ where, orderBy: { updatedAt: "desc" }, skip: (input.page - 1) * input.pageSize, take: input.pageSize, include: withOwner }),
    client.savedQuery.count({ where }),
  ]);
  return { queries, total };
}

export async function updateSavedQuery({ ctx, input }: HandlerArgs<z.infer<typeof savedQueryUpdateInput>>) {
  const { user, db: client } = ctx;
  const { id, ifUnchangedSince, ...changes } = input;
  await assertMayChange(user, id, client);
  const before = await getSavedQuery(client, id);
  const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== undefined && changes[k] !== before[k]);
  const details = { name: changes.name ?? before.name, ...(changes.name && changes.name !== before.name ? { renamedFrom: before.name } : {}), changed };
  // Compare and write in one statement, so two editors saving at once cannot both win.
  const count = await client.$transaction(async (tx) => {
    const { count } = await tx.savedQuery.updateMany({ where: { id, ...(ifUnchangedSince ? { updatedAt: { lte: ifUnchangedSince } } : {}) }, data: changes });
    if (count > 0) await recordAudit(tx, { action: "sql.query_updated", ...auditOf(ctx, id, details) });
    return count;
  });
  if (count === 0) {
    const current = await getSavedQuery(client, id);
    throw new DomainError(
      "CONFLICT",
      `“${current.name}” was changed at ${current.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, after you opened it; saving would overwrite that change. Save yours as a new query, or open the saved one again.`,
    );
  }
  return getSavedQuery(client, id);
}

export async function deleteSavedQuery({ ctx, input }: HandlerArgs<z.infer<typeof savedQueryIdInput>>): Promise<{ deleted: true }> {
  await assertMayChange(ctx.user, input.id, ctx.db);
  await ctx.db.$transaction(async (tx) => {
    const query = await tx.savedQuery.delete({ where: { id: input.id }, include: withOwner });
    await recordAudit(tx, { action: "sql.query_deleted", ...auditOf(ctx, query.id, { name: query.name, owner: query.owner.email }) });
  });
  return { deleted: true };
}

async function assertMayChange(user: CurrentUser, id: string, client: Db): Promise<void> {
  const existing = await client.savedQuery.findUnique({ where: { id }, select: { ownerId: true } });
  if (!existing) throw new DomainError("NOT_FOUND", "This saved query does not exist (any more).");
  if (!mayChange(user, existing.ownerId)) throw new DomainError("FORBIDDEN", "Only its owner or an admin can change this saved query.");
}

function mayChange(user: CurrentUser, ownerId: string): boolean {
  return ownerId === user.id || hasRole(user.role, "admin");
}
