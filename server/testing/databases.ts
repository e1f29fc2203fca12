// Real databases for tests: a fresh PGlite (behind pglite-socket, as in the embedded default)
// or a fresh database on the PostgreSQL server at 127.0.0.1:5432. Each comes migrated, with a
// Prisma client installed as the process's client, and is dropped by `close()`.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrate } from "../db/migrate";
import { createPrismaClient, setDb, type Db } from "../db/client";
import { setRuntime } from "../runtime";

export type TestDatabase = { kind: "pglite" | "postgres"; url: string; db: Db; close(): Promise<void> };

/** The PostgreSQL server tests may use; override with TEST_POSTGRES_URL. */
export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createTestDatabase(kind: "pglite" | "postgres", options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let url: string;
  let dispose: () => Promise<void>;
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
    await seedPgliteDataDir(dir);
    const embedded = await startEmbeddedPostgres(dir);
    url = embedded.url;
    dispose = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `portal_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(TEST_POSTGRES_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dispose = async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  if (options.migrate !== false) await migrate(url);
  // PGlite gets one connection, as in the portal (see createPrismaClient).
  const db = kind === "pglite" ? createPrismaClient(url, 1, { connectionWaitMs: 60_000 }) : createPrismaClient(url, 5);
  setDb(db);
  setRuntime({ databaseUrl: url, authSecret: "test-secret-test-secret-test-secret-0123" });
  return {
    kind,
    url,
    db,
    async close() {
      await db.$disconnect();
      setDb(undefined);
      await dispose();
    },
  };
}

/**
 * Puts an initialised (never migrated) PGlite cluster into `dataDir/pgdata`, as a first start of
 * the embedded database would leave it: PGlite's initdb takes seconds, a copy a fraction.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  cpSync(path.join(await pgliteTemplate(), "pgdata"), path.join(dataDir, "pgdata"), { recursive: true });
}

/**
 * A freshly initialised, never migrated PGlite data folder, made once per PGlite version and
 * kept in the temp folder (test files and runs share it). Built aside and renamed into place,
 * so a half-built template is never used, even with several test workers starting at once.
 */
async function pgliteTemplate(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.resolve(process.cwd(), "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
  const template = path.join(os.tmpdir(), `portal-test-pglite-template-${version}`);
  if (existsSync(path.join(template, "pgdata", "PG_VERSION"))) return template;
  const building = mkdtempSync(path.join(os.tmpdir(), "portal-test-pglite-building-"));
  try {
    const embedded = await startEmbeddedPostgres(building);
    await embedded.stop();
    renameSync(building, template);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    // Another worker finished first: use its template.
    if (!existsSync(path.join(template, "pgdata", "PG_VERSION"))) throw err;
  }
  return template;
}
