import { signInErrorMessage } from "@/server/auth/sign-in-errors";

/**
 * The message for a next-auth sign-in error code (see server/auth/sign-in-errors.ts). A database
 * outage reaches the page as the raw error text (or as "unavailable" once the server maps it):
 * say what it means instead of "Sign-in failed".
 */
export function signInMessage(code: string | null | undefined): string | null {
  if (code && /^unavailable$|database|ECONNREFUSED|ETIMEDOUT/i.test(code)) {
    return "The portal's database is unavailable right now, so nobody can sign in. Please try again in a moment.";
  }
  return signInErrorMessage(code);
}
