// First-load JavaScript per route, on the build these tests run against: every route keeps to
// its limit (scripts/route-sizes.ts), the script counts exactly what the server's HTML makes a
// browser fetch, and Chromium receives those files brotli-compressed (server/http/static).
// Sizes, not times: the same build gives the same figures on any machine.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Response } from "@playwright/test";
import { test } from "./fixtures";
import { measureRoutes, overLimit, type RouteSize } from "../scripts/route-sizes";

const NEXT_DIR = path.join(process.cwd(), ".next");

function sizesOf(route: string, sizes: RouteSize[]): RouteSize {
  const found = sizes.find((s) => s.route === route);
  if (!found) throw new Error(`scripts/route-sizes.ts found no route ${route}`);
  return found;
}

/** The build's JS files the HTML names: script tags (not `nomodule` polyfills), preloads, and the
 * chunks of client components in its inline flight data. */
function jsNamedBy(html: string): string[] {
  const polyfills = new Set([...html.matchAll(/<script[^>]*\bsrc="\/_next\/(static\/chunks\/[\w.-]+\.js)"[^>]*\bnoModule\b/gi)].map((m) => m[1]!));
  const named = new Set([...html.matchAll(/\/_next\/(static\/chunks\/[\w.-]+\.js)/g)].map((m) => m[1]!));
  return [...named].filter((file) => !polyfills.has(file)).sort();
}

test("every route keeps to its limit of first-load JavaScript", () => {
  const sizes = measureRoutes(NEXT_DIR);
  expect(sizes.length).toBeGreaterThan(20);
  expect(sizes.map((s) => s.route)).toEqual(expect.arrayContaining(["/", "/signin", "/catalog", "/sql", "/pipelines", "/admin/users"]));
  for (const s of sizes) expect(s.files.length, s.route).toBeGreaterThan(0);
  expect(overLimit(sizes)).toEqual([]);
});

test("the script counts exactly the JavaScript a first load fetches, and it arrives brotli-compressed", async ({ page }) => {
  const sizes = measureRoutes(NEXT_DIR);
  for (const route of ["/catalog", "/pipelines", "/sql"]) {
    const expected = sizesOf(route, sizes);
    const encodings = new Map<string, string | undefined>();
    const record = (response: Response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith("/_next/static/") && pathname.endsWith(".js")) encodings.set(pathname.slice("/_next/".length), response.headers()["content-encoding"]);
    };
    page.on("response", record);
    const answer = await page.goto(route);
    expect(answer?.status(), route).toBe(200);
    const html = await answer!.text();
    await page.waitForLoadState("networkidle");
    page.off("response", record);

    expect(jsNamedBy(html), `${route}: the HTML names the files the script counts`).toEqual(expected.files);
    for (const file of expected.files) {
      expect(encodings.has(file), `${route}: ${file} fetched`).toBe(true);
      // Files under 512 bytes get no compressed copy (scripts/precompress-static.mjs).
      if (existsSync(path.join(NEXT_DIR, file + ".br"))) expect(encodings.get(file), `${route}: ${file}`).toBe("br");
    }
    expect(expected.files.filter((file) => encodings.get(file) === "br").length, route).toBeGreaterThan(expected.files.length / 2);
    // Chunks loaded later (next/dynamic) are never part of the first load.
    for (const file of expected.lazyFiles) expect(expected.files, route).not.toContain(file);
  }
});

test("the workbench's Monaco holds the SQL language and the contributions it uses, nothing else", () => {
  const sql = sizesOf("/sql", measureRoutes(NEXT_DIR));
  expect(sql.lazyFiles.length).toBeGreaterThan(0);
  const chunks = readdirSync(path.join(NEXT_DIR, "static/chunks")).filter((f) => f.endsWith(".js"));
  const text = chunks.map((f) => readFileSync(path.join(NEXT_DIR, "static/chunks", f), "utf8")).join("\n");
  // Each Monaco language registers itself by id (components/sql/editor/monaco-setup.ts imports one).
  expect(text).toMatch(/id:\s*"sql"/);
  for (const other of ["python", "javascript", "typescript", "json", "html", "css", "yaml", "markdown"])
    expect(text, other).not.toMatch(new RegExp(`id:\\s*"${other}",\\s*extensions`));
  // The language services' workers and their defaults (monaco.languages.typescript and others).
  for (const marker of ["typescriptDefaults", "jsonDefaults", "cssDefaults", "htmlDefaults"]) expect(text, marker).not.toContain(marker);
  // The contributions it registers: the suggest widget yes; rename, inline suggestions,
  // parameter hints and the high-contrast toggle (all in features/register.all), no.
  expect(text).toContain("editor.contrib.suggestController");
  for (const unused of ["editor.action.rename", "editor.action.inlineSuggest.trigger", "editor.action.triggerParameterHints", "editor.action.toggleHighContrast"])
    expect(text, unused).not.toContain(unused);
});
