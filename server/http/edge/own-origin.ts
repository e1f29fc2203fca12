// The portal's own origin, which every state-changing request must come from: NEXTAUTH_URL's
// origin when the operator set it, else the scheme and Host of the request itself. Forwarded
// headers (X-Forwarded-Host / -Proto) count only when the connection comes from a proxy the
// operator named in PORTAL_TRUSTED_PROXIES; anyone else could write them.
import { BlockList, isIP } from "node:net";
import type { IncomingHttpHeaders } from "node:http";
import type { ProxyRange } from "../../config/env";

export type EdgeConfig = {
  /** NEXTAUTH_URL, when set. */
  publicUrl?: string;
  trustedProxies: readonly ProxyRange[];
  dev: boolean;
};

/** The parts of an incoming request the edge checks look at (a plain object in tests). */
export type EdgeRequest = {
  method: string;
  /** The raw request target, e.g. "/api/trpc/users.list?batch=1". */
  url: string;
  headers: IncomingHttpHeaders;
  /** The TCP peer's address. */
  remoteAddress?: string;
  /** Whether the connection itself is TLS. */
  encrypted: boolean;
};

export function trustedProxyList(ranges: readonly ProxyRange[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.address, range.prefix, range.family === 6 ? "ipv6" : "ipv4");
  return list;
}

const listCache = new WeakMap<readonly ProxyRange[], BlockList>();

/** Whether the request arrived through one of the operator's proxies. */
export function fromTrustedProxy(req: EdgeRequest, config: EdgeConfig): boolean {
  const address = req.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (!address || config.trustedProxies.length === 0) return false;
  let list = listCache.get(config.trustedProxies);
  if (!list) listCache.set(config.trustedProxies, (list = trustedProxyList(config.trustedProxies)));
  const family = isIP(address);
  if (!family) return false;
  return list.check(address, family === 6 ? "ipv6" : "ipv4");
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(",")[0]?.trim() || undefined;
}

/** "https" when the browser reached the portal over TLS (directly or at a trusted proxy). */
export function requestScheme(req: EdgeRequest, config: EdgeConfig): "http" | "https" {
  if (config.publicUrl) return new URL(config.publicUrl).protocol === "https:" ? "https" : "http";
  if (req.encrypted) return "https";
  const forwarded = fromTrustedProxy(req, config) ? firstValue(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  return forwarded === "https" ? "https" : "http";
}

/** The origin ("scheme://host[:port]") of the portal as the browser sees it. */
export function ownOrigin(req: EdgeRequest, config: EdgeConfig): string | null {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const host = (fromTrustedProxy(req, config) ? firstValue(req.headers["x-forwarded-host"]) : undefined) ?? firstValue(req.headers.host);
  if (!host) return null;
  try {
    return new URL(`${requestScheme(req, config)}://${host}`).origin;
  } catch {
    return null; // a Host header that is no host name
  }
}

/** The edge's view of a Node request. */
export function edgeRequestOf(req: import("node:http").IncomingMessage): EdgeRequest {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    encrypted: "encrypted" in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted),
  };
}

/**
 * Where image previews may come from besides the portal: the S3 endpoint browsers reach for
 * presigned links (with virtual-hosted addressing, any bucket's host name under it).
 */
export function imageOriginsOf(config: { S3_ENDPOINT?: string; S3_PUBLIC_ENDPOINT?: string; S3_FORCE_PATH_STYLE: boolean }): string[] {
  const endpoint = config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT;
  if (!endpoint) return [];
  const url = new URL(endpoint);
  return config.S3_FORCE_PATH_STYLE ? [url.origin] : [url.origin, `${url.protocol}//*.${url.host}`];
}
