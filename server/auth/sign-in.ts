// Checks an e-mail and password. Every attempt is audited; the answer to the caller is one of
// three: signed in, "wrong e-mail or password" (never which), or locked out until a time.
//
// Hashing costs tens of milliseconds of CPU and must never hold a database connection (the
// embedded database has exactly one): the user is read, the password verified with no
// connection held, and only then a short transaction decides and records the outcome.
import { db as defaultDb, type Db } from "../db/client";
import { recordAudit } from "../audit/audit";
import { verifyPassword } from "./password";
import { databaseNow, lockFor } from "./lockout";
import type { Role } from "../../lib/auth/roles";

export type SignInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export type SignInResult = { status: "ok"; user: SignInUser } | { status: "invalid" } | { status: "locked"; scope: "account" | "address"; until: Date } | { status: "local_off" };

/** Password sign-in may be off except for some e-mails (server/auth/oidc/settings.ts). */
export type LocalSignInPolicy = { allowed: (email: string) => boolean };

/** Longer inputs are refused before any hashing or lookup (RFC 5321 caps an address at 320). */
export const MAX_EMAIL_BYTES = 320;
export const MAX_PASSWORD_BYTES = 1024;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// PostgreSQL text cannot hold NUL, and control characters in an audit subject would mislead
// whoever reads the log: such an e-mail is no account's, and is recorded with them replaced.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const HAS_CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export async function signIn(input: { email: string; password: string; ip?: string | null }, client: Db = defaultDb(), policy?: LocalSignInPolicy): Promise<SignInResult> {
  const ip = input.ip ?? null;
  const email = normalizeEmail(input.email).slice(0, MAX_EMAIL_BYTES).replace(CONTROL_CHARACTERS, "\ufffd");
  const fail = async (reason: string): Promise<SignInResult> => {
    await recordAudit(client, { actor: null, action: "auth.sign_in", subject: email, outcome: "failure", ip, details: { reason } });
    return { status: "invalid" };
  };

  if (Buffer.byteLength(input.email) > MAX_EMAIL_BYTES || Buffer.byteLength(input.password) > MAX_PASSWORD_BYTES) return fail("too_long");
  if (HAS_CONTROL_CHARACTER.test(normalizeEmail(input.email))) return fail("malformed_email");

  // A cheap look first: a locked account or address is refused without hashing anything (the
  // transaction below checks again, authoritatively).
  const lockedBefore = await lockFor(client, email, ip, await databaseNow(client));
  const user = lockedBefore ? null : await client.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const passwordOk = lockedBefore ? false : await verifyPassword(user?.passwordHash ?? null, input.password);

  // One decision per e-mail (and per address) at a time, across replicas: otherwise a burst of
  // parallel guesses would all be decided before any failure is recorded, and the lock-outs
  // would never trigger. Address before e-mail, always, so two attempts cannot deadlock.
  return client.$transaction(
    async (tx) => {
      if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`portal.sign-in-address:${ip}`}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`portal.sign-in:${email}`}))`;
      const now = await databaseNow(tx);

      const lock = await lockFor(tx, email, ip, now);
      if (lock) {
        const reason = lock.scope === "account" ? "locked" : "address_locked";
        await recordAudit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "denied", ip, details: { reason, until: lock.until.toISOString() } });
        return { status: "locked" as const, ...lock };
      }

      // Read again: the password may have been reset or the user disabled while we hashed.
      const current = user ? await tx.user.findUnique({ where: { id: user.id }, omit: { passwordHash: false } }) : null;
      const reason =
        !user || !current
          ? "unknown_email"
          : !passwordOk
            ? "wrong_password"
            : current.passwordHash !== user.passwordHash
              ? "password_changed"
              : current.disabled
                ? "disabled"
                : null;
      if (reason || !current) {
        await recordAudit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "failure", ip, details: { reason: reason ?? "unknown_email" } });
        return { status: "invalid" as const };
      }

      // Checked only after the password: whether an e-mail is a break-glass one is nobody's business.
      if (policy && !policy.allowed(current.email)) {
        await recordAudit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "denied", ip, details: { reason: "local_sign_in_off" } });
        return { status: "local_off" as const };
      }
      await tx.user.update({ where: { id: current.id }, data: { lastSignInAt: now } });
      await recordAudit(tx, { actor: { id: current.id, email: current.email }, action: "auth.sign_in", subject: email, outcome: "success", ip });
      return { status: "ok" as const, user: { id: current.id, email: current.email, name: current.name, role: current.role, sessionVersion: current.sessionVersion } };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
