// Checks an e-mail and password. Every attempt is audited; the answer to the caller is one of
// three: signed in, "wrong e-mail or password" (never which), or locked out until a time.
import { db as defaultDb, type Db } from "../db/client";
import { recordAudit } from "../audit/audit";
import { verifyPassword } from "./password";
import { lockedUntil } from "./lockout";
import type { Role } from "./roles";

export type SignInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export type SignInResult =
  | { status: "ok"; user: SignInUser }
  | { status: "invalid" }
  | { status: "locked"; until: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIn(input: { email: string; password: string; ip?: string | null }, client: Db = defaultDb()): Promise<SignInResult> {
  const email = normalizeEmail(input.email).slice(0, 320);
  const ip = input.ip ?? null;

  // One attempt per e-mail at a time, across replicas: otherwise a burst of parallel guesses
  // would all be checked before any failure is recorded, and the lock-out would never trigger.
  // Times come from the database clock, the same clock that stamps the audit rows.
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`portal.sign-in:${email}`}))`;
      const now = (await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;

      const until = await lockedUntil(tx, email, now);
      if (until) {
        await recordAudit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "denied", ip, details: { reason: "locked", until: until.toISOString() } });
        return { status: "locked" as const, until };
      }

      const user = await tx.user.findUnique({ where: { email }, omit: { passwordHash: false } });
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !passwordOk || user.disabled) {
        const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "disabled";
        await recordAudit(tx, { actor: null, action: "auth.sign_in", subject: email, outcome: "failure", ip, details: { reason } });
        return { status: "invalid" as const };
      }

      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
      await recordAudit(tx, { actor: { id: user.id, email: user.email }, action: "auth.sign_in", subject: email, outcome: "success", ip });
      return { status: "ok" as const, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
