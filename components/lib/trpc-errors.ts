// Reading the errors that tRPC procedures return. The server writes `message` for people and
// adds `data.code` and `data.fieldErrors` (see server/api/trpc.ts); pages show those as they are.

type ErrorLike = { message?: unknown; data?: { code?: unknown; fieldErrors?: unknown } | null } | null | undefined;

export function errorCode(error: unknown): string | null {
  const code = (error as ErrorLike)?.data?.code;
  return typeof code === "string" ? code : null;
}

/** Field messages for forms, e.g. `{ email: ["This e-mail is already in use."] }`. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const errors = (error as ErrorLike)?.data?.fieldErrors;
  return errors && typeof errors === "object" ? (errors as Record<string, string[]>) : {};
}

/** True when the portal's database (not the request) is the problem: worth a Retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (errorCode(error) === "SERVICE_UNAVAILABLE") return true;
  const message = (error as ErrorLike)?.message;
  return typeof message === "string" && /database (is )?unavailable|database.*(unreachable|cannot be reached)/i.test(message);
}

/** A message fit to show: the server's own words, or a plain fallback for network failures. */
export function errorMessage(error: unknown, fallback = "Something went wrong. Please try again."): string {
  const message = (error as ErrorLike)?.message;
  if (typeof message !== "string" || !message) return fallback;
  // fetch() failures surface as TypeErrors with browser-specific wording.
  if (/failed to fetch|networkerror|load failed|network request failed/i.test(message)) {
    return "The portal cannot be reached. Check your connection and try again.";
  }
  return message;
}
