// Who is making this request, read fresh from the database: a session only names a user; the
// user's current role, disabled flag and session version decide what the request may do, and a
// session ended by signing out (server/auth/sessions.ts) is nobody's.
import { getServerSession } from "next-auth";
import { db, type Db } from "../db/client";
import { authOptions } from "./options";
import { isSessionId, isSessionRevoked } from "./sessions";
import type { Role } from "../../lib/auth/roles";
import type { Scope } from "../../lib/auth/scopes";

/**
 * `token` is set when the request came with a personal API token (server/auth/api-tokens.ts)
 * instead of a session: the user is then the token's owner, with the role the database holds now.
 */
export type CurrentUser = { id: string; email: string; name: string; role: Role; token?: { id: string; prefix: string; scopes: Scope[] } };

export async function loadActiveUser(id: string, sessionVersion: number, client: Db = db()): Promise<CurrentUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await client.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The user of a session, or null when the session was revoked (or predates session ids). */
export async function loadSessionUser(session: { userId: string; sessionVersion: number; sessionId: string }, client: Db = db()): Promise<CurrentUser | null> {
  if (!isSessionId(session.sessionId) || (await isSessionRevoked(client, session.sessionId))) return null;
  return loadActiveUser(session.userId, session.sessionVersion, client);
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return loadSessionUser({ userId: session.user.id, sessionVersion: session.user.sessionVersion, sessionId: session.user.sessionId });
}
