// Sign-in lock-out: after MAX_FAILURES failed sign-ins for one e-mail within WINDOW, further
// attempts are refused until the oldest of those failures is WINDOW old. A successful sign-in
// or an admin's password reset (or re-enabling) clears the count. Read from the audit log, so every replica
// sees the same state; works for unknown e-mails too, so it reveals nothing about accounts.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/** Audit actions that start a fresh count for an e-mail. */
const RESETTING_ACTIONS = ["user.password_reset", "user.enabled"];

export async function lockedUntil(client: Pick<Db, "auditEvent"> | Prisma.TransactionClient, email: string, now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lastReset = await client.auditEvent.findFirst({
    where: {
      subject: email,
      at: { gt: windowStart },
      OR: [{ action: "auth.sign_in", outcome: "success" }, { action: { in: RESETTING_ACTIONS } }],
    },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const since = lastReset && lastReset.at > windowStart ? lastReset.at : windowStart;
  const failures = await client.auditEvent.findMany({
    where: { action: "auth.sign_in", outcome: "failure", subject: email, at: { gt: since } },
    orderBy: { at: "desc" },
    take: MAX_FAILURES,
    select: { at: true },
  });
  if (failures.length < MAX_FAILURES) return null;
  const oldest = failures[failures.length - 1]!.at;
  const until = new Date(oldest.getTime() + WINDOW_MS);
  return until > now ? until : null;
}
