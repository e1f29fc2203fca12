// Where to go after signing in. Only paths on this site are accepted ("/admin/users?x=1"), never
// another origin ("//evil.example", "https://…", "/\evil.example"), so the sign-in page cannot be
// used to send people elsewhere.
export function safeCallbackUrl(raw: string | string[] | null | undefined, fallback = "/"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  // Control characters (tabs, newlines) are dropped by URL parsers and could turn "/\t/x" into "//x".
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // Coming back to the sign-in page after signing in would be a loop.
  if (value === "/signin" || value.startsWith("/signin?") || value.startsWith("/signin/")) return fallback;
  return value;
}

/** The sign-in link for a page path, minus Next's internal `_rsc` cache-busting parameter. */
export function signInPathFor(requestPath: string | null | undefined): string {
  const target = safeCallbackUrl(stripRscParam(requestPath ?? "/"), "/");
  return target === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(target)}`;
}

function stripRscParam(path: string): string {
  const [pathname, query] = splitOnce(path, "?");
  if (query === undefined) return pathname;
  const params = new URLSearchParams(query);
  params.delete("_rsc");
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}
