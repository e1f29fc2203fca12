// The address of the client behind a request, as the operator's network proves it, not as the
// client claims it. X-Forwarded-For is believed only when the connection itself comes from a
// proxy named in PORTAL_TRUSTED_PROXIES, and only as far as the chain of trusted proxies goes:
// walking from the right (the hop nearest to us), every trusted hop is skipped and the first
// untrusted one is the client. Entries further left were written by the client and are ignored.
import { BlockList, isIP } from "node:net";
import type { ProxyRange } from "../config/env";

/** The header the launcher (server/main.ts) sets from the socket; incoming copies are removed. */
export const PEER_ADDRESS_HEADER = "x-portal-peer";

/**
 * An address in one canonical spelling, so that throttling keys and audit rows agree however
 * it was written: IPv6 compressed and lower-cased, IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as IPv4,
 * zone ids dropped. Tolerates the port forms some proxies write (`1.2.3.4:5678`, `[::1]:443`).
 * Anything that is not an IP address gives null.
 */
export function canonicalAddress(text: string | null | undefined): string | null {
  if (!text) return null;
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%[0-9a-z._~-]+$/i, ""); // fe80::1%eth0: the zone names our interface, not the client
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  // The URL parser prints IPv6 in its canonical compressed form.
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** A matcher for the trusted proxy ranges (CIDR), IPv4-mapped IPv6 included. */
export function trustedProxyMatcher(ranges: readonly ProxyRange[]): (address: string) => boolean {
  if (ranges.length === 0) return () => false;
  const list = new BlockList();
  for (const range of ranges) {
    const address = canonicalAddress(range.address);
    if (!address) continue;
    // A range written as IPv4-mapped IPv6 (::ffff:10.0.0.0/104) means the IPv4 range.
    if (isIP(address) === 4 && range.family === 6) list.addSubnet(address, Math.max(0, range.prefix - 96), "ipv4");
    else list.addSubnet(address, range.prefix, isIP(address) === 4 ? "ipv4" : "ipv6");
  }
  return (address) => {
    const canonical = canonicalAddress(address);
    if (!canonical) return false;
    return list.check(canonical, isIP(canonical) === 4 ? "ipv4" : "ipv6");
  };
}

/**
 * The client's address. `peer` is the socket's remote address; `forwardedFor` every
 * X-Forwarded-For value (several headers count as one list, in order). Null when the peer is
 * unknown (a request that did not come through the launcher).
 */
export function resolveClientAddress(input: { peer: string | null | undefined; forwardedFor: string | null | undefined; isTrusted: (address: string) => boolean }): string | null {
  const peer = canonicalAddress(input.peer);
  if (!peer) return null;
  if (!input.isTrusted(peer)) return peer; // whatever the client wrote in X-Forwarded-For
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalAddress(hops[i]);
    // A hop a trusted proxy wrote that is not an address: stop at the proxy that sent it rather
    // than believe anything further left (which the client may have written).
    if (!hop) return nearest;
    if (!input.isTrusted(hop)) return hop;
    nearest = hop;
  }
  return nearest; // every hop is one of ours: the request started inside the trusted network
}

/** The client address of a request, from its headers (Fetch `Headers` or Node's plain object). */
export function clientAddressOf(headers: Headers | Record<string, unknown> | undefined, ranges: readonly ProxyRange[]): string | null {
  const read = (name: string): string | null => {
    if (!headers) return null;
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").join(",");
    return typeof value === "string" ? value : null;
  };
  return resolveClientAddress({ peer: read(PEER_ADDRESS_HEADER), forwardedFor: read("x-forwarded-for"), isTrusted: matcherFor(ranges) });
}

// The configuration's range list is one array for the life of the process: build its matcher once.
const matchers = new WeakMap<readonly ProxyRange[], (address: string) => boolean>();
function matcherFor(ranges: readonly ProxyRange[]): (address: string) => boolean {
  let matcher = matchers.get(ranges);
  if (!matcher) matchers.set(ranges, (matcher = trustedProxyMatcher(ranges)));
  return matcher;
}
