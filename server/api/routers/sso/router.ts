// sso.*: wiring only; the rules are in server/auth/oidc. Everything but what the sign-in page
// needs is for admins.
import { adminProcedure, createTRPCRouter, publicProcedure } from "../../trpc";
import { discoverIssuer, signInOptions, tryClaims } from "../../../auth/oidc/admin";
import { getSsoSettings, updateSsoSettings } from "../../../auth/oidc/settings";
import { discoverInput, tryClaimsInput, updateSsoSettingsInput } from "../../../auth/oidc/schemas";

export const ssoRouter = createTRPCRouter({
  settings: adminProcedure.query(getSsoSettings),
  update: adminProcedure.input(updateSsoSettingsInput).mutation(updateSsoSettings),
  /** Which rule fires for pasted claims, with the rules on screen (saved or not). */
  tryClaims: adminProcedure.input(tryClaimsInput).mutation(tryClaims),
  /** Fetches an issuer's discovery document and names what is wrong. */
  discover: adminProcedure.input(discoverInput).mutation(discoverIssuer),
  /** For the sign-in page: the SSO button's label (or none) and whether password sign-in is open. */
  signInOptions: publicProcedure.query(signInOptions),
});
