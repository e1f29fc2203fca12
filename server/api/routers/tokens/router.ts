// tokens.*: wiring only; the rules are in server/auth/api-tokens.ts. Tokens are managed with a
// session (these procedures never see a Bearer token: tRPC's context reads sessions only).
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import { createToken, listAllTokens, listTokens, revokeToken } from "../../../auth/api-tokens";
import { createTokenInput, listAllTokensInput, revokeTokenInput } from "../../../auth/api-tokens-schemas";

export const tokensRouter = createTRPCRouter({
  create: protectedProcedure.input(createTokenInput).mutation(createToken),
  list: protectedProcedure.query(({ ctx }) => listTokens({ ctx, input: undefined })),
  /** Own tokens; admins may revoke anyone's. */
  revoke: protectedProcedure.input(revokeTokenInput).mutation(revokeToken),
  /** The admin overview: every user's tokens. */
  all: adminProcedure.input(listAllTokensInput).query(listAllTokens),
});
