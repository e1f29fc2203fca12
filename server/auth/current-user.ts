// Who is making this request, read fresh from the database: a session only names a user; the
// user's current role, disabled flag and session version decide what the request may do.
import { getServerSession } from "next-auth";
import { db, type Db } from "../db/client";
import { authOptions } from "./options";
import type { Role } from "./roles";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

export async function loadActiveUser(id: string, sessionVersion: number, client: Db = db()): Promise<CurrentUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await client.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return loadActiveUser(session.user.id, session.user.sessionVersion);
}
