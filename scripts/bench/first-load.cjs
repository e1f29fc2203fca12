// First-load JS of app routes from a Turbopack build (Next 16 prints no sizes): the root main files
// plus the page entry's chunks, raw and gzip -9. Usage: node scripts/bench/first-load.cjs . <route>…
// e.g. "/(portal)/catalog/[engine]/[catalog]/[schema]/[table]". Run after `npm run build`.
const fs = require("fs"),
  path = require("path"),
  zlib = require("zlib");
const root = process.argv[2] || "/work/main";
const next = path.join(root, ".next");
const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
const routes = process.argv.slice(3);
for (const route of routes) {
  const f = path.join(next, "server/app", route, "page_client-reference-manifest.js");
  globalThis.self = globalThis;
  globalThis.__RSC_MANIFEST = {};
  delete require.cache[f];
  require(f);
  const m = Object.values(globalThis.__RSC_MANIFEST)[0];
  const key = Object.keys(m.entryJSFiles).find((k) => k.endsWith(route + "/page"));
  const files = new Set([...build.rootMainFiles, ...m.entryJSFiles[key]]);
  let raw = 0,
    gz = 0;
  for (const file of files) {
    const b = fs.readFileSync(path.join(next, file));
    raw += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  // Lazily loaded chunks (next/dynamic) are not in entryJSFiles: they are not first-load JS.
  console.log(`${route}\tfirst-load ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip\tentry chunks ${files.size}`);
}
