#!/usr/bin/env node
// Runs `prisma generate` offline, and only when prisma/schema.prisma changed since the last run.
// Prisma's CLI insists on a schema-engine binary it would download; generating the client does
// not use it, so we point it at a stub that explains why migrations go through our own runner.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schema = readFileSync(path.join(root, "prisma/schema.prisma"));
const stamp = path.join(root, "server/db/generated/.schema-hash");
const hash = createHash("sha256").update(schema).digest("hex");

if (!process.argv.includes("--force") && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) process.exit(0);

const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "scripts/schema-engine-unavailable.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
if (result.status !== 0) {
  console.error("prisma generate failed; see the messages above.");
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, hash);
