// Which address a request is counted (and audited) under: the socket's, unless the socket is a
// trusted proxy, and then only as far as the chain of trusted proxies reaches.
import { describe, expect, it } from "vitest";
import type { ProxyRange } from "../config/env";
import { canonicalAddress, clientAddressOf, resolveClientAddress, trustedProxyMatcher } from "./client-address";

const range = (address: string, prefix: number, family: 4 | 6): ProxyRange => ({ address, prefix, family });
const PROXIES = [range("10.0.0.0", 8, 4), range("192.0.2.10", 32, 4), range("fd00::", 8, 6)];
const isTrusted = trustedProxyMatcher(PROXIES);
const resolve = (peer: string | null, forwardedFor: string | null = null) => resolveClientAddress({ peer, forwardedFor, isTrusted });

describe("canonicalAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:cb00:7107", "203.0.113.7"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalAddress(input)).toBe(expected);
  });

  it.each(["", "unknown", "evil.example", "203.0.113", "999.1.1.1", "1.2.3.4.5", "<script>", "1.2.3.4\u0000", "::ffff:1.2.3.4.5", "2001:db8::1::2", "a".repeat(5000)])(
    "refuses %j (not an address)",
    (input) => {
      expect(canonicalAddress(input)).toBeNull();
    },
  );
});

describe("trustedProxyMatcher (CIDR)", () => {
  it.each([
    ["10.255.255.255", true],
    ["11.0.0.1", false],
    ["192.0.2.10", true],
    ["192.0.2.11", false],
    ["::ffff:10.1.2.3", true],
    ["fd12:3456::1", true],
    ["fe80::1", false],
    ["not an address", false],
  ])("%s trusted: %s", (address, trusted) => {
    expect(isTrusted(address)).toBe(trusted);
  });

  it("treats an IPv4-mapped IPv6 range as the IPv4 range it maps", () => {
    const mapped = trustedProxyMatcher([range("::ffff:172.16.0.0", 108, 6)]);
    expect(mapped("172.16.5.5")).toBe(true);
    expect(mapped("172.32.0.1")).toBe(false);
  });

  it("trusts nothing when no proxies are configured", () => {
    expect(trustedProxyMatcher([])("127.0.0.1")).toBe(false);
  });
});

describe("resolveClientAddress", () => {
  it("uses the socket's address when there is no proxy, IPv4 or IPv6", () => {
    expect(resolve("203.0.113.7")).toBe("203.0.113.7");
    expect(resolve("2001:db8::7")).toBe("2001:db8::7");
    expect(resolve("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it.each([
    ["a single forged address", "198.51.100.1"],
    ["a forged chain", "198.51.100.1, 10.0.0.1"],
    ["junk", "<script>alert(1)</script>"],
    ["an address of a trusted proxy", "10.0.0.1"],
  ])("ignores X-Forwarded-For from an untrusted peer: %s", (_, forwardedFor) => {
    expect(resolve("203.0.113.7", forwardedFor)).toBe("203.0.113.7");
  });

  it("believes the hop a trusted proxy appended", () => {
    expect(resolve("10.0.0.5", "198.51.100.1")).toBe("198.51.100.1");
    expect(resolve("::ffff:10.0.0.5", "2001:db8::9")).toBe("2001:db8::9");
  });

  it("walks several trusted hops from the right and stops at the first untrusted one", () => {
    // client → CDN edge (192.0.2.10) → ingress (10.1.1.1) → portal (peer 10.0.0.5)
    expect(resolve("10.0.0.5", "198.51.100.1, 192.0.2.10, 10.1.1.1")).toBe("198.51.100.1");
    expect(resolve("10.0.0.5", "198.51.100.1,192.0.2.10 ,  fd00::7")).toBe("198.51.100.1");
  });

  it("ignores whatever the client wrote to the left of the address its proxy saw", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the real address.
    expect(resolve("10.0.0.5", "1.1.1.1, 198.51.100.1")).toBe("198.51.100.1");
    expect(resolve("10.0.0.5", "1.1.1.1, 10.9.9.9, 198.51.100.1, 10.1.1.1")).toBe("198.51.100.1");
  });

  it("stops at the proxy that forwarded a hop that is not an address", () => {
    expect(resolve("10.0.0.5", "1.1.1.1, unknown")).toBe("10.0.0.5");
    expect(resolve("10.0.0.5", "1.1.1.1, garbage, 10.1.1.1")).toBe("10.1.1.1");
  });

  it("answers the furthest hop when the whole chain is trusted, or the proxy itself without the header", () => {
    expect(resolve("10.0.0.5", "10.2.2.2, 10.1.1.1")).toBe("10.2.2.2");
    expect(resolve("10.0.0.5", null)).toBe("10.0.0.5");
    expect(resolve("10.0.0.5", " , ,")).toBe("10.0.0.5");
  });

  it("knows no address without a peer (a request that did not come through the launcher)", () => {
    expect(resolve(null, "198.51.100.1")).toBeNull();
    expect(resolve("junk", "198.51.100.1")).toBeNull();
  });
});

describe("clientAddressOf (request headers)", () => {
  it("reads the launcher's peer header and every X-Forwarded-For header, from Fetch or Node headers", () => {
    const fetchHeaders = new Headers({ "x-portal-peer": "10.0.0.5", "x-forwarded-for": "198.51.100.1" });
    expect(clientAddressOf(fetchHeaders, PROXIES)).toBe("198.51.100.1");
    // Node joins repeated headers; next-auth hands them over as a plain object.
    expect(clientAddressOf({ "x-portal-peer": "10.0.0.5", "x-forwarded-for": ["1.1.1.1", "198.51.100.2"] }, PROXIES)).toBe("198.51.100.2");
    expect(clientAddressOf({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.3" }, PROXIES)).toBeNull();
    expect(clientAddressOf(undefined, PROXIES)).toBeNull();
  });

  it("ignores X-Real-IP and X-Forwarded-For when no proxy is trusted", () => {
    const headers = new Headers({ "x-portal-peer": "127.0.0.1", "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.3" });
    expect(clientAddressOf(headers, [])).toBe("127.0.0.1");
  });
});
