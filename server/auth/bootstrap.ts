// First-start set-up that must happen exactly once even when several replicas start together:
// the shared session secret and the first admin account.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { recordAudit } from "../audit/audit";
import { generatePassword, hashPassword } from "./password";
import { normalizeEmail } from "./sign-in";

const SECRET_KEY = "auth.session_secret";

/** The configured NEXTAUTH_SECRET, else one generated once and kept in portal_settings. */
export async function ensureAuthSecret(client: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await client.$executeRaw`INSERT INTO portal_settings (key, value) VALUES (${SECRET_KEY}, to_jsonb(${randomBytes(48).toString("base64url")}::text)) ON CONFLICT (key) DO NOTHING`;
  const row = await client.portalSetting.findUniqueOrThrow({ where: { key: SECRET_KEY } });
  return String(row.value);
}

export const DEFAULT_ADMIN_EMAIL = "admin@portal.local";

export type BootstrapAdminResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

/** With no users at all, creates the first admin from the configuration or a random password. */
export async function ensureFirstAdmin(client: Db, config: { email?: string; password?: string }): Promise<BootstrapAdminResult> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal.bootstrap-admin'))`;
    if ((await tx.user.count()) > 0) return { created: false as const };
    const email = normalizeEmail(config.email ?? DEFAULT_ADMIN_EMAIL);
    const generatedPassword = config.password ? null : generatePassword();
    const user = await tx.user.create({
      data: { email, name: "Administrator", role: "admin", passwordHash: await hashPassword(config.password ?? generatedPassword!) },
    });
    await recordAudit(tx, { actor: null, action: "user.created", subject: email, outcome: "success", details: { userId: user.id, role: "admin", reason: "first start" } });
    return { created: true as const, email, generatedPassword };
  });
}
