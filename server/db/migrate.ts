// Offline migration runner. Applies prisma/migrations/<timestamp>_<name>/migration.sql in order,
// each in its own transaction together with its row in `_prisma_migrations`, recorded the way
// `prisma migrate deploy` records it (same table, checksum and advisory lock), so the two tools
// can take turns on one database. Safe with several replicas starting at once: the lock
// serialises them and the second finds nothing left to do.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** The advisory lock key Prisma Migrate uses; sharing it keeps both tools from racing. */
const PRISMA_MIGRATE_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
  ) {
    super(`Migration ${migration} failed and was rolled back: ${message}`);
    this.name = "MigrationError";
  }
}

/** The migration run was stopped (SIGTERM during start-up): whatever was in progress is rolled back. */
export class MigrationInterruptedError extends Error {
  constructor(readonly migration: string | undefined) {
    super(
      migration
        ? `Migration ${migration} was interrupted and rolled back: nothing of it is applied, and the next start applies it again.`
        : "Migrating was interrupted before any migration began (waiting for the migration lock or reading the applied ones); nothing changed.",
    );
    this.name = "MigrationInterruptedError";
  }
}

export type MigrateOptions = {
  dir?: string;
  onApply?: (name: string) => void;
  /**
   * Stops the run: a migration that has not committed is rolled back. With `terminateOnAbort`
   * (a real PostgreSQL server) the migrating session is ended at once from a second connection,
   * so a long statement or a wait for another replica's lock does not outlive the process (the
   * server would otherwise keep running it, and holding the lock, until the statement ends).
   * Without it (the embedded PGlite has one connection) the run stops before the next COMMIT.
   */
  signal?: AbortSignal;
  terminateOnAbort?: boolean;
};

export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export type MigrateResult = { applied: string[]; alreadyApplied: number; modifiedAfterApply: string[] };

export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = readMigrations(options.dir);
  const { signal } = options;
  signal?.throwIfAborted();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {}); // surfaced through the failing query instead
  await client.connect();
  let current: string | undefined; // the migration whose transaction is open
  let termination: { stop(): void; done(): Promise<void> } | undefined;
  try {
    if (signal && options.terminateOnAbort) {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      termination = onAbort(signal, () => terminateSession(databaseUrl, rows[0]!.pid));
    }
    signal?.throwIfAborted();
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        failed.migration_name,
        "it is recorded as failed in _prisma_migrations; fix the database, then mark it rolled back " +
          "(`prisma migrate resolve --rolled-back <name>` or set rolled_back_at) and start again",
      );
    }
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: 0, modifiedAfterApply: [] };

    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        result.alreadyApplied++;
        if (checksum !== migration.checksum) result.modifiedAfterApply.push(migration.name);
        continue;
      }
      signal?.throwIfAborted();
      options.onApply?.(migration.name);
      current = migration.name;
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        // Not committed yet: on a stop the catch below rolls it back. A signal that arrived while
        // the statement ran (the embedded PGlite runs it on this thread, blocking the event loop)
        // is delivered on a later turn of the loop than the statement's answer: let it through first.
        if (signal) await nextLoopTurn();
        signal?.throwIfAborted();
        // Both times from the database's clock: now() is when this transaction began,
        // clock_timestamp() is after the migration's statements ran.
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        if (signal?.aborted) throw new MigrationInterruptedError(migration.name);
        throw new MigrationError(migration.name, (err as Error).message);
      }
      current = undefined;
      result.applied.push(migration.name);
    }
    return result;
  } catch (err) {
    if (signal?.aborted) {
      // The session may report its end before the server has finished rolling back: wait for it.
      await termination?.done();
      // A terminated session fails whatever it was doing (the lock wait, a read): same outcome.
      throw err instanceof MigrationInterruptedError ? err : new MigrationInterruptedError(current);
    }
    throw err;
  } finally {
    termination?.stop();
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Two turns of the event loop: the next poll phase runs, where pending signals are delivered. */
async function nextLoopTurn(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

function onAbort(signal: AbortSignal, run: () => Promise<void>): { stop(): void; done(): Promise<void> } {
  let running: Promise<void> | undefined;
  // Errors are swallowed: the migrating session's own failure reports the outcome.
  const listener = () => void (running = run().catch(() => {}));
  signal.addEventListener("abort", listener, { once: true });
  return { stop: () => signal.removeEventListener("abort", listener), done: async () => running };
}

/** Ends a session from a second connection and waits (up to 5 s) until it is gone: its transaction rolled back, its locks released. */
async function terminateSession(databaseUrl: string, pid: number): Promise<void> {
  const other = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  other.on("error", () => {});
  try {
    await other.connect();
    await other.query("SELECT pg_terminate_backend($1, 5000)", [pid]);
  } finally {
    await other.end().catch(() => {});
  }
}
