// End-to-end tests: the real portal (server/main.ts: embedded PGlite, migrations, first admin,
// Next.js production build) in a fresh data folder per run, driven through Debian's Chromium.
// Run with `npm run test:e2e` (builds first when sources changed).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN, adminStatePath, AIRFLOW_E2E, BASE_URL, E2E_PORT } from "./e2e/env";

// This file is loaded by the runner and again by every worker: the first load creates the data
// folder (and removes it on exit, after the web server has stopped); workers inherit its path.
let dataDir = process.env.PORTAL_E2E_DATA_DIR;
if (!dataDir) {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  process.env.PORTAL_E2E_DATA_DIR = dataDir = created;
  process.once("exit", () => fs.rmSync(created, { recursive: true, force: true }));
}
// Playwright passes its own environment to the web server: settings from the developer's shell
// must not leak in (a DATABASE_URL would bypass the fresh embedded database; an empty
// NEXTAUTH_URL breaks next-auth).
delete process.env.DATABASE_URL;
delete process.env.NEXTAUTH_URL;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { browserName: "chromium", viewport: { width: 1280, height: 800 }, storageState: adminStatePath() },
    },
  ],
  webServer: {
    command: "npx tsx server/main.ts",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      PORTAL_DATA_DIR: dataDir,
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      // e2e/alerts.spec.ts: webhooks to a loopback receiver started by the test, evaluated every 2 s.
      PORTAL_ALERTS_ALLOW_PRIVATE: "true",
      PORTAL_ALERTS_EVALUATE_SECONDS: "2",
      // e2e/airflow.spec.ts starts a fake Airflow there; runs outside AIRFLOW_NAMESPACE never reach it.
      AIRFLOW_URL: `http://127.0.0.1:${AIRFLOW_E2E.port}`,
      AIRFLOW_USERNAME: AIRFLOW_E2E.username,
      AIRFLOW_PASSWORD: AIRFLOW_E2E.password,
      AIRFLOW_NAMESPACE: AIRFLOW_E2E.namespace,
      // The default rights, plus a 1 MB upload limit on "archive" so e2e/buckets.spec.ts can show
      // a too-large file being refused without sending gigabytes.
      PORTAL_BUCKET_ACCESS: JSON.stringify({ archive: { read: "viewer", write: "editor", maxUploadMB: 1 }, "*": { read: "viewer", write: "editor" } }),
    },
  },
});
