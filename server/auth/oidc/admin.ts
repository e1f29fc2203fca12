// The admin page's helpers: "try these claims" (which rule fires, for the rules on screen, saved
// or not) and a discovery check of an issuer; and what the sign-in page may show.
import type { z } from "zod";
import { DomainError } from "../../errors";
import type { HandlerArgs, PublicHandlerArgs } from "../../handler";
import { logger } from "../../logger";
import { evaluateRules, parseClaims, type RuleDecision } from "./rules";
import type { discoverInput, tryClaimsInput } from "./schemas";
import { loadSsoSettings, ssoUsable } from "./settings";

/** sso.tryClaims */
export function tryClaims({ input }: HandlerArgs<z.infer<typeof tryClaimsInput>>): RuleDecision {
  const parsed = parseClaims(input.claims);
  if (!parsed.ok) throw new DomainError("BAD_REQUEST", parsed.message, { claims: [parsed.message] });
  return evaluateRules(input.rules, input.defaultRole, parsed.claims);
}

export type DiscoveryResult = { ok: true; issuer: string; authorizationEndpoint: string; scopesSupported: string[] } | { ok: false; message: string };

/** sso.discover: fetches the issuer's discovery document and says plainly what is wrong with it. */
export async function discoverIssuer({ input }: HandlerArgs<z.infer<typeof discoverInput>>): Promise<DiscoveryResult> {
  const issuer = input.issuer.replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(`${issuer}/.well-known/openid-configuration`);
  } catch {
    return { ok: false, message: "That is not a URL. Enter the issuer, e.g. https://login.example.com/realms/data." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "The issuer must be an https:// URL." };
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: "error", headers: { accept: "application/json" } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    logger.info({ issuer, err: (err as Error).message, cause }, "OIDC discovery failed");
    if ((err as Error).name === "TimeoutError") return { ok: false, message: `${url.host} did not answer within 5 seconds.` };
    return { ok: false, message: `Cannot reach ${url.host}${cause ? ` (${cause})` : ""}.` };
  }
  if (!response.ok) return { ok: false, message: `${url.href} answered HTTP ${response.status}: is this the issuer URL?` };
  let document: Record<string, unknown>;
  try {
    document = (await response.json()) as Record<string, unknown>;
  } catch {
    return { ok: false, message: `${url.href} did not return JSON: is this the issuer URL?` };
  }
  if (document.issuer !== issuer) {
    return { ok: false, message: `The provider calls itself ${JSON.stringify(document.issuer)}, not ${JSON.stringify(issuer)}: enter exactly its issuer.` };
  }
  if (typeof document.authorization_endpoint !== "string" || typeof document.token_endpoint !== "string" || typeof document.jwks_uri !== "string") {
    return { ok: false, message: "The discovery document lacks an authorization, token or keys endpoint." };
  }
  const scopes = Array.isArray(document.scopes_supported) ? document.scopes_supported.filter((s): s is string => typeof s === "string") : [];
  return { ok: true, issuer, authorizationEndpoint: document.authorization_endpoint, scopesSupported: scopes };
}

export type SignInOptions = { sso: { label: string } | null; localSignIn: boolean };

/** sso.signInOptions (public): whether to show "Sign in with …", and whether password sign-in is only for break-glass admins. */
export async function signInOptions({ ctx }: PublicHandlerArgs): Promise<SignInOptions> {
  const settings = await loadSsoSettings(ctx.db);
  const usable = ssoUsable(settings);
  return { sso: usable ? { label: settings.buttonLabel } : null, localSignIn: !usable || settings.localSignIn };
}
