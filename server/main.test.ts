// What an operator sees when the portal cannot start: a distinct exit code per cause (scripts
// and orchestrators rely on them) and one clear message, never a stack trace. Every case here
// stops before Next.js is started.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, it, type ExpectStatic } from "vitest";
import { createTestDatabase, postgresAvailable } from "./testing/databases";

const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const MAIN = path.join(ROOT, "server/main.ts");
const available = await postgresAvailable();
/** Replicas on DATABASE_URL must share a key (server/lifecycle/startup-checks.ts); any valid one will do here. */
const KEY = "a".repeat(64);

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-main-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

type Outcome = { code: number | null; stdout: string; stderr: string };

/** Starts the launcher with exactly this environment (nothing inherited but PATH and HOME). */
function launch(env: Record<string, string>, cwd = ROOT): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN], {
      cwd,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? os.tmpdir(), PORTAL_DATA_DIR: tempFolder(), ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function expectNoStackTrace(expect: ExpectStatic, { stdout, stderr }: Outcome): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stdout).not.toMatch(/^\s+at /m);
  expect(stdout + stderr).not.toMatch(/"stack"/);
}

async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Concurrent: each case is a separate process that mostly waits for modules to load.
describe.concurrent("the launcher's failure modes", () => {
  it("a bad setting: exit 78, naming the variable and why", async ({ expect }) => {
    const outcome = await launch({ PORT: "abc", NEXTAUTH_SECRET: "short" });

    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain("PORT:");
    expect(outcome.stderr).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(outcome.stderr).toContain("Fix these environment variables and start again.");
    expectNoStackTrace(expect, outcome);
    // Log collectors get one JSON line with the exit code.
    const fatal = outcome.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; exitCode?: number; msg: string })
      .find((entry) => entry.exitCode !== undefined);
    expect(fatal).toMatchObject({ level: 60, exitCode: 78, msg: "Invalid configuration:" });
  });

  it("a database nobody answers at: exit 69 with a clear message, and no password in it", async ({ expect }) => {
    const port = await closedLoopbackPort();
    const outcome = await launch({ DATABASE_URL: `postgresql://portal:s3cret-pw@127.0.0.1:${port}/portal`, PORTAL_SECRET_KEY: KEY });

    expect(outcome.code).toBe(69);
    expect(outcome.stderr).toContain(`Cannot reach the database at 127.0.0.1:${port}/portal`);
    expect(outcome.stderr).toContain("Check DATABASE_URL and that the server is running.");
    expect(outcome.stdout + outcome.stderr).not.toContain("s3cret-pw");
    expectNoStackTrace(expect, outcome);
  });

  it("a data folder another portal process owns: exit 75, naming that process", async ({ expect }) => {
    const dataDir = tempFolder();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "pgdata.lock"), String(process.pid)); // this test process: alive
    const outcome = await launch({ PORTAL_DATA_DIR: dataDir });

    expect(outcome.code).toBe(75);
    expect(outcome.stderr).toContain(`Another portal process (pid ${process.pid}) owns the embedded database in ${dataDir}`);
    expectNoStackTrace(expect, outcome);
  });

  it.skipIf(!available)("a migration that fails: exit 70, naming the migration, with nothing of it applied", async ({ expect }) => {
    const database = await createTestDatabase("postgres", { migrate: false });
    try {
      const cwd = tempFolder();
      const broken = path.join(cwd, "prisma/migrations/20990101000000_broken");
      mkdirSync(broken, { recursive: true });
      writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";`);

      const outcome = await launch({ DATABASE_URL: database.url, PORTAL_SECRET_KEY: KEY }, cwd);

      expect(outcome.code).toBe(70);
      expect(outcome.stderr).toContain("Migration 20990101000000_broken failed and was rolled back");
      expect(outcome.stderr).toContain("no_such_table");
      expectNoStackTrace(expect, outcome);
      const tables = await database.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`;
      expect(tables).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
  });

  it("DATABASE_URL without PORTAL_SECRET_KEY: exit 78, saying every replica needs the same key", async ({ expect }) => {
    const port = await closedLoopbackPort();
    const outcome = await launch({ DATABASE_URL: `postgresql://portal@127.0.0.1:${port}/portal` });

    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain("PORTAL_SECRET_KEY: must be set when DATABASE_URL is set");
    expect(outcome.stderr).toContain("each would create its own key file");
    expectNoStackTrace(expect, outcome);
  });

  it("a bad PORTAL_SHUTDOWN_SECONDS: exit 78, naming it", async ({ expect }) => {
    const outcome = await launch({ PORTAL_SHUTDOWN_SECONDS: "soon" });

    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain("PORTAL_SHUTDOWN_SECONDS: must be a number of seconds");
    expectNoStackTrace(expect, outcome);
  });

  it.skipIf(!available)("a database schema newer than the code: exit 65, naming the unknown migration, and nothing migrated", async ({ expect }) => {
    const database = await createTestDatabase("postgres");
    try {
      const before = await database.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
      await database.db.$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
        VALUES ('00000000-0000-0000-0000-000000000001', 'x', now(), '20991231000000_from_a_newer_release', now(), 1)`;
      const outcome = await launch({ DATABASE_URL: database.url, PORTAL_SECRET_KEY: KEY });

      expect(outcome.code).toBe(65);
      expect(outcome.stderr).toContain("The database schema is newer than this portal");
      expect(outcome.stderr).toContain("20991231000000_from_a_newer_release");
      expectNoStackTrace(expect, outcome);
      const after = await database.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
      expect(after[0]!.n).toBe(before[0]!.n + 1);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!available)("a replica whose secret key differs from the others': exit 78 naming both key ids, even with no secret stored", async ({ expect }) => {
    const database = await createTestDatabase("postgres");
    try {
      await database.db.$executeRaw`INSERT INTO portal_settings (key, value) VALUES ('secrets.key_id', to_jsonb('0123456789ab'::text))`;
      const outcome = await launch({ DATABASE_URL: database.url, PORTAL_SECRET_KEY: KEY });

      expect(outcome.code).toBe(78);
      expect(outcome.stderr).toMatch(/This replica's secret key \(id [0-9a-f]{12}\) differs from the one the other replicas use \(id 0123456789ab\)/);
      expect(outcome.stdout + outcome.stderr).not.toContain(KEY);
      expectNoStackTrace(expect, outcome);
      const users = await database.db.user.count();
      expect(users).toBe(0); // stopped before first-start set-up
    } finally {
      await database.close();
    }
  });
});
