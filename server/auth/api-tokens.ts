// Personal API tokens: made, listed and revoked by their owners (admins see and revoke all), and
// used by machines as `Authorization: Bearer <token>` on the route handlers (server/http/with-auth.ts).
// A token acts as its owner with the role the database holds now, narrowed to its scopes.
import { Prisma } from "../db/generated/client";
import { recordAudit } from "../audit/audit";
import { TOKEN_AUDIT_ACTIONS } from "../audit/token-actions";
import { getConfig } from "../config/env";
import { likeLiteral } from "../db/like";
import { DomainError } from "../errors";
import type { HandlerArgs, RequestContext } from "../handler";
import type { CreateTokenInput, ListAllTokensInput, RevokeTokenInput } from "./api-tokens-schemas";
import { newTokenText } from "./api-tokens-text";
import { hasRole } from "../../lib/auth/roles";
import { isScope, SCOPE_MIN_ROLE } from "../../lib/auth/scopes";

export { authenticateBearer, authorizeBearer, type BearerResult } from "./api-tokens-bearer";

/** Enough for every script of one person; beyond it, old tokens are more likely forgotten than used. */
export const MAX_ACTIVE_TOKENS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export type TokenStatus = "active" | "expired" | "revoked";

const listedFields = { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;
type ListedRow = Prisma.ApiTokenGetPayload<{ select: typeof listedFields }>;

function statusOf(row: { expiresAt: Date; revokedAt: Date | null }, now: Date): TokenStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "active";
}

function listed(row: ListedRow, now: Date) {
  return { ...row, scopes: row.scopes.filter(isScope), status: statusOf(row, now) };
}

function refuseTokenCaller(ctx: RequestContext): void {
  // A leaked token must not be able to mint more tokens or revoke its owner's other ones.
  if (ctx.user.token) throw new DomainError("FORBIDDEN", "API tokens cannot manage API tokens; sign in to the portal.");
}

/** Makes a token and returns its text, the only time it is ever shown. */
export async function createToken({ ctx, input }: HandlerArgs<CreateTokenInput>) {
  refuseTokenCaller(ctx);
  const maxDays = getConfig().PORTAL_TOKEN_MAX_DAYS;
  if (input.expiresInDays > maxDays) {
    throw new DomainError("BAD_REQUEST", `A token may last at most ${maxDays} days.`, { expiresInDays: [`At most ${maxDays} days.`] });
  }
  const tooLow = input.scopes.filter((scope) => !hasRole(ctx.user.role, SCOPE_MIN_ROLE[scope]));
  if (tooLow.length > 0) {
    const scope = tooLow[0]!;
    const message = `The ${scope} scope needs the ${SCOPE_MIN_ROLE[scope]} role; you are a ${ctx.user.role}.`;
    throw new DomainError("FORBIDDEN", message, { scopes: [message] });
  }
  const now = new Date();
  const active = await ctx.db.apiToken.count({ where: { userId: ctx.user.id, revokedAt: null, expiresAt: { gt: now } } });
  if (active >= MAX_ACTIVE_TOKENS) throw new DomainError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS} active API tokens; revoke one before making another.`);

  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  // A prefix is 40 random bits: a clash is rare but possible, and the unique index catches it.
  for (let attempt = 0; ; attempt++) {
    const text = newTokenText();
    try {
      const row = await ctx.db.$transaction(async (tx) => {
        const created = await tx.apiToken.create({
          data: { userId: ctx.user.id, name: input.name, prefix: text.prefix, tokenHash: text.hash, scopes: input.scopes, expiresAt },
          select: listedFields,
        });
        await recordAudit(tx, {
          actor: ctx.user,
          action: TOKEN_AUDIT_ACTIONS.created,
          subject: ctx.user.email,
          outcome: "success",
          ip: ctx.ip,
          details: { tokenId: created.id, prefix: created.prefix, name: created.name, scopes: created.scopes, expiresAt: expiresAt.toISOString() },
        });
        return created;
      });
      return { token: text.token, ...listed(row, now) };
    } catch (err) {
      if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
      throw err;
    }
  }
}

/** The caller's own tokens, newest first (revoked and expired ones too, so the list explains itself). */
export async function listTokens({ ctx }: HandlerArgs) {
  const now = new Date();
  const rows = await ctx.db.apiToken.findMany({ where: { userId: ctx.user.id }, orderBy: { createdAt: "desc" }, select: listedFields });
  return rows.map((row) => listed(row, now));
}

/** Every user's tokens, for the admin overview, optionally of the owners whose e-mail contains `owner`. */
export async function listAllTokens({ ctx, input }: HandlerArgs<ListAllTokensInput>) {
  const now = new Date();
  const where: Prisma.ApiTokenWhereInput = input.owner ? { user: { email: { contains: likeLiteral(input.owner.toLowerCase()) } } } : {};
  const [rows, total] = await ctx.db.$transaction([
    ctx.db.apiToken.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { ...listedFields, user: { select: { id: true, email: true, name: true } } },
    }),
    ctx.db.apiToken.count({ where }),
  ]);
  return { tokens: rows.map(({ user, ...row }) => ({ ...listed(row, now), owner: user })), total };
}

/** Revokes a token of the caller's, or anyone's for an admin; revoking a revoked token changes nothing. */
export async function revokeToken({ ctx, input }: HandlerArgs<RevokeTokenInput>) {
  refuseTokenCaller(ctx);
  const isAdmin = hasRole(ctx.user.role, "admin");
  const now = new Date();
  return ctx.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.id }, select: { ...listedFields, userId: true, user: { select: { email: true } } } });
    // Someone else's token is "not found" to a non-admin: its existence is not theirs to learn.
    if (!token || (token.userId !== ctx.user.id && !isAdmin)) throw new DomainError("NOT_FOUND", "No such API token.");
    const { userId, user, ...row } = token;
    if (row.revokedAt) return listed(row, now);
    const updated = await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: now, revokedBy: ctx.user.id }, select: listedFields });
    await recordAudit(tx, {
      actor: ctx.user,
      action: TOKEN_AUDIT_ACTIONS.revoked,
      subject: user.email,
      outcome: "success",
      ip: ctx.ip,
      details: { tokenId: row.id, prefix: row.prefix, ownerId: userId, byAdmin: userId !== ctx.user.id },
    });
    return listed(updated, now);
  });
}
