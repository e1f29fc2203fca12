// Small helpers for the storage route handlers (app/api/storage/**).

/** The client's address as the tRPC context reads it (first X-Forwarded-For hop, X-Real-IP). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
