// Audit actions of personal API tokens (server/auth/api-tokens.ts). Details never hold a token's
// secret: only its id and its prefix, which are also shown in the owner's list.
export const TOKEN_AUDIT_ACTIONS = {
  /** A token was made (details: tokenId, prefix, scopes, expiresAt). */
  created: "token.created",
  /** A token was revoked by its owner or an admin (details: tokenId, prefix, ownerId, byAdmin). */
  revoked: "token.revoked",
  /** A request with a token was refused (details: reason, prefix when well-formed, scope, path). */
  refused: "token.refused",
} as const;

/** Why a request with a token was refused, as written in the audit row's details.reason. */
export type TokenRefusalReason = "unknown" | "expired" | "revoked" | "owner_disabled" | "missing_scope" | "endpoint_refuses_tokens" | "role";
