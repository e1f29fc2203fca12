// Backups of the embedded default: the metadata database as a logical snapshot (every table's
// rows, read in one REPEATABLE READ transaction, so one consistent moment), the DuckDB
// lakehouse file after a CHECKPOINT, the lake's files and the secret key file. A running portal
// writes the snapshot itself (scripts/backup.ts asks it with SIGUSR2): the embedded database
// serves exactly one connection, which only that process may use. Restore loads the rows into a
// freshly migrated database in a new data folder.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";

export const BACKUP_REQUEST_FILE = "backup-request.json";
export const MANIFEST = "manifest.json";
const DATABASE_FILE = "database.json";
const FILES = ["secret.key", "lakehouse.duckdb", "lakehouse.duckdb.wal"] as const;

export type BackupManifest = { createdAt: string; tables: Record<string, number>; files: string[]; lake: boolean };
export type BackupRequest = { target: string; requestedAt: string };

async function tablesOf(client: Pick<Db, "$queryRawUnsafe">): Promise<string[]> {
  const rows = await client.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => r.name);
}

function quoted(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain table name: ${name}`);
  return `"${name}"`;
}

/** Every table's rows at one moment. */
export async function snapshotDatabase(db: Db): Promise<Record<string, unknown[]>> {
  return db.$transaction(
    async (tx) => {
      const out: Record<string, unknown[]> = {};
      for (const table of await tablesOf(tx)) {
        const [row] = await tx.$queryRawUnsafe<{ rows: unknown[] | null }[]>(`SELECT json_agg(t) AS rows FROM ${quoted(table)} t`);
        out[table] = row?.rows ?? [];
      }
      return out;
    },
    { isolationLevel: "RepeatableRead", timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * Writes a backup of `dataDir` into `target` (which must not exist or be empty). A running
 * portal passes `quiesce`, which makes the DuckDB file self-contained (CHECKPOINT) and keeps it
 * unchanged while `copy` runs. The manifest is written last: without one a backup is incomplete.
 */
export async function writeBackup(options: { db: Db; dataDir: string; target: string; quiesce?: (copy: () => void) => Promise<void> }): Promise<BackupManifest> {
  const { db, dataDir, target } = options;
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`The backup folder ${target} is not empty.`);
  mkdirSync(target, { recursive: true });
  const tables = await snapshotDatabase(db);
  writeFileSync(path.join(target, DATABASE_FILE), JSON.stringify(tables));
  const files: string[] = [];
  const copy = () => {
    for (const file of FILES) {
      if (!existsSync(path.join(dataDir, file))) continue;
      copyFileSync(path.join(dataDir, file), path.join(target, file));
      files.push(file);
    }
  };
  if (options.quiesce) await options.quiesce(copy);
  else copy();
  const lake = existsSync(path.join(dataDir, "lake"));
  if (lake) cpSync(path.join(dataDir, "lake"), path.join(target, "lake"), { recursive: true });
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), tables: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])), files, lake };
  writeFileSync(path.join(target, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

export function readManifest(source: string): BackupManifest {
  const file = path.join(source, MANIFEST);
  if (!existsSync(file)) throw new Error(`${source} is not a complete backup (no ${MANIFEST}).`);
  return JSON.parse(readFileSync(file, "utf8")) as BackupManifest;
}

/**
 * Loads a backup's rows into `db` (freshly migrated: every table exists and is empty apart from
 * what migrations insert, which the backup's rows replace), then its files into `dataDir`.
 */
export async function restoreBackup(options: { db: Db; dataDir: string; source: string }): Promise<BackupManifest> {
  const { db, dataDir, source } = options;
  const manifest = readManifest(source);
  const tables = JSON.parse(readFileSync(path.join(source, DATABASE_FILE), "utf8")) as Record<string, unknown[]>;
  const present = new Set(await tablesOf(db));
  const missing = Object.keys(tables).filter((t) => !present.has(t));
  if (missing.length) throw new Error(`The backup has tables this release does not (${missing.join(", ")}): restore it with the release that made it.`);
  await db.$transaction(
    async (tx) => {
      // Foreign keys and triggers are not checked while loading (the rows were consistent together).
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      for (const [table, rows] of Object.entries(tables)) {
        if (table === "_prisma_migrations") continue; // the fresh database's own record stays
        await tx.$executeRawUnsafe(`DELETE FROM ${quoted(table)}`);
        if (rows.length === 0) continue;
        await tx.$executeRawUnsafe(`INSERT INTO ${quoted(table)} SELECT * FROM json_populate_recordset(NULL::${quoted(table)}, $1::json)`, JSON.stringify(rows));
      }
      // Sequences continue after the restored ids.
      const serials = await tx.$queryRawUnsafe<{ t: string; c: string; s: string }[]>(
        `SELECT table_name AS t, column_name AS c, pg_get_serial_sequence(quote_ident(table_name), column_name) AS s
           FROM information_schema.columns WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
      );
      for (const { t, c, s } of serials) {
        await tx.$executeRawUnsafe(
          `SELECT setval($1::regclass, GREATEST((SELECT max(${quoted(c)}) FROM ${quoted(t)}), 1), (SELECT max(${quoted(c)}) FROM ${quoted(t)}) IS NOT NULL)`,
          s,
        );
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  mkdirSync(dataDir, { recursive: true });
  for (const file of manifest.files) copyFileSync(path.join(source, file), path.join(dataDir, file));
  if (manifest.lake) cpSync(path.join(source, "lake"), path.join(dataDir, "lake"), { recursive: true });
  return manifest;
}
