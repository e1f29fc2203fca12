// The headers every answer carries: what a browser enforces for the portal's pages.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

const base = { nonce: "abc123==", https: false, dev: false };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("Content-Security-Policy", () => {
  it("allows scripts only with this response's nonce, never eval in production", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "'report-sample'"]);
    expect(contentSecurityPolicy(base)).not.toContain("unsafe-eval");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("forbids framing, plugins, foreign forms and base URLs", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("worker-src")).toEqual(["'self'"]);
  });

  it("lets image previews come from the S3 endpoint when there is one", () => {
    const csp = directives(contentSecurityPolicy({ ...base, imageOrigins: ["https://s3.example.com"] }));
    expect(csp.get("img-src")).toContain("https://s3.example.com");
  });

  it("allows eval only for next dev's overlay", () => {
    expect(directives(contentSecurityPolicy({ ...base, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("uses a fresh, unguessable nonce per response", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64").byteLength).toBe(16);
  });
});

describe("the other headers", () => {
  it("are set on every answer", () => {
    const headers = securityHeaders(base);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(headers["permissions-policy"]).toContain(`${feature}=()`);
  });

  it("send HSTS only over HTTPS", () => {
    expect(securityHeaders(base)["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders({ ...base, https: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
