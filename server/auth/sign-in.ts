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

  const until = await lockedUntil(client, email);
  if (until) {
    await recordAudit(client, { actor: null, action: "auth.sign_in", subject: email, outcome: "denied", ip, details: { reason: "locked", until: until.toISOString() } });
    return { status: "locked", until };
  }

  const user = await client.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || user.disabled) {
    const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "disabled";
    await recordAudit(client, { actor: null, action: "auth.sign_in", subject: email, outcome: "failure", ip, details: { reason } });
    return { status: "invalid" };
  }

  await client.$transaction([
    client.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    client.auditEvent.create({ data: { actorId: user.id, actorEmail: user.email, action: "auth.sign_in", subject: email, outcome: "success", ip } }),
  ]);
  return { status: "ok", user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
