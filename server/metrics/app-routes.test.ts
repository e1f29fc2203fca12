// Metric labels come from the closed list in app-routes.ts. This test walks app/ the way Next
// does and fails when a page or route handler has no entry there, so a new route can never fall
// into the catch-all label unnoticed.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_ROUTES, appRouteLabel } from "./app-routes";
import { OTHER_ROUTE, routeLabel } from "./registry";

const APP = path.join(process.cwd(), "app");
const ROUTE_FILES = /^(page|route)\.(tsx?|jsx?)$|^(icon|apple-icon|favicon|opengraph-image|robots|sitemap|manifest)\.[a-z]+$/;

/** Every URL pattern under app/: route groups "(x)" vanish, private folders "_x" hold no routes. */
function discoverRoutes(dir: string, segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue;
      const next = /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name];
      found.push(...discoverRoutes(path.join(dir, entry.name), next));
    } else if (ROUTE_FILES.test(entry.name)) {
      const isMetadataFile = !/^(page|route)\./.test(entry.name);
      found.push("/" + [...segments, ...(isMetadataFile ? [entry.name] : [])].join("/"));
    }
  }
  return found;
}

/** A concrete URL for a pattern: every dynamic segment filled in. */
function sampleUrl(pattern: string): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, "a/b.csv").replace(/\[[^\]]+\]/g, "x1");
}

describe("the app's routes", () => {
  const discovered = discoverRoutes(APP);

  it("are all listed in APP_ROUTES (add a new route's pattern there)", () => {
    expect(discovered.length).toBeGreaterThan(20);
    const missing = discovered.filter((route) => !(APP_ROUTES as readonly string[]).includes(route));
    expect(missing, `app routes without a metrics label: ${missing.join(", ")}`).toEqual([]);
  });

  it("lists no route that no longer exists", () => {
    expect(APP_ROUTES.filter((route) => !discovered.includes(route))).toEqual([]);
  });

  it.each(APP_ROUTES.map((route) => [route]))("labels a URL of %s with its own pattern", (route) => {
    const label = appRouteLabel(sampleUrl(route));
    expect(label).not.toBeNull();
    expect(label).toBe(route.replace(/\[\.\.\.[^\]]+\]/g, "*").replace(/\[([^\]]+)\]/g, ":$1"));
  });
});

describe("routeLabel on paths outside the app", () => {
  it.each([
    "/wp-login.php",
    "/.env",
    "/cgi-bin/luci",
    "/admin/../../etc/passwd",
    "/sql/history/42",
    "/catalog/a/b/c/d/e/f",
    `/${"y".repeat(10_000)}`,
    "/api/sql/execute/extra",
    "/buckets/raw/blob",
    "/%zz/%",
  ])("gives one label to %s, whatever its status", (pathname) => {
    for (const status of [200, 302, 400, 500]) expect(routeLabel(pathname, status)).toBe(OTHER_ROUTE);
  });
});
