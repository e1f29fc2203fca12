// SIGTERM while a replica is still starting (Kubernetes stops pods mid-start: a rolled-back
// update, a scale-down). A real launcher process (node --import tsx server/main.ts) on a real
// PostgreSQL database, or on the embedded PGlite, is stopped while it applies a slow migration or
// waits for another replica's migration lock. It must say so in one line, exit 143, and leave the
// database as it was: the migration's table absent, no row recorded for it, no session still
// running it, the migration lock free, and the next start applying it cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { startEmbeddedPostgres } from "../db/embedded";
import { createTestDatabase, postgresAvailable, seedPgliteDataDir } from "../testing/databases";

const ROOT = process.cwd();
const MAIN = path.join(ROOT, "server/main.ts");
/** `node --import tsx`, resolved from the repository (the launcher runs in a folder of its own). */
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const available = await postgresAvailable();
const KEY = "b".repeat(64);
/** The advisory lock key of Prisma Migrate, which the portal's runner shares (server/db/migrate.ts). */
const MIGRATE_LOCK = 72707369;
const SLOW = "20990101000000_slow";
// Each case starts a launcher process; on a loaded 2-core machine loading its modules alone can take 30 s.

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "P-startup-signals-"));
  folders.push(dir);
  return dir;
}

/** A folder to start the launcher in whose only migration creates a table, then takes `seconds`. */
function slowMigrationFolder(seconds: number): { cwd: string; dir: string } {
  const cwd = tempFolder();
  const dir = path.join(cwd, "prisma/migrations");
  mkdirSync(path.join(dir, SLOW), { recursive: true });
  writeFileSync(path.join(dir, SLOW, "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT pg_sleep(${seconds});\n`);
  return { cwd, dir };
}

type Launched = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> };

function launch(env: Record<string, string>, cwd: string): Launched {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? os.tmpdir(), PORTAL_DATA_DIR: tempFolder(), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves once the launcher's JSON log has a line matching `pattern` (or rejects when it exits first). */
async function logLine(launched: Launched, pattern: RegExp): Promise<void> {
  for (;;) {
    if (pattern.test(launched.stdout())) return;
    if (launched.child.exitCode !== null) throw new Error(`exited ${launched.child.exitCode} first:\n${launched.stdout()}\n${launched.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectClearStop(outcome: { code: number | null; stderr: string; stdout: string }, step: string): void {
  expect(outcome.code).toBe(143);
  expect(outcome.stderr).toContain(`Stopped by SIGTERM during start-up, while ${step}.`);
  expect(outcome.stderr + outcome.stdout).not.toMatch(/^\s+at /m);
  // One JSON line for log collectors, with the exit code.
  expect(outcome.stdout).toMatch(/"exitCode":143.*"msg":"Stopped by SIGTERM during start-up/);
}

describe.skipIf(!available)("SIGTERM during start-up on PostgreSQL", () => {
  it("while applying a migration: exit 143 at once, the migration rolled back and its session ended, and the next start applies it", { timeout: 180_000 }, async () => {
    const database = await createTestDatabase("postgres", { migrate: false });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { cwd, dir } = slowMigrationFolder(120);
      const launched = launch({ DATABASE_URL: database.url, PORTAL_SECRET_KEY: KEY }, cwd);
      await logLine(launched, new RegExp(`"migration":"${SLOW}".*"msg":"applying migration"`));
      // Inside the migration's transaction: its table exists there (not yet visible outside).
      await expect
        .poll(
          async () =>
            (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()`))
              .rows[0].n,
        )
        .toBe(1);

      launched.child.kill("SIGTERM");
      const code = await launched.exited; // well before the statement's 120 s
      expectClearStop({ code, stderr: launched.stderr(), stdout: launched.stdout() }, `applying migration ${SLOW}`);
      expect(launched.stderr()).toContain(`Migration ${SLOW} was interrupted and rolled back: nothing of it is applied, and the next start applies it again.`);

      const state = await admin.query<{ tables: number; recorded: number; running: number; lockFree: boolean }>(`SELECT
        (SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'half_done') AS tables,
        (SELECT count(*)::int FROM "_prisma_migrations" WHERE migration_name = '${SLOW}') AS recorded,
        (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) AS running,
        pg_try_advisory_lock(${MIGRATE_LOCK}) AS "lockFree"`);
      expect(state.rows[0]).toEqual({ tables: 0, recorded: 0, running: 0, lockFree: true });
      await admin.query(`SELECT pg_advisory_unlock(${MIGRATE_LOCK})`);

      writeFileSync(path.join(dir, SLOW, "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT pg_sleep(0);\n`);
      expect((await migrate(database.url, { dir })).applied).toEqual([SLOW]);
    } finally {
      await admin.end();
      await database.close();
    }
  });

  it("while waiting for another replica's migration lock: exit 143 at once, and the holder keeps its lock", { timeout: 180_000 }, async () => {
    const database = await createTestDatabase("postgres");
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${MIGRATE_LOCK})`); // another replica migrating
      const launched = launch({ DATABASE_URL: database.url, PORTAL_SECRET_KEY: KEY }, ROOT);
      await expect
        .poll(async () => (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${MIGRATE_LOCK} AND NOT granted`)).rows[0].n, {
          timeout: 60_000,
        })
        .toBe(1);

      launched.child.kill("SIGTERM");
      const code = await launched.exited;
      expectClearStop({ code, stderr: launched.stderr(), stdout: launched.stdout() }, "migrating (waiting for the migration lock)");
      expect(launched.stderr()).toContain("Migrating was interrupted before any migration began");
      const held = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${MIGRATE_LOCK} AND granted AND pid = pg_backend_pid()`);
      expect(held.rows[0]).toEqual({ n: 1 });
      expect(await database.db.user.count()).toBe(0); // no first-start set-up happened
    } finally {
      await holder.end();
      await database.close();
    }
  });
});

describe("SIGTERM during start-up on the embedded PGlite", () => {
  it("while applying a migration: exit 143 once the statement ends, nothing of it committed, the data folder released", { timeout: 180_000 }, async () => {
    const { cwd, dir } = slowMigrationFolder(4);
    const dataDir = tempFolder();
    await seedPgliteDataDir(dataDir);
    const launched = launch({ PORTAL_DATA_DIR: dataDir }, cwd);
    await logLine(launched, new RegExp(`"migration":"${SLOW}".*"msg":"applying migration"`));

    launched.child.kill("SIGTERM");
    const code = await launched.exited;
    expectClearStop({ code, stderr: launched.stderr(), stdout: launched.stdout() }, `applying migration ${SLOW}`);
    expect(launched.stderr()).toContain(`Migration ${SLOW} was interrupted and rolled back`);

    // The folder opens again (lock released) and holds nothing of the migration.
    const embedded = await startEmbeddedPostgres(dataDir);
    try {
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      const { rows } = await client.query<{ tables: number; recorded: number }>(`SELECT
        (SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'half_done') AS tables,
        (SELECT count(*)::int FROM "_prisma_migrations" WHERE migration_name = '${SLOW}') AS recorded`);
      await client.end();
      expect(rows[0]).toEqual({ tables: 0, recorded: 0 });
      writeFileSync(path.join(dir, SLOW, "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\n`);
      expect((await migrate(embedded.url, { dir })).applied).toEqual([SLOW]);
    } finally {
      await embedded.stop();
    }
  });
});
