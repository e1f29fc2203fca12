// Prometheus metrics of this process: request counts and durations per route (recorded by the
// HTTP server in server/main.ts), the business metrics (business-metrics.ts, recorded through
// business.ts) and the default process metrics. One registry per process, in
// a process slot: the launcher records, the /api/metrics route handler reads
// (server/process-slot.ts).
import client from "prom-client";
import { processSlot } from "../process-slot";
import { appRouteLabel } from "./app-routes";
import { registerBusinessMetrics, type BusinessMetrics } from "./business-metrics";

type Metrics = {
  registry: client.Registry;
  requests: client.Counter<"method" | "route" | "status">;
  duration: client.Histogram<"method" | "route" | "status">;
  business: BusinessMetrics;
};

const created = processSlot<Metrics>("metrics");

export function metrics(): Metrics {
  if (created.value) return created.value;
  const registry = new client.Registry();
  registry.setDefaultLabels({ service: "lakehouse-portal" });
  client.collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const requests = new client.Counter({
    name: "portal_http_requests_total",
    help: "HTTP requests served, by method, route and status code.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "portal_http_request_duration_seconds",
    help: "Time from request to the end of the response, by method, route and status code.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  created.value = { registry, requests, duration, business: registerBusinessMetrics(registry) };
  return created.value;
}

/** next-auth's own actions under /api/auth/ (anything else there is not a route). */
const AUTH_ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]);

/** The label of every request that matched no route: scanners must not create new series. */
export const NOT_FOUND_ROUTE = "(not found)";
/** Paths outside the app's routes that were not answered 404 (e.g. a redirect of a junk path). */
export const OTHER_ROUTE = "(other)";
/** Requests the edge refused before routing (server/http/edge): their path is not trusted. */
export const REFUSED_ROUTE = "(refused)";

/**
 * A route label from a closed set: the app route a path belongs to (server/metrics/app-routes.ts,
 * ids become ":bucket", ":runId", …), Next's assets in two labels, one tRPC procedure by name
 * (several at once: "batch"), next-auth's actions, and one label for everything else and for
 * every request answered 404, so metrics stay bounded however many URLs clients (or scanners)
 * send. Never throws, whatever the path.
 */
export function routeLabel(pathname: string, status?: number): string {
  if (status === 404) return NOT_FOUND_ROUTE;
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname.startsWith("/api/trpc/")) {
    const procedures = safeDecode(pathname.slice("/api/trpc/".length)).split(",");
    if (procedures.length > 1) return "/api/trpc/batch";
    // Unknown procedures are answered 404 (above); names are bounded by the router's.
    return `/api/trpc/${/^[A-Za-z0-9_.]{1,80}$/.test(procedures[0]!) ? procedures[0] : "unknown"}`;
  }
  if (pathname.startsWith("/api/auth/")) {
    const action = pathname.split("/")[3] ?? "";
    return "/api/auth/" + (AUTH_ACTIONS.has(action) ? action : "unknown");
  }
  return appRouteLabel(pathname) ?? OTHER_ROUTE;
}

/** decodeURIComponent that does not throw on malformed escapes such as "%" or "%E0%A4%A". */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "unknown";
  }
}
