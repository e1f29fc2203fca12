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
    const outcome = await launch({ DATABASE_URL: `postgresql://portal:s3cret-pw@127.0.0.1:${port}/portal` });

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

      const outcome = await launch({ DATABASE_URL: database.url }, cwd);

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
});
