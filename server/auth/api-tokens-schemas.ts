// Input of each API token operation (server/auth/api-tokens.ts); types come from z.infer.
import { z } from "zod";
import { SCOPES } from "../../lib/auth/scopes";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "At most 100 characters."),
  scopes: z
    .array(z.enum(SCOPES, `Scopes are ${SCOPES.join(", ")}.`))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => [...new Set(scopes)]),
  // The upper bound is PORTAL_TOKEN_MAX_DAYS, checked by createToken (configuration is read at run time).
  expiresInDays: z.number("Choose how many days the token lasts.").int("A whole number of days.").min(1, "At least 1 day."),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

export const revokeTokenInput = z.object({ id: z.uuid("No such API token.") });
export type RevokeTokenInput = z.infer<typeof revokeTokenInput>;

export const listAllTokensInput = z.object({
  /** Only this owner's tokens (an e-mail fragment, as the admin types it). */
  owner: z.string().trim().max(320).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type ListAllTokensInput = z.infer<typeof listAllTokensInput>;
