// Requests that carry `Authorization: Bearer <token>`: find the token by its hash, refuse it when
// unknown, revoked, expired or its owner is disabled (401), or when it lacks the route's scope or
// its owner lacks the route's role (403). Every refusal is audited with the token's prefix and
// the reason, never with the token itself.
import { recordAudit } from "../audit/audit";
import { TOKEN_AUDIT_ACTIONS, type TokenRefusalReason } from "../audit/token-actions";
import type { Db } from "../db/client";
import { bearerOf, hashToken, prefixOfToken } from "./api-tokens-text";
import type { CurrentUser } from "./current-user";
import { hasRole, type Role } from "../../lib/auth/roles";
import { isScope, type Scope } from "../../lib/auth/scopes";

/** last_used_at is written at most this often per token, so a busy script does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type Owner = { id: string; email: string };
export type BearerRefusal = { ok: false; status: 401 | 403; message: string; reason: TokenRefusalReason; prefix: string | null; owner: Owner | null };
export type BearerResult = { ok: true; user: CurrentUser & { token: NonNullable<CurrentUser["token"]> } } | BearerRefusal;

export const UNKNOWN_TOKEN_MESSAGE = "Unknown API token.";
export const REVOKED_TOKEN_MESSAGE = "This API token was revoked.";
export const DISABLED_OWNER_MESSAGE = "This API token's owner is disabled.";
export const NO_TOKENS_MESSAGE = "This endpoint does not accept API tokens.";

function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function refusal(status: 401 | 403, reason: TokenRefusalReason, message: string, prefix: string | null, owner: Owner | null = null): BearerRefusal {
  return { ok: false, status, message, reason, prefix, owner };
}

/** Who a Bearer header speaks for (the token's owner, role read now), or why it speaks for nobody. Writes nothing but last_used_at. */
export async function authenticateBearer(authorization: string | null, client: Db, now = new Date()): Promise<BearerResult> {
  const text = bearerOf(authorization);
  const prefix = text ? prefixOfToken(text) : null;
  // A malformed token is unknown without a database round trip.
  if (!text || !prefix) return refusal(401, "unknown", UNKNOWN_TOKEN_MESSAGE, null);
  const row = await client.apiToken.findUnique({
    where: { tokenHash: hashToken(text) },
    select: {
      id: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabled: true } },
    },
  });
  if (!row) return refusal(401, "unknown", UNKNOWN_TOKEN_MESSAGE, prefix);
  const owner = { id: row.user.id, email: row.user.email };
  if (row.revokedAt) return refusal(401, "revoked", REVOKED_TOKEN_MESSAGE, row.prefix, owner);
  if (row.expiresAt <= now) return refusal(401, "expired", `This API token expired on ${utcMinute(row.expiresAt)}.`, row.prefix, owner);
  if (row.user.disabled) return refusal(401, "owner_disabled", DISABLED_OWNER_MESSAGE, row.prefix, owner);

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so replicas that see the same minute's requests write once between them.
    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await client.apiToken.updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] }, data: { lastUsedAt: now } });
  }
  const { id, email, name, role } = row.user;
  return { ok: true, user: { id, email, name, role, token: { id: row.id, prefix: row.prefix, scopes: row.scopes.filter(isScope) } } };
}

type Requirement = { scope: Scope | undefined; role: Role };
type Where = { db: Db; ip: string | null; path: string };

/**
 * The Bearer token of a request held to a route's scope and role: the token must be valid, the
 * route must take tokens (`scope` set) and the token must have that scope, and its owner's current
 * role must reach the route's. Refusals are audited (token.refused).
 */
export async function authorizeBearer(authorization: string | null, required: Requirement, where: Where): Promise<BearerResult> {
  const result = await checkBearer(authorization, required, where.db);
  if (!result.ok) {
    await recordAudit(where.db, {
      actor: result.owner,
      action: TOKEN_AUDIT_ACTIONS.refused,
      subject: result.owner?.email ?? null,
      outcome: "denied",
      ip: where.ip,
      details: { reason: result.reason, prefix: result.prefix, path: where.path, ...(required.scope ? { scope: required.scope } : {}) },
    });
  }
  return result;
}

async function checkBearer(authorization: string | null, { scope, role }: Requirement, client: Db): Promise<BearerResult> {
  const result = await authenticateBearer(authorization, client);
  if (!result.ok) return result;
  const { user } = result;
  const owner = { id: user.id, email: user.email };
  if (!scope) return refusal(403, "endpoint_refuses_tokens", NO_TOKENS_MESSAGE, user.token.prefix, owner);
  if (!user.token.scopes.includes(scope)) return refusal(403, "missing_scope", `This API token lacks the \`${scope}\` scope.`, user.token.prefix, owner);
  if (!hasRole(user.role, role))
    return refusal(403, "role", `This needs the ${role} role; the token's owner is ${user.role === "admin" ? "an" : "a"} ${user.role}.`, user.token.prefix, owner);
  return result;
}
