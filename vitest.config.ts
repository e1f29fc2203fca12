import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    include: ["server/**/*.test.ts", "lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that keep workbench results give them a folder of their own (setResultSpace); by
    // default nothing is kept, so no test writes into the repository's .data folder.
    env: { NODE_ENV: "test", LOG_LEVEL: "silent", SQL_RESULT_RETENTION_HOURS: "0" },
  },
});
