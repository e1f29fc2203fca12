// POST /signin/lock-status {"email": "..."} → {"message": string | null}: after the sign-in form
// was refused with a lock-out code, the form asks here how long the lock lasts, so the text the
// page shows is decided by the server from the database, never taken from a URL. Reveals no
// more than a sign-in attempt would (unknown e-mails lock the same way) and records nothing.
import { z } from "zod";
import { getConfig } from "@/server/config/env";
import { db, isDatabaseUnavailable } from "@/server/db/client";
import { clientAddressOf } from "@/server/auth/client-address";
import { databaseNow, lockFor } from "@/server/auth/lockout";
import { MAX_EMAIL_BYTES, normalizeEmail } from "@/server/auth/sign-in";
import { DATABASE_UNAVAILABLE_SIGN_IN_MESSAGE, lockMessage } from "@/lib/auth/sign-in-errors";
import { jsonError } from "@/server/http/with-auth";

const body = z.object({ email: z.string().min(1).max(MAX_EMAIL_BYTES) });

export async function POST(req: Request): Promise<Response> {
  if (!req.headers.get("content-type")?.startsWith("application/json")) return jsonError(415, "Send the e-mail as JSON.");
  // Refuse a large body before reading it (an e-mail is at most 320 bytes).
  if (Number(req.headers.get("content-length") ?? 0) > 4 * MAX_EMAIL_BYTES) return jsonError(413, "This request is too large.");
  const text = await req.text();
  if (text.length > 4 * MAX_EMAIL_BYTES) return jsonError(413, "This request is too large.");
  let parsed: z.infer<typeof body>;
  try {
    parsed = body.parse(JSON.parse(text));
  } catch {
    return jsonError(400, 'Send the e-mail of the refused sign-in as {"email": "..."}.');
  }
  try {
    const client = db();
    const lock = await lockFor(client, normalizeEmail(parsed.email), clientAddressOf(req.headers, getConfig().PORTAL_TRUSTED_PROXIES), await databaseNow(client));
    return Response.json({ message: lock ? lockMessage(lock) : null });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ message: DATABASE_UNAVAILABLE_SIGN_IN_MESSAGE });
    throw err;
  }
}
