// The error codes next-auth hands back to the sign-in page, and their user-facing messages.
// Shared by the server (which produces them) and the page (which shows them).
export const signInErrorCode = {
  locked: (until: Date) => `locked:${until.toISOString()}`,
};

export function signInErrorMessage(code: string | null | undefined, now = new Date()): string | null {
  if (!code) return null;
  if (code.startsWith("locked:")) {
    const until = new Date(code.slice("locked:".length));
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return `Too many failed sign-in attempts. This account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again later or ask an administrator to reset the password.`;
  }
  if (code === "CredentialsSignin") return "Wrong e-mail or password.";
  if (code === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Please try again.";
}
