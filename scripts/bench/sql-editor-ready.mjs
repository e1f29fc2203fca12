#!/usr/bin/env node
// How long /sql takes until its editor can be typed into, in Debian's Chromium, against running
// portals (production builds): from navigation to Monaco's text area taking a keystroke, with
// the browser cache off, signed in as the given user. With several portals (e.g. a build before
// and after a change) the runs alternate between them, so both see the same machine load; the
// figures to compare are the medians' ratio, not the absolute times.
//
// node scripts/bench/sql-editor-ready.mjs [--runs 7] [--email E --password P] URL [URL…]
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const runs = Number(option("--runs", "7"));
const email = option("--email", process.env.PORTAL_ADMIN_EMAIL ?? "admin@example.com");
const password = option("--password", process.env.PORTAL_ADMIN_PASSWORD ?? "correct-horse-battery");
const portals = args.length ? args : ["http://127.0.0.1:3000"];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const contexts = new Map();
for (const base of portals) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await page.close();
  contexts.set(base, context);
}

async function once(base) {
  const page = await contexts.get(base).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const started = Date.now();
  await page.goto(`${base}/sql`, { waitUntil: "commit" });
  const lines = page.locator(".monaco-editor .view-lines").first();
  await lines.waitFor({ timeout: 60_000 });
  // Usable: a click puts the cursor in it and a keystroke lands in the text.
  await lines.click();
  await page.keyboard.type("q9");
  await lines.filter({ hasText: "q9" }).waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  await page.close();
  return ms;
}

const times = new Map(portals.map((p) => [p, []]));
await Promise.all(portals.map((p) => once(p))); // warm-up: server-side caches, JIT of the pages
for (let i = 0; i < runs; i++) for (const base of portals) times.get(base).push(await once(base));
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = median(times.get(portals[0]));
for (const base of portals) {
  const m = median(times.get(base));
  console.log(`${base}\tmedian ${m} ms\tmin ${Math.min(...times.get(base))} ms\truns ${times.get(base).join(" ")}\t× first: ${(m / first).toFixed(2)}`);
}
