// What the sign-in page may say, and nothing else. The error code next-auth hands back travels
// in a URL (`/signin?error=...`) that anyone can craft and send to somebody, so a code only
// selects one of these fixed texts, and a code never carries data: a lock-out's remaining time
// is asked from the server for the e-mail just refused (app/signin/lock-status), never read
// from the URL.
// Isomorphic (lib/): the sign-in form shows these texts in the browser, the server picks the codes.

/** The codes server/auth/options.ts throws from `authorize` (next-auth's own: CredentialsSignin, ...). */
export const SIGN_IN_ERROR = {
  locked: "locked",
  addressLocked: "address_locked",
  unavailable: "unavailable",
  failed: "error",
  /** Password sign-in is off and this e-mail is not a break-glass admin's. */
  localOff: "local_off",
} as const;

/** The codes a refused single sign-on sends back (server/auth/oidc/provider.ts). */
export const SSO_SIGN_IN_ERROR = {
  rules: "sso_refused",
  claims: "sso_claims",
  disabled: "sso_disabled",
  unlinked: "sso_unlinked",
} as const;

const SSO_MESSAGES: Record<string, string> = {
  [SSO_SIGN_IN_ERROR.rules]: "Your identity provider signed you in, but your account there is not allowed to use this portal. Ask an administrator to give you access.",
  [SSO_SIGN_IN_ERROR.claims]:
    "Your identity provider did not send what the portal needs (an e-mail address and a subject), so you cannot be signed in. Ask an administrator to check the single sign-on set-up.",
  [SSO_SIGN_IN_ERROR.disabled]: "Your portal account is disabled. Ask an administrator.",
  [SSO_SIGN_IN_ERROR.unlinked]:
    "A portal account with your e-mail already exists but is not linked to single sign-on, and your identity provider did not confirm the address. Ask an administrator.",
  [SIGN_IN_ERROR.localOff]: "Sign-in with e-mail and password is turned off. Use single sign-on instead.",
  // next-auth's codes when the provider cannot be reached or answers something unexpected.
  OAuthSignin: "The single sign-on provider cannot be reached right now. Try again in a moment, or ask an administrator.",
  OAuthCallback: "The single sign-on provider's answer could not be accepted. Try again, or ask an administrator to check the set-up.",
  OAuthAccountNotLinked: "Single sign-on failed. Try again, or ask an administrator.",
};

export const WRONG_CREDENTIALS_MESSAGE = "Wrong e-mail or password.";
export const SIGN_IN_FAILED_MESSAGE = "Sign-in failed. Please try again.";
export const DATABASE_UNAVAILABLE_SIGN_IN_MESSAGE = "The portal's database is unavailable right now, so nobody can sign in. Please try again in a moment.";

// next-auth's own codes that reach pages.error for real failures; shown as the generic text.
const NEXT_AUTH_FAILURES = new Set(["Configuration", "AccessDenied", "Verification", "Default", "Callback"]);

/**
 * The text for a code, as the sign-in page shows it from the URL: fixed texts only. Lock-out
 * codes give null here (the URL cannot prove a lock-out, see lockMessage); so does any code
 * the portal never produces, so a crafted link shows nothing at all.
 */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return WRONG_CREDENTIALS_MESSAGE;
  if (code === "SessionRequired") return "Please sign in to continue.";
  if (code === SIGN_IN_ERROR.unavailable) return DATABASE_UNAVAILABLE_SIGN_IN_MESSAGE;
  if (Object.hasOwn(SSO_MESSAGES, code)) return SSO_MESSAGES[code]!;
  if (code === SIGN_IN_ERROR.failed || NEXT_AUTH_FAILURES.has(code)) return SIGN_IN_FAILED_MESSAGE;
  return null;
}

export function isLockCode(code: string | null | undefined): boolean {
  return code === SIGN_IN_ERROR.locked || code === SIGN_IN_ERROR.addressLocked;
}

/** The lock-out message for a lock the server found, rounded up to whole minutes. */
export function lockMessage(lock: { scope: "account" | "address"; until: Date }, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 60_000));
  const duration = `${minutes} more minute${minutes === 1 ? "" : "s"}`;
  if (lock.scope === "address") {
    return `Too many failed sign-in attempts from your network address. Signing in from it is paused for ${duration}; try again later.`;
  }
  return `Too many failed sign-in attempts. This account is locked for ${duration}; try again later or ask an administrator to unlock it.`;
}
