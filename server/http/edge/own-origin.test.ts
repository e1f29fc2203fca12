// Which origin counts as the portal's own, and when forwarded headers are believed.
import { describe, expect, it } from "vitest";
import { imageOriginsOf, ownOrigin, requestScheme, type EdgeConfig, type EdgeRequest } from "./own-origin";

const config: EdgeConfig = {
  trustedProxies: [
    { address: "10.0.0.0", prefix: 8, family: 4 },
    { address: "::1", prefix: 128, family: 6 },
  ],
  dev: false,
};
const req = (headers: EdgeRequest["headers"], remoteAddress = "203.0.113.9", encrypted = false): EdgeRequest => ({ method: "POST", url: "/", headers, remoteAddress, encrypted });

describe("ownOrigin", () => {
  it("is the Host with the connection's scheme", () => {
    expect(ownOrigin(req({ host: "127.0.0.1:3000" }), config)).toBe("http://127.0.0.1:3000");
    expect(ownOrigin(req({ host: "portal.example.com" }, "203.0.113.9", true), config)).toBe("https://portal.example.com");
    expect(ownOrigin(req({ host: "portal.example.com:80" }), config)).toBe("http://portal.example.com");
  });

  it("ignores forwarded headers from anyone but a trusted proxy", () => {
    const headers = { host: "portal:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(ownOrigin(req(headers), config)).toBe("http://portal:3000");
    expect(ownOrigin(req(headers, "10.1.2.3"), config)).toBe("https://evil.example");
    expect(ownOrigin(req(headers, "::1"), config)).toBe("https://evil.example");
    expect(requestScheme(req(headers), config)).toBe("http");
  });

  it("is NEXTAUTH_URL's origin when set", () => {
    expect(ownOrigin(req({ host: "x" }), { ...config, publicUrl: "https://portal.example.com/base" })).toBe("https://portal.example.com");
    expect(requestScheme(req({ host: "x" }), { ...config, publicUrl: "https://portal.example.com" })).toBe("https");
  });

  it.each([{}, { host: "bad host name" }, { host: "[::1" }])("is null for a missing or malformed Host (so nothing matches it): %j", (headers) => {
    expect(ownOrigin(req(headers), config)).toBeNull();
  });
});

describe("imageOriginsOf", () => {
  it("is the public S3 endpoint, with bucket subdomains for virtual-hosted addressing", () => {
    expect(imageOriginsOf({ S3_FORCE_PATH_STYLE: true })).toEqual([]);
    expect(imageOriginsOf({ S3_ENDPOINT: "http://minio:9000", S3_PUBLIC_ENDPOINT: "https://s3.example.com", S3_FORCE_PATH_STYLE: true })).toEqual(["https://s3.example.com"]);
    expect(imageOriginsOf({ S3_ENDPOINT: "https://s3.amazonaws.com", S3_FORCE_PATH_STYLE: false })).toEqual(["https://s3.amazonaws.com", "https://*.s3.amazonaws.com"]);
  });
});
