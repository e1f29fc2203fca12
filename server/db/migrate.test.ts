// The offline migration runner must leave a database exactly as `prisma migrate deploy` would,
// apply each migration once, and never leave a half-applied migration behind.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { DEFAULT_MIGRATIONS_DIR, migrate, MigrationError } from "./migrate";

const available = await postgresAvailable();

/** The migrations shipped in the repository, read independently of the runner. */
const shipped = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()
  .map((name) => ({
    name,
    checksum: createHash("sha256")
      .update(readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
      .digest("hex"),
  }));

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await query(url, "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1", [table]);
  return rows.length === 1;
}

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

const migrationRows = (url: string) => query<MigrationRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);

await describeOnDatabases("migrations on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let tmp: string;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind, { migrate: false });
    tmp = mkdtempSync(path.join(os.tmpdir(), "portal-migrations-"));
  });
  afterAll(async () => {
    await database?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.skipIf(skip)("applies every shipped migration to an empty database", async () => {
    expect(shipped.length).toBeGreaterThan(0);
    const applied: string[] = [];
    const result = await migrate(database.url, { onApply: (name) => applied.push(name) });

    expect(result).toEqual({ applied: shipped.map((m) => m.name), alreadyApplied: 0, modifiedAfterApply: [] });
    expect(applied).toEqual(shipped.map((m) => m.name));
    for (const table of ["users", "audit_events", "portal_settings"]) expect(await tableExists(database.url, table), table).toBe(true);
  });

  it.skipIf(skip)("records each migration in _prisma_migrations the way `prisma migrate deploy` does", async () => {
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      database.url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    // Prisma Migrate's own table definition (schema-engine, postgres flavour).
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);

    const rows = await migrationRows(database.url);
    expect(rows.map((r) => r.migration_name)).toEqual(shipped.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum, row.migration_name).toBe(shipped[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it.skipIf(skip)("a second run applies nothing", async () => {
    const before = await migrationRows(database.url);
    const applied: string[] = [];
    const result = await migrate(database.url, { onApply: (name) => applied.push(name) });

    expect(result).toEqual({ applied: [], alreadyApplied: shipped.length, modifiedAfterApply: [] });
    expect(applied).toEqual([]);
    expect(await migrationRows(database.url)).toEqual(before);
  });

  it.skipIf(skip)("rolls a failing migration back entirely and keeps the good one before it", async () => {
    writeMigration(tmp, "20990101000000_good", `CREATE TABLE "good_table" ("id" INTEGER PRIMARY KEY);`);
    writeMigration(
      tmp,
      "20990102000000_broken",
      [
        `CREATE TABLE "half_done" ("id" INTEGER PRIMARY KEY);`,
        `INSERT INTO "half_done" VALUES (1);`,
        `ALTER TABLE "good_table" ADD COLUMN "label" TEXT;`,
        `SELECT * FROM "no_such_table";`, // fails here, after three statements succeeded
        `CREATE TABLE "never_reached" ("id" INTEGER);`,
      ].join("\n"),
    );

    const error = await migrate(database.url, { dir: tmp }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe("20990102000000_broken");
    expect((error as MigrationError).message).toContain("20990102000000_broken");
    expect((error as MigrationError).message).toContain("no_such_table");
    // Nothing of the broken migration is left: no table, no column, no row.
    expect(await tableExists(database.url, "half_done")).toBe(false);
    expect(await tableExists(database.url, "never_reached")).toBe(false);
    const goodColumns = await query<{ column_name: string }>(
      database.url,
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'good_table'",
    );
    expect(goodColumns.map((c) => c.column_name)).toEqual(["id"]);
    const names = (await migrationRows(database.url)).map((r) => r.migration_name);
    expect(names).not.toContain("20990102000000_broken");
    // The good migration before it stays applied and recorded.
    expect(names).toContain("20990101000000_good");
    expect(await tableExists(database.url, "good_table")).toBe(true);
  });

  it.skipIf(skip)("applies a migration and its record together: if recording fails, the migration is undone too", async () => {
    // Whatever makes the bookkeeping insert fail (a full disk, a lost connection), the
    // migration must not stay applied without its row, or the next start would apply it again.
    await query(
      database.url,
      `CREATE FUNCTION refuse_record() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'cannot record %', NEW.migration_name; END $$;
       CREATE TRIGGER refuse_record BEFORE INSERT ON "_prisma_migrations"
         FOR EACH ROW WHEN (NEW.migration_name = '20990103000000_unrecordable') EXECUTE FUNCTION refuse_record();`,
    );
    const dir = path.join(tmp, "unrecordable");
    writeMigration(dir, "20990103000000_unrecordable", `CREATE TABLE "unrecorded" ("id" INTEGER);`);
    try {
      const error = await migrate(database.url, { dir }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe("20990103000000_unrecordable");
      expect(await tableExists(database.url, "unrecorded")).toBe(false);
    } finally {
      await query(database.url, `DROP TRIGGER refuse_record ON "_prisma_migrations"; DROP FUNCTION refuse_record();`);
    }
    expect(await migrate(database.url, { dir })).toMatchObject({ applied: ["20990103000000_unrecordable"] });
    expect(await tableExists(database.url, "unrecorded")).toBe(true);
  });

  it.skipIf(skip)("applies the fixed migration on the next start, and reports migrations edited after they were applied", async () => {
    writeMigration(tmp, "20990102000000_broken", `CREATE TABLE "half_done" ("id" INTEGER PRIMARY KEY);`);
    const fixed = await migrate(database.url, { dir: tmp });
    expect(fixed).toEqual({ applied: ["20990102000000_broken"], alreadyApplied: 1, modifiedAfterApply: [] });
    expect(await tableExists(database.url, "half_done")).toBe(true);

    writeMigration(tmp, "20990101000000_good", `CREATE TABLE "good_table" ("id" INTEGER PRIMARY KEY); -- edited`);
    const edited = await migrate(database.url, { dir: tmp });
    expect(edited).toEqual({ applied: [], alreadyApplied: 2, modifiedAfterApply: ["20990101000000_good"] });
  });
});

describe.skipIf(!available)("migrations with several replicas starting at once (PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres", { migrate: false });
  });
  afterAll(() => database?.close());

  it("applies each migration exactly once", async () => {
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);

    const appliedBy = results.filter((r) => r.applied.length > 0);
    expect(appliedBy).toHaveLength(1);
    expect(appliedBy[0]!.applied).toEqual(shipped.map((m) => m.name));
    expect(results.filter((r) => r.applied.length === 0).every((r) => r.alreadyApplied === shipped.length)).toBe(true);
    expect((await migrationRows(database.url)).map((r) => r.migration_name)).toEqual(shipped.map((m) => m.name));
  });
});

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}
