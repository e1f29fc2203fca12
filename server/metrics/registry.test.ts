// Metrics an operator scrapes with Prometheus: request counts by a bounded set of route labels,
// and the process metrics, in Prometheus' text format.
import { describe, expect, it } from "vitest";
import { metrics, NOT_FOUND_ROUTE, OTHER_ROUTE, routeLabel } from "./registry";

describe("routeLabel", () => {
  it.each([
    ["/", "/"],
    ["/catalog", "/catalog"],
    ["/catalog/duckdb/lake/raw/flights", "/catalog/:engine/:catalog/:schema/:table"],
    ["/buckets/raw/blob/a/b/c/flights.csv", "/buckets/:bucket/blob/*"],
    ["/buckets/raw", "/buckets/:bucket"],
    ["/admin/users", "/admin/users"],
    ["/api/sql/runs/550e8400-e29b-41d4-a716-446655440000/result", "/api/sql/runs/:runId/result"],
    ["/sql/history/", "/sql/history"],
  ])("labels a request by the app route it belongs to: %s → %s", (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });

  it.each([
    ["/api/trpc/users.list", "/api/trpc/users.list"],
    ["/api/trpc/sql.saved.get", "/api/trpc/sql.saved.get"],
    ["/api/trpc/auth.session,users.list", "/api/trpc/batch"],
    ["/api/trpc/a.b,c.d,e.f,g.h", "/api/trpc/batch"],
    ["/api/trpc/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/api/trpc/unknown"],
    [`/api/trpc/${"a".repeat(81)}`, "/api/trpc/unknown"],
  ])("labels tRPC calls by procedure, batches as one: %s → %s", (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });

  it.each(["/api/trpc/%", "/api/trpc/%E0%A4%A", "/api/trpc/users.list%2", "/%zz/%"])("never throws on malformed escapes: %s", (path) => {
    // It runs in the HTTP server's "finish" listener, where a throw would crash the process.
    expect(() => routeLabel(path)).not.toThrow();
    expect(routeLabel(path).length).toBeLessThanOrEqual(100);
  });

  it("collapses Next's assets into two labels", () => {
    expect(routeLabel("/_next/static/chunks/app/page-0123abcd.js")).toBe("/_next/static");
    expect(routeLabel("/_next/static/css/9f8e7d.css")).toBe("/_next/static");
    expect(routeLabel("/_next/image")).toBe("/_next");
    expect(routeLabel("/_next/data/build-id/index.json")).toBe("/_next");
  });

  it("labels next-auth's actions, and nothing else under /api/auth", () => {
    expect(routeLabel("/api/auth/callback/credentials")).toBe("/api/auth/callback");
    expect(routeLabel("/api/auth/session")).toBe("/api/auth/session");
    expect(routeLabel("/api/auth/csrf")).toBe("/api/auth/csrf");
    expect(routeLabel(`/api/auth/${"x".repeat(5000)}`)).toBe("/api/auth/unknown");
    expect(routeLabel("/api/auth/random-123")).toBe("/api/auth/unknown");
  });

  it("gives every request answered 404 one label, so scanners cannot grow the metrics", () => {
    const junk = ["/wp-login.php", "/.env", "/cgi-bin/luci", "/api/trpc/no.such.procedure", "/admin/../../etc/passwd", "/zzz-123"];
    expect(new Set(junk.map((path) => routeLabel(path, 404)))).toEqual(new Set([NOT_FOUND_ROUTE]));
    // Other statuses keep the route: a 500 on a real page must stay attributable.
    expect(routeLabel("/buckets/raw", 500)).toBe("/buckets/:bucket");
  });

  it("a thousand random paths make at most a handful of labels", () => {
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => routeLabel(`/${i.toString(36)}/${"x".repeat(i % 50)}/${i}`, 200)));
    expect(labels).toEqual(new Set([OTHER_ROUTE]));
  });
});

describe("the metrics registry", () => {
  it("is one registry per process, however often it is asked for", () => {
    expect(metrics()).toBe(metrics());
  });

  it("exposes request counts and durations in Prometheus text format", async () => {
    const { registry, requests, duration } = metrics();
    const labels = { method: "GET", route: "/datasets/:id", status: "200" };
    requests.inc(labels);
    requests.inc(labels);
    duration.observe(labels, 0.03);

    const text = await registry.metrics();
    expect(registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain("# TYPE portal_http_requests_total counter");
    expect(text).toMatch(/^portal_http_requests_total\{(?=[^}]*method="GET")(?=[^}]*route="\/datasets\/:id")(?=[^}]*status="200")(?=[^}]*service="lakehouse-portal")[^}]*\} 2$/m);
    expect(text).toContain("# TYPE portal_http_request_duration_seconds histogram");
    expect(text).toMatch(/^portal_http_request_duration_seconds_bucket\{le="0\.05"(?=[^}]*route="\/datasets\/:id")[^}]*\} 1$/m);
    expect(text).toMatch(/^portal_http_request_duration_seconds_count\{(?=[^}]*route="\/datasets\/:id")[^}]*\} 1$/m);
  });

  it("exposes the process metrics", async () => {
    const text = await metrics().registry.metrics();
    for (const name of [
      "portal_process_cpu_user_seconds_total",
      "portal_process_resident_memory_bytes",
      "portal_process_start_time_seconds",
      "portal_nodejs_heap_size_used_bytes",
      "portal_nodejs_eventloop_lag_seconds",
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? \\d`, "m"));
    }
  });
});
