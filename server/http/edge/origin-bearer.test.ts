// API tokens and the same-origin rule: a request whose only credential is an Authorization
// header it wrote itself cannot be a forgery (no browser adds that header on its own), so it
// passes the edge from anywhere and authentication decides; the moment a cookie rides along,
// the cross-origin refusal applies again.
import { describe, expect, it } from "vitest";
import { guardRequest } from "./request-guard";
import type { EdgeConfig, EdgeRequest } from "./own-origin";

const config: EdgeConfig = { trustedProxies: [], dev: false };
const TOKEN = `Bearer lhp_abcdefgh_${"x".repeat(43)}`;

function post(url: string, headers: EdgeRequest["headers"]): EdgeRequest {
  return {
    method: "POST",
    url,
    remoteAddress: "127.0.0.1",
    encrypted: false,
    headers: { host: "127.0.0.1:3000", "content-type": "application/json", "content-length": "20", ...headers },
  };
}

const foreign = { origin: "http://evil.example:4000", "sec-fetch-site": "cross-site" };

describe("cross-origin requests with an API token", () => {
  it.each(["/api/sql/execute", "/api/v1/lineage", "/api/sql/download"])("pass the edge with a Bearer token and no cookie: %s", (url) => {
    expect(guardRequest(post(url, { ...foreign, authorization: TOKEN }), config)).toBeNull();
  });

  it("passes an upload (PUT) with a token and no cookie", () => {
    const req = { ...post("/api/storage/upload?bucket=raw&key=a.csv", { ...foreign, authorization: TOKEN, "content-type": "text/csv" }), method: "PUT" };
    expect(guardRequest(req, config)).toBeNull();
  });

  it.each([
    ["a Bearer token and the session cookie", { authorization: TOKEN, cookie: "next-auth.session-token=abc" }],
    ["a Bearer token and any cookie", { authorization: TOKEN, cookie: "theme=dark" }],
    ["an empty Bearer credential", { authorization: "Bearer " }],
    ["Basic credentials", { authorization: "Basic dXNlcjpwYXNz" }],
  ])("are still refused with 403 when they carry %s", (_label, headers) => {
    const refusal = guardRequest(post("/api/sql/execute", { ...foreign, ...headers }), config);
    expect(refusal?.status).toBe(403);
    expect(refusal?.message).toBe("Cross-origin request refused: this portal only accepts changes from its own pages (Origin http://evil.example:4000).");
  });

  it("still holds a token request to its route's body rules (a form post to a JSON route is 415)", () => {
    const refusal = guardRequest(post("/api/sql/execute", { ...foreign, authorization: TOKEN, "content-type": "application/x-www-form-urlencoded" }), config);
    expect(refusal?.status).toBe(415);
  });
});
