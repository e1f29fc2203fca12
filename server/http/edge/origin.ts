// Cross-site request forgery: a page on another site (or on another port of this host, which is
// "same-site" but not the same origin) must not make a signed-in browser change anything here.
// Browsers say where a request comes from in Sec-Fetch-Site and Origin (Referer as a fallback);
// every method that can change state must come from the portal's own origin. A request that
// carries none of the three is not from a browser (scripts, scrapers), so no browser's cookies
// can be ridden: it passes, and authentication decides; so does one with an API token and no cookie.
import { ownOrigin, type EdgeConfig, type EdgeRequest } from "./own-origin";
import type { Refusal } from "./refusal";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

function header(req: EdgeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

function refusal(why: string): Refusal {
  return { status: 403, message: `Cross-origin request refused: this portal only accepts changes from its own pages (${why.slice(0, 200)}).` };
}

/**
 * An API token sent without any cookie: its credential is one the sender chose to write into the
 * request, not one a browser adds on its own, so another site cannot ride it (and a page that
 * knows a token needs no forgery). With a cookie, the request stays under the origin rules.
 */
function carriesOnlyBearer(req: EdgeRequest): boolean {
  return /^Bearer[ ]+\S/i.test(header(req, "authorization") ?? "") && header(req, "cookie") === undefined;
}

export function crossOriginRefusal(req: EdgeRequest, config: EdgeConfig): Refusal | null {
  if (isSafeMethod(req.method) || carriesOnlyBearer(req)) return null;
  const site = header(req, "sec-fetch-site")?.toLowerCase();
  const origin = header(req, "origin");
  const referer = header(req, "referer");
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return refusal(origin ? `Origin ${origin}` : `Sec-Fetch-Site ${site}`);
  }
  const own = ownOrigin(req, config);
  if (origin !== undefined) {
    // "null" is what sandboxed frames, file: pages and some redirects send.
    if (own === null || origin.toLowerCase() !== own.toLowerCase()) return refusal(`Origin ${origin}`);
    return null;
  }
  if (referer !== undefined) {
    const from = originOf(referer);
    if (own === null || from.toLowerCase() !== own.toLowerCase()) return refusal(`Referer from ${from}`);
  }
  return null;
}
