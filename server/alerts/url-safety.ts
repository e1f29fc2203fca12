// Where a webhook may point. Only http(s); never the portal itself (a webhook that calls the
// portal's own API would act with the portal's network position); and, unless the operator set
// PORTAL_ALERTS_ALLOW_PRIVATE, never loopback, private, link-local or otherwise internal
// addresses — checked on the literal URL when a channel is saved and again on the addresses the
// name resolves to when a message is sent, so a name that later resolves inward is refused too.
import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";
import { DomainError } from "../errors";
import { getConfig } from "../config/env";

export type UrlPolicy = {
  allowPrivate: boolean;
  /** The portal's own origins (NEXTAUTH_URL's) and its listening port on this host. */
  ownOrigins: string[];
  ownPort: number | null;
};

const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(net, prefix, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addSubnet("0.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");
loopback.addAddress("::", "ipv6");

function unmapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

export function isInternalAddress(address: string): boolean {
  const a = unmapped(address);
  const family = isIP(a);
  if (family === 0) return false;
  return internal.check(a, family === 6 ? "ipv6" : "ipv4");
}

function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  const family = isIP(a);
  return family !== 0 && loopback.check(a, family === 6 ? "ipv6" : "ipv4");
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");
const portOf = (url: URL) => Number(url.port || (url.protocol === "https:" ? 443 : 80));

/** Parses and checks a webhook URL as written; the refusal names the field `url`. */
export function checkWebhookUrl(value: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("must be a URL such as https://hooks.slack.com/services/…");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse(`must be an http:// or https:// URL (not ${url.protocol.replace(/:$/, "")})`);
  if (url.username || url.password) throw refuse("must not carry a user name or password; put secrets in the channel's secret");
  const host = hostOf(url).toLowerCase();
  if (policy.ownOrigins.includes(url.origin)) throw refuse("points at the portal itself");
  if (policy.ownPort !== null && portOf(url) === policy.ownPort && (host === "localhost" || isLoopbackAddress(host))) throw refuse("points at the portal itself");
  if (!policy.allowPrivate && (host === "localhost" || host.endsWith(".localhost") || isInternalAddress(host)))
    throw refuse("points at a loopback or private network address; an admin can allow those with PORTAL_ALERTS_ALLOW_PRIVATE=true");
  return url;
}

/** At send time: the addresses the host resolves to must pass the same rules. Returns a refusal message or null. */
export async function resolvedAddressRefusal(url: URL, policy: UrlPolicy): Promise<string | null> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  for (const address of addresses) {
    if (policy.ownPort !== null && portOf(url) === policy.ownPort && isLoopbackAddress(address)) return `${host} resolves to the portal itself (${address})`;
    if (!policy.allowPrivate && isInternalAddress(address)) return `${host} resolves to a private address (${address}); PORTAL_ALERTS_ALLOW_PRIVATE is off`;
  }
  return null;
}

function refuse(message: string): DomainError {
  return new DomainError("BAD_REQUEST", `url: ${message}.`, { url: [message] });
}

/** The policy of this portal, from its configuration. */
export function portalUrlPolicy(): UrlPolicy {
  const config = getConfig();
  return {
    allowPrivate: config.PORTAL_ALERTS_ALLOW_PRIVATE,
    ownOrigins: config.NEXTAUTH_URL ? [new URL(config.NEXTAUTH_URL).origin] : [],
    ownPort: config.PORT,
  };
}
