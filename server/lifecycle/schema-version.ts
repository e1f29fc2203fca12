// Refuses to start on a database whose schema is newer than this code: a migration applied by a
// newer release that this one does not know. Running would mean reading and writing tables whose
// shape the code has never seen (a rolled-back replica during a rolling upgrade, for instance).
import pg from "pg";
import { readMigrations } from "../db/migrate";

export class SchemaNewerError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `The database schema is newer than this portal: it has ${unknown.length} migration(s) this release does not know (${unknown.slice(0, 3).join(", ")}${unknown.length > 3 ? ", …" : ""}).\n` +
        "Start the release that applied them (or a newer one); an older release must not run against this database.",
    );
    this.name = "SchemaNewerError";
  }
}

/** Throws SchemaNewerError when the database records migrations this code does not ship. */
export async function assertSchemaNotNewer(databaseUrl: string, dir?: string): Promise<void> {
  const known = new Set(readMigrations(dir).map((m) => m.name));
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {}); // surfaced through the failing query instead
  await client.connect();
  try {
    const table = await client.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!table.rows[0]?.present) return; // a fresh database
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const unknown = rows.map((r) => r.name).filter((name) => !known.has(name));
    if (unknown.length) throw new SchemaNewerError(unknown);
  } finally {
    await client.end().catch(() => {});
  }
}
