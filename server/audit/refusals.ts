// Refused requests in the audit log: a signed-in user whom a tRPC procedure answered FORBIDDEN
// (a role tier, or a domain rule such as "only its owner may change it") gets one `api.refused`
// row with the procedure's path, outcome "denied" (the log's word for a refusal, as sql.refused
// and token.refused use it), and the message they saw. The input is not stored: it may hold a
// secret the user tried to set.
//
// Kept cheap: one insert, and at most one row per user and procedure per REPEAT_WINDOW_MS in
// this process — a page that polls a procedure its user may not call would otherwise write a row
// every few seconds; the next row after the window counts the refusals left out.
// UNAUTHORIZED (no session) is not audited: every open tab of an expired session polls
// anonymously, there is no actor to name, and sign-in attempts are audited as auth.sign_in.
import type { Db } from "../db/client";
import { logger } from "../logger";
import { recordAudit } from "./audit";

export const REPEAT_WINDOW_MS = 60_000;
/** Beyond this many remembered (user, procedure) pairs the memory starts over: it only thins floods. */
const MAX_REMEMBERED = 10_000;

export type Refusal = { user: { id: string; email: string }; ip: string | null; path: string; type: string; message: string };

const lastWritten = new Map<string, { at: number; skipped: number }>();

/** Writes the refusal's audit row (unless one was written for this user and procedure within the window); never throws. */
export async function auditRefusal(client: Db, refusal: Refusal, now = Date.now()): Promise<boolean> {
  const key = `${refusal.user.id}\u0000${refusal.path}`;
  const last = lastWritten.get(key);
  if (last && now - last.at < REPEAT_WINDOW_MS) {
    last.skipped++;
    return false;
  }
  if (lastWritten.size >= MAX_REMEMBERED) lastWritten.clear();
  lastWritten.set(key, { at: now, skipped: 0 });
  try {
    await recordAudit(client, {
      actor: refusal.user,
      action: "api.refused",
      subject: refusal.path,
      outcome: "denied",
      ip: refusal.ip,
      details: { procedure: refusal.path, type: refusal.type, message: refusal.message.slice(0, 500), ...(last?.skipped ? { alsoRefusedBefore: last.skipped } : {}) },
    });
    return true;
  } catch (err) {
    // The user still gets their FORBIDDEN; a log line says the row is missing.
    logger.warn({ err: (err as Error).message, procedure: refusal.path }, "could not audit a refused request");
    return false;
  }
}

/** Tests: forget what was written (each test starts with an empty window). */
export function forgetRefusals(): void {
  lastWritten.clear();
}
