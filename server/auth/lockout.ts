// Sign-in lock-outs, read from the audit log so every replica sees the same state:
//
// - Per account: after MAX_FAILURES failed sign-ins for one e-mail within WINDOW_MS, further
//   attempts are refused until the oldest of those failures is WINDOW_MS old. A successful
//   sign-in, an admin's unlock, password reset or re-enabling starts a fresh count. Works for
//   unknown e-mails too, so a lock-out reveals nothing about which accounts exist.
// - Per client address: after MAX_ADDRESS_FAILURES failures from one address within
//   ADDRESS_WINDOW_MS (whatever the e-mails), that address may not sign in to any account until
//   the oldest of those failures is ADDRESS_WINDOW_MS old. This stops password spraying (a few
//   guesses at each of many accounts), which the per-account limit never sees. Successes do not
//   reset it: an attacker with one valid account must not be able to wipe the count.
//   30 in 15 minutes: six accounts' worth of the per-account limit, far above what the people
//   behind one office NAT mistype in a quarter of an hour, far below what spraying needs.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_ADDRESS_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

/** Audit actions that start a fresh count for an e-mail (besides a successful sign-in). */
export const RESETTING_ACTIONS = ["user.password_reset", "user.enabled", "user.unlocked"];

type Reader = Pick<Db, "$queryRaw"> | Prisma.TransactionClient;

export type LockState = { scope: "account" | "address"; until: Date } | null;

/** When the account lock of each of these (normalised) e-mails ends; absent: not locked. */
export async function accountLocks(client: Reader, emails: readonly string[], now = new Date()): Promise<Map<string, Date>> {
  const locks = new Map<string, Date>();
  if (emails.length === 0) return locks;
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  // Per e-mail: the failures after the latest reset inside the window, newest first; the
  // MAX_FAILURES-th of them (if any) is the oldest failure that keeps the account locked.
  const rows = await client.$queryRaw<{ subject: string; at: Date }[]>`
    WITH resets AS (
      SELECT subject, max(at) AS at FROM audit_events
      WHERE subject = ANY(${[...emails]}::text[]) AND at > ${windowStart}
        AND ((action = 'auth.sign_in' AND outcome = 'success') OR action = ANY(${RESETTING_ACTIONS}::text[]))
      GROUP BY subject
    ), ranked AS (
      SELECT f.subject, f.at, row_number() OVER (PARTITION BY f.subject ORDER BY f.at DESC) AS n
      FROM audit_events f LEFT JOIN resets r ON r.subject = f.subject
      WHERE f.action = 'auth.sign_in' AND f.outcome = 'failure' AND f.subject = ANY(${[...emails]}::text[])
        AND f.at > ${windowStart} AND (r.at IS NULL OR f.at > r.at)
    )
    SELECT subject, at FROM ranked WHERE n = ${MAX_FAILURES}`;
  for (const row of rows) {
    const until = new Date(row.at.getTime() + WINDOW_MS);
    if (until > now) locks.set(row.subject, until);
  }
  return locks;
}

/** When the account lock of this (normalised) e-mail ends; null when it is not locked. */
export async function lockedUntil(client: Reader, email: string, now = new Date()): Promise<Date | null> {
  return (await accountLocks(client, [email], now)).get(email) ?? null;
}

/** When the lock of this client address ends; null when it is not locked (or unknown). */
export async function addressLockedUntil(client: Reader, ip: string | null, now = new Date()): Promise<Date | null> {
  if (!ip) return null;
  const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const rows = await client.$queryRaw<{ at: Date }[]>`
    SELECT at FROM audit_events
    WHERE action = 'auth.sign_in' AND outcome = 'failure' AND ip = ${ip} AND at > ${windowStart}
    ORDER BY at DESC OFFSET ${MAX_ADDRESS_FAILURES - 1} LIMIT 1`;
  const oldest = rows[0]?.at;
  if (!oldest) return null;
  const until = new Date(oldest.getTime() + ADDRESS_WINDOW_MS);
  return until > now ? until : null;
}

/** The lock that refuses this attempt, the account's first; null when sign-in may proceed. */
export async function lockFor(client: Reader, email: string, ip: string | null, now: Date): Promise<LockState> {
  const account = await lockedUntil(client, email, now);
  if (account) return { scope: "account", until: account };
  const address = await addressLockedUntil(client, ip, now);
  return address ? { scope: "address", until: address } : null;
}

/** The database's clock, which also stamps the audit rows the lock-outs are computed from. */
export async function databaseNow(client: Reader): Promise<Date> {
  return (await client.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
}
