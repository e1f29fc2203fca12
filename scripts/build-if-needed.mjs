#!/usr/bin/env node
// Builds the Next.js app when there is no build yet or when a source file changed since the
// last one (a content hash, so a fresh clone builds once and later starts are instant).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const inputs = ["app", "components", "lib", "server", "public", "prisma/schema.prisma", "next.config.js", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const stampFile = path.join(root, ".next/portal-source-hash");

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const entry of readdirSync(p).sort()) {
      if (entry === "node_modules" || entry.endsWith(".test.ts") || entry.endsWith(".test.tsx")) continue;
      yield* files(path.join(p, entry));
    }
  } else yield p;
}

const hash = createHash("sha256");
for (const input of inputs) for (const file of files(path.join(root, input))) hash.update(path.relative(root, file)).update(readFileSync(file));
const fingerprint = hash.digest("hex");

const built = existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
if (built && !process.argv.includes("--force")) process.exit(0);

console.log(built ? "Rebuilding the portal…" : "Building the portal (first start or changed sources; this takes a minute)…");
const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) {
  console.error("The build failed; see the messages above.");
  process.exit(result.status ?? 1);
}
// Brotli and gzip copies of the build assets, which server/http/static sends as they are.
const compressed = spawnSync(process.execPath, [path.join(root, "scripts/precompress-static.mjs")], { cwd: root, stdio: "inherit" });
if (compressed.status !== 0) {
  console.error("Compressing the build assets failed; see the messages above.");
  process.exit(compressed.status ?? 1);
}
writeFileSync(stampFile, fingerprint);
