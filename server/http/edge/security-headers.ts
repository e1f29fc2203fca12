// Response headers for every page and route. The Content-Security-Policy allows scripts only
// with this response's nonce (Next.js puts the nonce it finds in the request's CSP header on its
// own inline and chunk scripts; 'strict-dynamic' lets those load the chunks they import), styles
// from the portal plus inline ones (Monaco and React's style attributes write them at run time),
// Monaco's web worker from the portal's own bundle, and nothing framing the portal.
import { randomBytes } from "node:crypto";

export type HeaderOptions = {
  nonce: string;
  /** Served over HTTPS (NEXTAUTH_URL https, TLS, or X-Forwarded-Proto from a trusted proxy). */
  https: boolean;
  /** `next dev` evaluates code for its overlay and hot reload; production never does. */
  dev: boolean;
  /** Origins images may come from besides the portal (the S3 endpoint of presigned previews). */
  imageOrigins?: readonly string[];
};

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(options: HeaderOptions): string {
  const images = ["'self'", "data:", "blob:", ...(options.imageOrigins ?? [])];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'report-sample': a violation report quotes the start of the blocked script, to find its source.
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", "'report-sample'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": images,
    "media-src": images,
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(options.dev ? ["ws:", "wss:"] : [])],
    "worker-src": ["'self'"],
    // The download buttons post into a hidden frame of our own.
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(options),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()",
    "cross-origin-opener-policy": "same-origin",
  };
  // Only over HTTPS: on plain HTTP the header is ignored, and on localhost it would pin the
  // browser to https for every port of the host.
  if (options.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
