// The single sign-on configuration: one row (sso_settings, id 1) an admin edits in Admin › Single
// sign-on, with the environment (OIDC_ISSUER, OIDC_CLIENT_ID, …) winning over its connection part.
// The client secret is stored encrypted (server/secrets) and never leaves the server: the page
// only learns whether one is set. Saves carry the version they started from, so two admins
// editing at once get a conflict instead of one silently overwriting the other.
import type { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { getConfig, type PortalConfig } from "../../config/env";
import { recordAudit } from "../../audit/audit";
import { DomainError } from "../../errors";
import type { HandlerArgs } from "../../handler";
import { resolveSecret, storedSecretOf } from "../../secrets";
import { ROLES, type Role } from "../../../lib/auth/roles";
import { roleRules, type RoleRule, type updateSsoSettingsInput } from "./schemas";

type EnvironmentSso = Pick<PortalConfig, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_SCOPES" | "OIDC_BUTTON_LABEL">;

/** What the sign-in needs: the effective configuration, with the secret still encrypted. */
export type SsoSettings = {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Stored (encrypted or a Vault reference), or the environment's plaintext; null: none. */
  storedClientSecret: string | null;
  clientSecretFromEnvironment: boolean;
  scopes: string;
  buttonLabel: string;
  rules: RoleRule[];
  defaultRole: Role | null;
  localSignIn: boolean;
  breakGlassEmails: string[];
  version: number;
  /** The issuer, client and scopes come from OIDC_* variables and cannot be edited here. */
  fromEnvironment: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
};

/** What the admin page sees: everything but the secret. */
export type SsoSettingsView = Omit<SsoSettings, "storedClientSecret" | "clientSecretFromEnvironment" | "rules"> & {
  rules: RoleRule[];
  clientSecretSet: boolean;
  callbackPath: string;
};

export const CALLBACK_PATH = "/api/auth/callback/sso";
const DEFAULT_LABEL = "single sign-on";

function parseRules(value: Prisma.JsonValue): RoleRule[] {
  const parsed = roleRules.safeParse(value);
  return parsed.success ? parsed.data : [];
}

function parseEmails(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export async function loadSsoSettings(client: Db, env: EnvironmentSso = getConfig()): Promise<SsoSettings> {
  const row = await client.ssoSettings.findUnique({ where: { id: 1 } });
  const stored: SsoSettings = {
    enabled: row?.enabled ?? false,
    issuer: row?.issuer ?? "",
    clientId: row?.clientId ?? "",
    storedClientSecret: row?.clientSecret ?? null,
    clientSecretFromEnvironment: false,
    scopes: row?.scopes ?? "openid email profile",
    buttonLabel: row?.buttonLabel ?? DEFAULT_LABEL,
    rules: parseRules(row?.rules ?? []),
    defaultRole: row?.defaultRole && (ROLES as readonly string[]).includes(row.defaultRole) ? row.defaultRole : null,
    localSignIn: row?.localSignIn ?? true,
    breakGlassEmails: parseEmails(row?.breakGlassEmails ?? []),
    version: row?.version ?? 0,
    fromEnvironment: false,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
  if (!env.OIDC_ISSUER) return stored;
  return {
    ...stored,
    enabled: true,
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID ?? "",
    storedClientSecret: env.OIDC_CLIENT_SECRET ?? null,
    clientSecretFromEnvironment: Boolean(env.OIDC_CLIENT_SECRET),
    scopes: env.OIDC_SCOPES ?? stored.scopes,
    buttonLabel: env.OIDC_BUTTON_LABEL ?? stored.buttonLabel,
    fromEnvironment: true,
  };
}

/** The client secret in plaintext, for the token request only. */
export async function clientSecretOf(settings: SsoSettings): Promise<string | undefined> {
  if (!settings.storedClientSecret) return undefined;
  return settings.clientSecretFromEnvironment ? settings.storedClientSecret : resolveSecret(settings.storedClientSecret);
}

/** Whether SSO is switched on and complete enough to offer the button. */
export function ssoUsable(settings: SsoSettings): boolean {
  return settings.enabled && settings.issuer !== "" && settings.clientId !== "";
}

/**
 * Whether an e-mail may sign in with a password now: always, unless SSO is usable and local
 * sign-in is off, and then only the break-glass e-mails.
 */
export function localSignInAllowed(settings: SsoSettings, email: string): boolean {
  if (settings.localSignIn || !ssoUsable(settings)) return true;
  return settings.breakGlassEmails.includes(email.trim().toLowerCase());
}

export function viewOf(settings: SsoSettings): SsoSettingsView {
  const { storedClientSecret, clientSecretFromEnvironment: _env, ...rest } = settings;
  return { ...rest, clientSecretSet: storedClientSecret !== null && storedClientSecret !== "", callbackPath: CALLBACK_PATH };
}

/** sso.settings */
export async function getSsoSettings({ ctx }: HandlerArgs): Promise<SsoSettingsView> {
  return viewOf(await loadSsoSettings(ctx.db));
}

function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer's URL, e.g. https://login.example.com/realms/data.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The issuer must be an https:// URL.";
  if (url.search || url.hash) return "The issuer URL has no query or fragment.";
  return null;
}

/** sso.update: saves the whole form (rules included), refusing a save based on an older version. */
export async function updateSsoSettings({ ctx, input }: HandlerArgs<z.infer<typeof updateSsoSettingsInput>>): Promise<SsoSettingsView> {
  const { user: actor, ip } = ctx;
  const env = getConfig();
  const fieldErrors: Record<string, string[]> = {};
  if (!env.OIDC_ISSUER && input.enabled) {
    const problem = issuerProblem(input.issuer);
    if (problem) fieldErrors.issuer = [problem];
    if (!input.clientId) fieldErrors.clientId = ["Enter the client id the provider gave the portal."];
  }
  if (Object.keys(fieldErrors).length) throw new DomainError("BAD_REQUEST", "Some fields need fixing before single sign-on can be switched on.", fieldErrors);
  const breakGlassEmails = [...new Set(input.breakGlassEmails.map((email) => email.trim().toLowerCase()))];
  const newSecret = input.clientSecret === null ? undefined : input.clientSecret === "" ? null : storedSecretOf(input.clientSecret);

  return ctx.db.$transaction(async (tx) => {
    // The same lock as Admin › Users' role changes: the break-glass check below reads admins.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal.users.admin-changes'))`;
    const before = await tx.ssoSettings.findUnique({ where: { id: 1 } });
    const currentVersion = before?.version ?? 0;
    if (currentVersion !== input.version) {
      throw new DomainError(
        "CONFLICT",
        `Someone else saved these settings${before?.updatedBy ? ` (${before.updatedBy})` : ""} after you opened them. Reload to see their changes, then make yours again.`,
      );
    }
    const ssoOn = env.OIDC_ISSUER ? true : input.enabled;
    if (!input.localSignIn && ssoOn) {
      // Whoever can still sign in without the provider must be able to repair it.
      const admins = await tx.user.findMany({
        where: { email: { in: breakGlassEmails }, role: "admin", disabled: false, NOT: { passwordHash: { startsWith: "!" } } },
        select: { email: true },
      });
      if (admins.length === 0) {
        throw new DomainError(
          "BAD_REQUEST",
          "Before turning password sign-in off, name at least one break-glass e-mail of an active admin with a password, so someone can still sign in when the identity provider is down.",
          { breakGlassEmails: ["At least one must be an active admin's e-mail with a password."] },
        );
      }
    }
    const data = {
      enabled: input.enabled,
      issuer: input.issuer.replace(/\/+$/, ""),
      clientId: input.clientId,
      ...(newSecret !== undefined ? { clientSecret: newSecret } : {}),
      scopes: input.scopes,
      buttonLabel: input.buttonLabel,
      rules: input.rules,
      defaultRole: input.defaultRole,
      localSignIn: input.localSignIn,
      breakGlassEmails,
      version: currentVersion + 1,
      updatedBy: actor.email,
    };
    await tx.ssoSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const summary = (s: {
      enabled: boolean;
      issuer: string;
      clientId: string;
      scopes: string;
      buttonLabel: string;
      rules: unknown;
      defaultRole: Role | null;
      localSignIn: boolean;
      breakGlassEmails: unknown;
    }) => ({
      enabled: s.enabled,
      issuer: s.issuer,
      clientId: s.clientId,
      scopes: s.scopes,
      buttonLabel: s.buttonLabel,
      rules: s.rules as Prisma.InputJsonValue,
      defaultRole: s.defaultRole,
      localSignIn: s.localSignIn,
      breakGlassEmails: s.breakGlassEmails as Prisma.InputJsonValue,
    });
    await recordAudit(tx, {
      actor,
      action: "sso.settings_changed",
      subject: "single sign-on",
      outcome: "success",
      ip,
      details: {
        before: before ? summary(before) : null,
        after: summary(data),
        clientSecret: newSecret === undefined ? "unchanged" : newSecret === null ? "removed" : "changed",
      },
    });
    return viewOf(await loadSsoSettings(tx as unknown as Db, env));
  });
}
