// The JavaScript each app route makes a browser download on first load, from the manifests of
// a production build (`npm run build` first): Next's root main files, plus the chunks of every
// client component that the route's server tree references (its page, layouts and error
// boundaries: Next names them all in the first answer). Not-found, forbidden and unauthorized
// pages are fetched only when one is shown, so their own chunks are not counted. Polyfills are left out
// (`nomodule`: current browsers never fetch them), and so are chunks loaded later with
// next/dynamic, which are listed apart as "lazy". e2e/route-sizes.spec.ts checks in Chromium
// that these are exactly the files a first load fetches.
//
// Usage: npm run route-sizes [-- --json] [-- --next-dir DIR]   Exits 1 when a route breaks its limit.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

export type Sizes = { raw: number; gzip: number; brotli: number };
export type RouteSize = {
  route: string;
  /** First-load JS files, relative to .next (e.g. "static/chunks/0abc.js"). */
  files: string[];
  firstLoad: Sizes;
  /** Chunks the route's client components load afterwards with next/dynamic. */
  lazyFiles: string[];
  lazy: Sizes;
};

/**
 * The goal for every route but /sql (issue 16), shown beside each route, not enforced yet: Next 16
 * and React 19 alone send 129 KB gzipped to every route (react-dom 71.5, the app router 43.1,
 * react 8.1, Turbopack's runtime 4.3, 2.1 more), before the portal's providers (TanStack Query
 * and tRPC, 18.6), its error boundaries and any page.
 */
export const GZIP_GOAL_KB = 150;
/**
 * Enforced: gzip KB of first-load JS; a route not named here has the default; `null`: reported
 * only. Today's sizes with a little room (README › Bundle size), so no route grows unnoticed;
 * lower them as routes get lighter.
 */
export const GZIP_LIMIT_KB: Record<string, number | null> = { default: 240, "/admin/settings": 250, "/sql": null };

type ClientManifest = { entryJSFiles: Record<string, string[]> };

function readClientManifest(file: string): ClientManifest {
  // The manifest is a script that assigns to globalThis.__RSC_MANIFEST; run it in a sandbox.
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  vm.runInNewContext(readFileSync(file, "utf8"), { globalThis: sandbox, self: sandbox });
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`${file}: expected one client reference manifest, found ${manifests.length}`);
  return manifests[0]!;
}

const sizeCache = new Map<string, Sizes>();

/** Sizes of one build file: the precompressed copies when the build has them, else computed alike. */
export function fileSizes(nextDir: string, file: string): Sizes {
  const full = path.join(nextDir, file);
  let sizes = sizeCache.get(full);
  if (!sizes) {
    const raw = readFileSync(full);
    const copy = (suffix: string, make: () => Buffer) => (existsSync(full + suffix) ? readFileSync(full + suffix).length : Math.min(raw.length, make().length));
    sizes = {
      raw: raw.length,
      gzip: copy(".gz", () => zlib.gzipSync(raw, { level: 9 })),
      brotli: copy(".br", () => zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })),
    };
    sizeCache.set(full, sizes);
  }
  return sizes;
}

function total(nextDir: string, files: Iterable<string>): Sizes {
  const sum: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const s = fileSizes(nextDir, file);
    sum.raw += s.raw;
    sum.gzip += s.gzip;
    sum.brotli += s.brotli;
  }
  return sum;
}

function pageManifests(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page_client-reference-manifest.js") found.push(full);
    }
  };
  walk(appDir);
  return found.sort();
}

/** "/(portal)/sql/history/page" → "/sql/history"; route groups do not appear in URLs. */
export function routeOf(pageKey: string): string {
  const segments = pageKey.split("/").filter((s) => s && s !== "page" && !(s.startsWith("(") && s.endsWith(")")));
  return "/" + segments.join("/");
}

export function measureRoutes(nextDir: string): RouteSize[] {
  const build = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const results: RouteSize[] = [];
  for (const manifestFile of pageManifests(path.join(nextDir, "server/app"))) {
    const pageDir = path.dirname(manifestFile);
    const pageKey = "/" + path.relative(path.join(nextDir, "server/app"), pageDir).split(path.sep).join("/") + "/page";
    if (pageKey.startsWith("/_")) continue; // _not-found, _global-error: not routes of their own
    const manifest = readClientManifest(manifestFile);
    // The manifest holds the entries of this route's segments only (root and nested layouts,
    // their boundaries, the page); Next names all but the access fallbacks in the page's HTML.
    const files = new Set(build.rootMainFiles);
    for (const [entry, chunks] of Object.entries(manifest.entryJSFiles)) {
      if (/\/(not-found|forbidden|unauthorized)$/.test(entry)) continue;
      for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(chunk);
    }
    const lazyFiles = new Set<string>();
    const loadable = path.join(pageDir, "page", "react-loadable-manifest.json");
    if (existsSync(loadable)) {
      const entries = JSON.parse(readFileSync(loadable, "utf8")) as Record<string, { files: string[] }>;
      for (const { files: chunks } of Object.values(entries)) for (const chunk of chunks) if (chunk.endsWith(".js") && !files.has(chunk)) lazyFiles.add(chunk);
    }
    results.push({
      route: routeOf(pageKey),
      files: [...files].sort(),
      firstLoad: total(nextDir, files),
      lazyFiles: [...lazyFiles].sort(),
      lazy: total(nextDir, lazyFiles),
    });
  }
  return results.sort((a, b) => a.route.localeCompare(b.route));
}

export function limitOf(route: string): number | null {
  return route in GZIP_LIMIT_KB ? GZIP_LIMIT_KB[route]! : GZIP_LIMIT_KB.default!;
}

/** One line per route over its limit; empty when every route keeps to its limit. */
export function overLimit(sizes: RouteSize[]): string[] {
  return sizes.flatMap((s) => {
    const limit = limitOf(s.route);
    const kb = s.firstLoad.gzip / 1024;
    return limit !== null && kb > limit ? [`${s.route}: ${kb.toFixed(1)} KB gzipped on first load, over its limit of ${limit} KB`] : [];
  });
}

function formatTable(sizes: RouteSize[]): string {
  const kb = (n: number) => (n / 1024).toFixed(1);
  const header = ["route", "first-load raw", "gzip", "brotli", "limit (gzip)", `goal ${GZIP_GOAL_KB}`, "lazy gzip", "lazy brotli"];
  const rows = sizes.map((s) => {
    const limit = limitOf(s.route);
    return [
      s.route,
      kb(s.firstLoad.raw),
      kb(s.firstLoad.gzip),
      kb(s.firstLoad.brotli),
      limit === null ? "report" : String(limit),
      limit === null ? "–" : s.firstLoad.gzip / 1024 <= GZIP_GOAL_KB ? "met" : "not yet",
      s.lazyFiles.length ? kb(s.lazy.gzip) : "–",
      s.lazyFiles.length ? kb(s.lazy.brotli) : "–",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n(KB = 1,024 bytes; gzip -9 and brotli 11, as the portal serves them)";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const at = process.argv.indexOf("--next-dir");
  const nextDir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : path.join(root, ".next");
  if (!existsSync(path.join(nextDir, "build-manifest.json"))) {
    console.error("No production build in .next: run `npm run build` first.");
    process.exit(2);
  }
  const sizes = measureRoutes(nextDir);
  if (process.argv.includes("--json")) console.log(JSON.stringify(sizes, null, 2));
  else console.log(formatTable(sizes));
  const broken = overLimit(sizes);
  for (const line of broken) console.error(`✖ ${line}`);
  process.exit(broken.length ? 1 : 0);
}
