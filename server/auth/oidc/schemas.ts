// Input schemas of the single sign-on operations (server/api/routers/sso/router.ts).
import { z } from "zod";
import { ROLES } from "../../../lib/auth/roles";

export const RULE_OPERATORS = ["contains", "equals", "domain"] as const;
export const MAX_RULES = 50;
export const MAX_BREAK_GLASS = 20;

/** A claim path: `groups`, or dotted into nested objects (`realm_access.roles`). */
const claimPath = z
  .string()
  .trim()
  .min(1, "Name the claim, e.g. groups or email.")
  .max(200, "At most 200 characters.")
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, "A claim name, or names joined by dots for nested claims (realm_access.roles).");

export const roleRule = z.object({
  claim: claimPath,
  operator: z.enum(RULE_OPERATORS),
  value: z.string().trim().min(1, "Enter the value to compare with.").max(500, "At most 500 characters."),
  /** The role this rule grants, or "refuse" to refuse the sign-in. */
  outcome: z.enum([...ROLES, "refuse"]),
});

export const roleRules = z.array(roleRule).max(MAX_RULES, `At most ${MAX_RULES} rules.`);

const email = z.string().trim().toLowerCase().pipe(z.email("Not an e-mail address."));

export const updateSsoSettingsInput = z.object({
  enabled: z.boolean(),
  issuer: z.string().trim().max(500),
  clientId: z.string().trim().max(500),
  /** Write-only: null leaves the stored secret unchanged, "" removes it. */
  clientSecret: z.string().max(2000).nullable(),
  scopes: z
    .string()
    .trim()
    .max(500)
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, "Scopes separated by single spaces, e.g. openid email profile groups.")
    .refine((v) => v.split(" ").includes("openid"), "The scopes must include openid."),
  buttonLabel: z.string().trim().min(1, "Enter the button's label.").max(60, "At most 60 characters."),
  rules: roleRules,
  /** The role when no rule matches; null refuses the sign-in. */
  defaultRole: z.enum(ROLES).nullable(),
  localSignIn: z.boolean(),
  breakGlassEmails: z.array(email).max(MAX_BREAK_GLASS, `At most ${MAX_BREAK_GLASS} e-mails.`),
  /** The version the form was loaded with: a newer save in between is a conflict, not an overwrite. */
  version: z.number().int().min(0),
});

export const tryClaimsInput = z.object({
  /** The pasted ID token claims, as JSON text. */
  claims: z.string().max(100_000, "At most 100,000 characters."),
  rules: roleRules,
  defaultRole: z.enum(ROLES).nullable(),
});

export const discoverInput = z.object({ issuer: z.string().trim().min(1, "Enter the issuer URL.").max(500) });

export type RoleRule = z.infer<typeof roleRule>;
