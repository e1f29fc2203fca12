// Server-side end of a session. Sessions are JWT cookies (no session table: any replica can
// read them), so signing out alone would leave a copied cookie valid until it expires. Each
// sign-in gets a random session id inside the JWT; signing out records that id here, and every
// request refuses a revoked id. A row is only needed until the cookie would have expired anyway.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { HandlerArgs, PublicHandlerArgs } from "../handler";
import type { CurrentUser } from "./current-user";

/** auth.session: the signed-in user, or null, so pages adapt without throwing. */
export function signedInUser({ ctx }: PublicHandlerArgs): CurrentUser | null {
  return ctx.user;
}

/** auth.me: the signed-in user (the protected procedure answers UNAUTHORIZED to anyone else). */
export function currentUser({ ctx }: HandlerArgs): CurrentUser {
  return ctx.user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newSessionId(): string {
  return randomUUID();
}

export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Ends a session for good; also purges the rows of sessions that have expired by now. */
export async function revokeSession(client: Db, session: { sessionId: string; userId: string; expiresAt: Date }): Promise<void> {
  if (!isSessionId(session.sessionId) || !UUID.test(session.userId)) return;
  await client.$transaction([
    // Cheap (indexed on expires_at) and bounded by the sign-outs since the last purge.
    client.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    client.revokedSession.upsert({
      where: { sessionId: session.sessionId },
      create: { sessionId: session.sessionId, userId: session.userId, expiresAt: session.expiresAt },
      update: {},
    }),
  ]);
}

export async function isSessionRevoked(client: Db, sessionId: string): Promise<boolean> {
  return (await client.revokedSession.findUnique({ where: { sessionId }, select: { sessionId: true } })) !== null;
}
