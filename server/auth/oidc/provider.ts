// The OpenID Connect provider for next-auth, built per request from the settings in the database
// (next-auth v4 takes its options per call of the route handler, so a change made in Admin ›
// Single sign-on applies on every replica at the next request, without a restart).
//
// next-auth validates the ID token (signature, issuer, audience, expiry, nonce; PKCE and state
// cookies); profile() then runs our sign-in. It must never throw: next-auth would swallow the
// error and send the browser back to the sign-in page without a word. So every failure becomes
// a refusal code the sign-in page turns into a fixed message (lib/auth/sign-in-errors.ts).
import type { User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db, isDatabaseUnavailable } from "../../db/client";
import { logger } from "../../logger";
import { SSO_SIGN_IN_ERROR, SIGN_IN_ERROR } from "../../../lib/auth/sign-in-errors";
import { clientSecretOf, loadSsoSettings, localSignInAllowed, ssoUsable, type SsoSettings } from "./settings";
import type { LocalSignInPolicy } from "../sign-in";
import { signInWithOidc } from "./sign-in";
import type { Claims } from "./rules";

export const SSO_PROVIDER_ID = "sso";

function refusal(code: string): User {
  return { id: `refused:${code}`, email: "", name: "", sessionVersion: -1, signInRefusal: code };
}

export async function ssoProvider(settings: SsoSettings): Promise<OAuthConfig<Claims> | null> {
  if (!ssoUsable(settings)) return null;
  const clientSecret = await clientSecretOf(settings).catch((err: unknown) => {
    // A secret the current key cannot decrypt: sign-in cannot work, and the page says so.
    logger.error({ err: (err as Error).message }, "cannot read the single sign-on client secret");
    return null;
  });
  if (clientSecret === null) return null;
  return {
    id: SSO_PROVIDER_ID,
    name: settings.buttonLabel,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret,
    // A public client (no secret) authenticates with PKCE alone.
    client: clientSecret ? undefined : { token_endpoint_auth_method: "none" },
    authorization: { params: { scope: settings.scopes } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    httpOptions: { timeout: 5_000 },
    async profile(claims) {
      try {
        const result = await signInWithOidc(db(), { issuer: settings.issuer, rules: settings.rules, defaultRole: settings.defaultRole }, claims);
        if (result.status === "refused") return refusal(SSO_SIGN_IN_ERROR[result.reason]);
        const { user } = result;
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      } catch (err) {
        logger.error({ err }, "single sign-on failed");
        return refusal(isDatabaseUnavailable(err) ? SIGN_IN_ERROR.unavailable : SIGN_IN_ERROR.failed);
      }
    },
  };
}

/** The providers to add to next-auth's options for this request (none when SSO is off). */
export async function ssoProviders(): Promise<OAuthConfig<Claims>[]> {
  try {
    const provider = await ssoProvider(await loadSsoSettings(db()));
    return provider ? [provider] : [];
  } catch (err) {
    logger.error({ err: (err as Error).message }, "cannot load the single sign-on settings");
    return [];
  }
}

/** Password sign-in as the settings allow it now (all e-mails, or only the break-glass ones). */
export async function localSignInPolicy(): Promise<LocalSignInPolicy> {
  const settings = await loadSsoSettings(db());
  return { allowed: (email) => localSignInAllowed(settings, email) };
}
