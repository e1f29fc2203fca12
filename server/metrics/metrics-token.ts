// GET /api/metrics may require "Authorization: Bearer <PORTAL_METRICS_TOKEN>". The comparison
// hashes both sides first, so it takes the same time whatever the length or content of a guess.
import { createHash, timingSafeEqual } from "node:crypto";

export const METRICS_TOKEN_REQUIRED = "The metrics need a token: send Authorization: Bearer <PORTAL_METRICS_TOKEN>.";
export const METRICS_TOKEN_WRONG = "Refused: the metrics token is wrong.";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** null when the request may read the metrics; otherwise the reason it may not. */
export function metricsAccessRefusal(authorization: string | null, token: string | undefined): string | null {
  if (!token) return null; // no token configured: open, as a scraper on the internal network expects
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return METRICS_TOKEN_REQUIRED;
  return timingSafeEqual(digest(match[1]!), digest(token)) ? null : METRICS_TOKEN_WRONG;
}
