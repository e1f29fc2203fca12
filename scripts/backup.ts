// `npm run backup [-- <folder>]`: a consistent backup of the embedded default's data folder
// (PORTAL_DATA_DIR): metadata database, DuckDB lakehouse, lake files, secret key. While the
// portal runs it writes the backup itself (asked with SIGUSR2; server/lifecycle/backup-on-signal.ts);
// otherwise this script opens the data folder. With DATABASE_URL, back up PostgreSQL with
// pg_dump and the bucket with your object store's tools instead.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../server/config/env";
import { createPrismaClient } from "../server/db/client";
import { DataDirLockedError, startEmbeddedPostgres } from "../server/db/embedded";
import { BACKUP_REQUEST_FILE, MANIFEST, writeBackup, type BackupRequest } from "../server/lifecycle/backup";
import { BACKUP_ERROR_FILE } from "../server/lifecycle/backup-on-signal";

function runningOwner(dataDir: string): number | null {
  const lock = path.join(dataDir, "pgdata.lock");
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, "utf8").trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function run(): Promise<void> {
  const config = loadConfig();
  if (config.DATABASE_URL) throw new Error("DATABASE_URL is set: this backs up the embedded default only. Use pg_dump for PostgreSQL and your object store's tools for S3.");
  const target = path.resolve(process.argv[2] ?? path.join(config.dataDir, "backups", new Date().toISOString().replace(/[:.]/g, "-")));
  const owner = runningOwner(config.dataDir);
  if (owner) {
    const request: BackupRequest = { target, requestedAt: new Date().toISOString() };
    writeFileSync(path.join(config.dataDir, BACKUP_REQUEST_FILE), JSON.stringify(request));
    process.kill(owner, "SIGUSR2");
    console.log(`Asked the running portal (pid ${owner}) for a backup into ${target}…`);
    for (let i = 0; i < 6_000; i++) {
      if (existsSync(path.join(target, MANIFEST))) return void console.log(`Backup written to ${target}`);
      if (existsSync(path.join(target, BACKUP_ERROR_FILE))) throw new Error(readFileSync(path.join(target, BACKUP_ERROR_FILE), "utf8"));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("The portal did not finish the backup within 10 minutes; see its log.");
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  const db = createPrismaClient(embedded.url, 1);
  try {
    await writeBackup({ db, dataDir: config.dataDir, target });
    console.log(`Backup written to ${target}`);
  } finally {
    await db.$disconnect();
    await embedded.stop();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : `Backup failed: ${(err as Error).message}`);
  process.exit(1);
});
