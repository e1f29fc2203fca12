// The embedded database (PGlite in the data folder): data survives restarts, only one process may
// own the folder at a time, and a lock left behind by a crashed process does not block a restart.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { seedPgliteDataDir } from "../testing/databases";
import { DataDirLockedError, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

const HOLDER = path.resolve(process.cwd(), "server/testing/hold-embedded-database.ts");
const folders: string[] = [];
const running: EmbeddedPostgres[] = [];
const children: ChildProcess[] = [];

/** A data folder whose database an earlier start initialised (initdb takes seconds). */
async function dataFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-embedded-"));
  folders.push(dir);
  await seedPgliteDataDir(dir);
  return dir;
}

async function start(dir: string): Promise<EmbeddedPostgres> {
  const embedded = await startEmbeddedPostgres(dir);
  running.push(embedded);
  return embedded;
}

async function stop(embedded: EmbeddedPostgres): Promise<void> {
  running.splice(running.indexOf(embedded), 1);
  await embedded.stop();
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Another process holding the embedded database in `dir`, as a second portal would. */
async function holdInAnotherProcess(dir: string): Promise<{ child: ChildProcess; pid: number; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\d+) (\S+)$/m.exec(output);
      if (ready) resolve({ child, pid: Number(ready[1]), url: ready[2]! });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`the holder process exited (${code}) before it was ready:\n${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.on("exit", (code, signal) => resolve(signal ?? code));
  });

afterEach(async () => {
  for (const embedded of running.splice(0)) await embedded.stop().catch(() => {});
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("keeps its data across a stop and a start in the same folder, releases the folder on stop, and takes over a lock whose process is gone", async () => {
    // Seeded with an initialised cluster: the first start's initdb is exercised by the test
    // harness's template and by the end-to-end tests, and costs seconds.
    const dir = await dataFolder();
    const first = await start(dir);
    expect(first.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres/);
    await sql(first.url, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('written before the restart')");
    expect(readFileSync(path.join(dir, "pgdata.lock"), "utf8")).toBe(String(process.pid));
    await stop(first);
    expect(existsSync(path.join(dir, "pgdata.lock"))).toBe(false);

    const second = await start(dir);
    expect(await sql(second.url, "SELECT body FROM notes")).toEqual([{ body: "written before the restart" }]);
    await stop(second);

    // A lock file whose process no longer exists (say, after a power cut) does not block a start.
    const gone = spawn(process.execPath, ["-e", ""]);
    await exited(gone);
    writeFileSync(path.join(dir, "pgdata.lock"), String(gone.pid));
    const third = await start(dir);
    expect(readFileSync(path.join(dir, "pgdata.lock"), "utf8")).toBe(String(process.pid));
    expect(await sql(third.url, "SELECT count(*)::int AS n FROM notes")).toEqual([{ n: 1 }]);
  });

  it("refuses a folder another running process owns, naming that process; takes it over once that process has crashed", async () => {
    const dir = await dataFolder();
    const holder = await holdInAnotherProcess(dir);
    await sql(holder.url, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('written by the other process')");

    const error = await startEmbeddedPostgres(dir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`pid ${holder.pid}`);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain("DATABASE_URL");
    // The refused attempt leaves the owner alone: its lock and its database are intact.
    expect(readFileSync(path.join(dir, "pgdata.lock"), "utf8")).toBe(String(holder.pid));
    expect(await sql(holder.url, "SELECT count(*)::int AS n FROM notes")).toEqual([{ n: 1 }]);

    holder.child.kill("SIGKILL"); // a crash: no chance to remove its lock file
    expect(await exited(holder.child)).toBe("SIGKILL");
    expect(readFileSync(path.join(dir, "pgdata.lock"), "utf8")).toBe(String(holder.pid));

    const restarted = await start(dir);
    expect(readFileSync(path.join(dir, "pgdata.lock"), "utf8")).toBe(String(process.pid));
    expect(await sql(restarted.url, "SELECT body FROM notes")).toEqual([{ body: "written by the other process" }]);
  });

  it("starts with the configured buffer pool (16MB by default, not PostgreSQL's 128MB), whatever the folder's postgresql.conf says", async () => {
    const dir = await dataFolder();
    expect(readFileSync(path.join(dir, "pgdata", "postgresql.conf"), "utf8")).toMatch(/^shared_buffers = 128MB/m);
    const byDefault = await start(dir);
    expect(await sql(byDefault.url, "SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
    await stop(byDefault);
    const larger = await startEmbeddedPostgres(dir, { sharedBuffers: "64MB" });
    running.push(larger);
    expect(await sql(larger.url, "SHOW shared_buffers")).toEqual([{ shared_buffers: "64MB" }]);
  });
});
