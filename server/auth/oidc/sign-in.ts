// A sign-in through the OpenID Provider, after next-auth has validated the ID token: find the
// account of (issuer, sub) — or link an existing one by a verified e-mail, or create it — and
// set its role from the claim → role rules, at every sign-in. Everything is audited.
//
// The last active admin is never demoted by a rule: that would leave nobody able to repair the
// rules (break-glass accounts included, if their owner is the one being demoted). The sign-in
// then goes through with the admin role kept, and the audit log records that a rule wanted
// otherwise, so another admin can be made and the rule applies at the next sign-in. A rule that
// refuses the sign-in outright is obeyed even for an admin: refusing changes no role, and the
// break-glass password sign-in stays the way back in.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { recordAudit } from "../../audit/audit";
import { normalizeEmail } from "../sign-in";
import type { Role } from "../../../lib/auth/roles";
import { evaluateRules, type Claims } from "./rules";
import type { RoleRule } from "./schemas";
import { syncTeamsAtSignIn } from "../../teams/sync";

/** The password hash of accounts created by SSO: no password can ever match it. */
export const NO_PASSWORD = "!sso";

export type OidcSignInResult =
  | {
      status: "ok";
      user: { id: string; email: string; name: string; role: Role; sessionVersion: number };
      created: boolean;
      roleChange: { from: Role; to: Role } | null;
      keptLastAdmin: boolean;
    }
  | { status: "refused"; reason: "claims" | "rules" | "disabled" | "unlinked" };

type Policy = { issuer: string; rules: readonly RoleRule[]; defaultRole: Role | null };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function text(value: unknown, max: number): string | null {
  return typeof value === "string" && value.trim() !== "" && value.length <= max ? value.trim() : null;
}

export async function signInWithOidc(client: Db, policy: Policy, claims: Claims, ip: string | null = null): Promise<OidcSignInResult> {
  const subject = text(claims.sub, 255);
  const emailClaim = text(claims.email, 320);
  const email = emailClaim && EMAIL.test(emailClaim) ? normalizeEmail(emailClaim) : null;
  const audit = (tx: Prisma.TransactionClient | Db, entry: Parameters<typeof recordAudit>[1]) => recordAudit(tx, { ip, ...entry });

  if (!subject || !email) {
    await audit(client, {
      actor: null,
      action: "auth.sign_in",
      subject: email ?? (subject ? `sso:${subject.slice(0, 100)}` : "sso"),
      outcome: "failure",
      details: { method: "sso", reason: "unexpected_claims", missing: [...(subject ? [] : ["sub"]), ...(email ? [] : ["email"])] },
    });
    return { status: "refused", reason: "claims" };
  }
  const name = text(claims.name, 200) ?? text(claims.preferred_username, 200) ?? email;
  const decision = evaluateRules(policy.rules, policy.defaultRole, claims);
  const rule = decision.ruleIndex === null ? "default" : `rule ${decision.ruleIndex + 1}`;

  return client.$transaction(
    async (tx) => {
      // Role changes by rule and by Admin › Users are serialised, so the last-admin check holds.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal.users.admin-changes'))`;
      let user = await tx.user.findUnique({ where: { identityProvider_subject: { identityProvider: policy.issuer, subject } } });
      if (!user) {
        const byEmail = await tx.user.findUnique({ where: { email } });
        // An existing account is linked only when the provider vouches for the e-mail and the
        // account has no other identity: otherwise whoever controls an unverified address at
        // the provider would take over the portal account that has it.
        if (byEmail && (byEmail.identityProvider !== null || claims.email_verified !== true)) {
          await audit(tx, {
            actor: null,
            action: "auth.sign_in",
            subject: email,
            outcome: "denied",
            details: { method: "sso", reason: byEmail.identityProvider ? "linked_to_another_identity" : "email_not_verified" },
          });
          return { status: "refused" as const, reason: "unlinked" as const };
        }
        user = byEmail;
      }
      if (decision.outcome === "refuse") {
        await audit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "denied", details: { method: "sso", reason: "refused_by_rules", rule } });
        return { status: "refused" as const, reason: "rules" as const };
      }
      if (user?.disabled) {
        await audit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "failure", details: { method: "sso", reason: "disabled" } });
        return { status: "refused" as const, reason: "disabled" as const };
      }

      let created = false;
      let roleChange: { from: Role; to: Role } | null = null;
      let keptLastAdmin = false;
      if (!user) {
        user = await tx.user.create({ data: { email, name, role: decision.role, passwordHash: NO_PASSWORD, identityProvider: policy.issuer, subject } });
        created = true;
        await audit(tx, {
          actor: null,
          action: "user.created",
          subject: email,
          outcome: "success",
          details: { userId: user.id, role: decision.role, reason: "single sign-on", rule },
        });
      } else {
        let role = user.role;
        if (decision.role !== user.role) {
          const otherAdmins = user.role === "admin" ? await tx.user.count({ where: { role: "admin", disabled: false, id: { not: user.id } } }) : 1;
          if (otherAdmins === 0) {
            keptLastAdmin = true;
            await audit(tx, {
              actor: null,
              action: "user.role_kept",
              subject: email,
              outcome: "denied",
              details: { userId: user.id, role: user.role, ruleWanted: decision.role, rule, reason: "last_active_admin" },
            });
          } else {
            roleChange = { from: user.role, to: decision.role };
            role = decision.role;
          }
        }
        user = await tx.user.update({
          where: { id: user.id },
          data: { role, ...(user.identityProvider === null ? { identityProvider: policy.issuer, subject } : {}) },
        });
        if (roleChange) {
          await audit(tx, {
            actor: null,
            action: "user.role_changed",
            subject: email,
            outcome: "success",
            details: { userId: user.id, from: roleChange.from, to: roleChange.to, reason: "single sign-on", rule },
          });
        }
      }
      const now = new Date();
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
      await audit(tx, { actor: { id: user.id, email }, action: "auth.sign_in", subject: email, outcome: "success", details: { method: "sso", rule, role: user.role } });
      await syncTeamsAtSignIn(tx, { id: user.id, email }, claims); // only `oidc` memberships change (server/teams/sync.ts)
      return {
        status: "ok" as const,
        user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
        created,
        roleChange,
        keptLastAdmin,
      };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
