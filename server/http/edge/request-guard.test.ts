// The edge's refusals, as a browser or attacker would meet them: every state-changing request
// from another origin (another port of the same host included), NUL bytes, oversized or
// mistyped bodies and huge batches are refused with a status and a message that says why,
// before Next.js reads anything. Legitimate requests from the portal's own pages pass.
import { describe, expect, it } from "vitest";
import { guardRequest } from "./request-guard";
import type { EdgeConfig, EdgeRequest } from "./own-origin";

const OWN = "http://127.0.0.1:3000";
const config: EdgeConfig = { trustedProxies: [], dev: false };

function request(overrides: Partial<Omit<EdgeRequest, "headers">> & { headers?: EdgeRequest["headers"] } = {}): EdgeRequest {
  return {
    method: "POST",
    url: "/api/trpc/users.create",
    remoteAddress: "127.0.0.1",
    encrypted: false,
    ...overrides,
    headers: { host: "127.0.0.1:3000", "content-type": "application/json", "content-length": "20", ...overrides.headers },
  };
}

const sameOrigin = { origin: OWN, "sec-fetch-site": "same-origin" };

describe("cross-origin requests that change state", () => {
  it.each([
    ["another port of the same host (same-site, not same-origin)", { origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site" }],
    ["another port, no Sec-Fetch-Site (older browser)", { origin: "http://127.0.0.1:4000" }],
    ["another site", { origin: "http://evil.example:4000", "sec-fetch-site": "cross-site" }],
    ["another site claiming same-origin fetch metadata", { origin: "http://evil.example", "sec-fetch-site": "same-origin" }],
    ["https instead of http", { origin: "https://127.0.0.1:3000" }],
    ["localhost instead of 127.0.0.1", { origin: "http://localhost:3000" }],
    ["a sandboxed frame or file: page (Origin null)", { origin: "null" }],
    ["cross-site fetch metadata without Origin", { "sec-fetch-site": "cross-site" }],
    ["same-site subdomain", { origin: "http://sub.127.0.0.1:3000", "sec-fetch-site": "same-site" }],
    ["a Referer from another port, no Origin", { referer: "http://127.0.0.1:4000/attack.html" }],
    ["an unparseable Referer, no Origin", { referer: "not a url" }],
    ["the portal's origin as a prefix of another", { origin: "http://127.0.0.1:30000" }],
  ])("are refused with 403: %s", (_label, headers) => {
    const refusal = guardRequest(request({ headers }), config);
    expect(refusal?.status).toBe(403);
    expect(refusal?.message).toMatch(/^Cross-origin request refused: this portal only accepts changes from its own pages \(/);
  });

  it("names the foreign origin in the message", () => {
    expect(guardRequest(request({ headers: { origin: "http://evil.example:4000", "sec-fetch-site": "cross-site" } }), config)?.message).toBe(
      "Cross-origin request refused: this portal only accepts changes from its own pages (Origin http://evil.example:4000).",
    );
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("covers every state-changing method: %s", (method) => {
    expect(
      guardRequest(request({ method, url: "/api/storage/upload?bucket=raw&key=a.csv", headers: { origin: "http://127.0.0.1:4000", "content-type": "text/csv" } }), config)?.status,
    ).toBe(403);
  });

  it.each([
    ["/api/sql/execute", "application/json"],
    ["/api/sql/download", "application/x-www-form-urlencoded"],
    ["/api/auth/signout", "application/x-www-form-urlencoded"],
    ["/api/auth/callback/credentials", "application/x-www-form-urlencoded"],
    ["/api/storage/upload?bucket=raw&key=x", "application/octet-stream"],
  ])("covers %s", (url, contentType) => {
    expect(guardRequest(request({ url, headers: { origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site", "content-type": contentType } }), config)?.status).toBe(403);
  });

  it.each([
    ["the portal's own page", sameOrigin],
    ["a typed-in address (Sec-Fetch-Site none)", { origin: OWN, "sec-fetch-site": "none" }],
    ["a script without browser headers (API client, curl)", {}],
    ["an own Referer without Origin", { referer: `${OWN}/sql` }],
    ["an Origin in other letter case", { origin: "HTTP://127.0.0.1:3000" }],
  ])("let through: %s", (_label, headers) => {
    expect(guardRequest(request({ headers }), config)).toBeNull();
  });

  it("let safe methods through from anywhere (they change nothing)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(guardRequest(request({ method, url: "/api/auth/signout", headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } }), config)).toBeNull();
    }
  });

  it("take NEXTAUTH_URL as the own origin when set, whatever the Host header says", () => {
    const behindName: EdgeConfig = { ...config, publicUrl: "https://portal.example.com/" };
    expect(guardRequest(request({ headers: { host: "evil.example", origin: "http://evil.example" } }), behindName)?.status).toBe(403);
    expect(guardRequest(request({ headers: { host: "10.0.0.7:3000", origin: "https://portal.example.com" } }), behindName)).toBeNull();
  });

  it("believe X-Forwarded-Host/-Proto only from a trusted proxy", () => {
    const headers = { host: "portal:3000", "x-forwarded-host": "portal.example.com", "x-forwarded-proto": "https", origin: "https://portal.example.com" };
    expect(guardRequest(request({ headers, remoteAddress: "10.0.0.5" }), config)?.status).toBe(403);
    const trusted: EdgeConfig = { ...config, trustedProxies: [{ address: "10.0.0.0", prefix: 8, family: 4 }] };
    expect(guardRequest(request({ headers, remoteAddress: "::ffff:10.0.0.5" }), trusted)).toBeNull();
    expect(guardRequest(request({ headers, remoteAddress: "192.168.1.9" }), trusted)?.status).toBe(403);
  });
});

describe("bodies", () => {
  it.each([
    ["/api/auth/callback/credentials", "application/x-www-form-urlencoded", 100 * 1024 * 1024, /sign-in accepts at most 64 KB \(this request declares 100 MB\)/],
    ["/api/auth/signout", "application/x-www-form-urlencoded", 65 * 1024, /sign-in accepts at most 64 KB/],
    ["/api/trpc/users.create", "application/json", 2 * 1024 * 1024 + 1, /the API \(tRPC\) accepts at most 2 MB/],
    ["/api/sql/execute", "application/json", 3 * 1024 * 1024, /SQL execution accepts at most 2 MB/],
    ["/api/sql/download", "application/x-www-form-urlencoded", 50 * 1024 * 1024, /SQL downloads accepts at most 2 MB/],
    ["/api/v1/unknown", "application/json", 5 * 1024 * 1024, /this address accepts at most 1 MB/],
  ])("declared over the cap → 413 before reading: %s", (url, contentType, length, message) => {
    const refusal = guardRequest(request({ url, headers: { ...sameOrigin, "content-type": contentType, "content-length": String(length) } }), config);
    expect(refusal?.status).toBe(413);
    expect(refusal?.message).toMatch(/^Request body too large: /);
    expect(refusal?.message).toMatch(message);
  });

  it("uploads are not capped here (the object store applies the bucket's limit)", () => {
    expect(
      guardRequest(
        request({
          method: "PUT",
          url: "/api/storage/upload?bucket=raw&key=big.bin",
          headers: { ...sameOrigin, "content-type": "application/octet-stream", "content-length": String(10 * 1024 ** 3) },
        }),
        config,
      ),
    ).toBeNull();
  });

  it("a body of exactly the cap passes", () => {
    expect(guardRequest(request({ url: "/api/sql/execute", headers: { ...sameOrigin, "content-length": String(2 * 1024 * 1024) } }), config)).toBeNull();
  });

  it.each([
    ["/api/trpc/sql.saved.create", "text/plain"],
    ["/api/trpc/sql.saved.create", "application/x-www-form-urlencoded"],
    ["/api/trpc/sql.saved.create", "multipart/form-data; boundary=x"],
    ["/api/sql/execute", "text/plain;charset=UTF-8"],
    ["/api/sql/execute", "application/x-www-form-urlencoded"],
    ["/api/sql/download", "multipart/form-data; boundary=x"],
    ["/api/auth/callback/credentials", "text/plain"],
    ["/api/trpc/users.create", undefined],
  ])("in a format the route does not take → 415: %s %s", (url, contentType) => {
    const refusal = guardRequest(request({ url, headers: { ...sameOrigin, "content-type": contentType } }), config);
    expect(refusal?.status).toBe(415);
    expect(refusal?.message).toMatch(/^Refused: POST \S+ accepts only application\/(json|x-www-form-urlencoded)\b.* bodies, not /);
  });

  it("takes the formats the portal's own pages send", () => {
    expect(guardRequest(request({ url: "/api/trpc/users.create", headers: { ...sameOrigin, "content-type": "application/json; charset=utf-8" } }), config)).toBeNull();
    expect(guardRequest(request({ url: "/api/sql/download", headers: { ...sameOrigin, "content-type": "application/x-www-form-urlencoded" } }), config)).toBeNull();
    expect(guardRequest(request({ url: "/api/auth/callback/credentials", headers: { ...sameOrigin, "content-type": "application/x-www-form-urlencoded" } }), config)).toBeNull();
    expect(guardRequest(request({ method: "PUT", url: "/api/storage/upload?bucket=raw&key=a.png", headers: { ...sameOrigin, "content-type": "image/png" } }), config)).toBeNull();
    // A POST without a body needs no type (next-auth's sign-out from a script, say).
    expect(guardRequest(request({ url: "/api/auth/signout", headers: { ...sameOrigin, "content-type": undefined, "content-length": "0" } }), config)).toBeNull();
  });
});

describe("NUL bytes and batches", () => {
  it.each([
    "/api/trpc/users.list%00",
    "/buckets/raw%00/x",
    "/api/storage/download?bucket=raw&key=a%00.csv",
    "/catalog?q=%00",
    "/sql\0",
    "/api/trpc/catalog.search?input=%7B%22json%22%3A%7B%22q%22%3A%22a%5Cu0000b%22%7D%7D",
  ])("in the address → 400: %s", (url) => {
    const refusal = guardRequest(request({ method: "GET", url, headers: {} }), config);
    expect(refusal).toEqual({ status: 400, message: expect.stringMatching(/^Refused: the (address|request) contains a NUL byte/) });
  });

  it("an escaped backslash before u0000 is text, not a NUL", () => {
    const input = encodeURIComponent(JSON.stringify({ json: { q: "C:\\u0000" } }));
    expect(guardRequest(request({ method: "GET", url: `/api/trpc/catalog.search?input=${input}`, headers: {} }), config)).toBeNull();
  });

  it.each([21, 50, 1000])("a tRPC batch of %i calls → 413", (size) => {
    const url = `/api/trpc/${Array.from({ length: size }, () => "auth.session").join(",")}?batch=1`;
    const refusal = guardRequest(request({ method: "GET", url, headers: {} }), config);
    expect(refusal).toEqual({ status: 413, message: `Refused: a batch may hold at most 20 API calls; this one holds ${size}.` });
  });

  it("a batch of 20 passes", () => {
    const url = `/api/trpc/${Array.from({ length: 20 }, () => "auth.session").join(",")}?batch=1`;
    expect(guardRequest(request({ method: "GET", url, headers: {} }), config)).toBeNull();
  });
});
