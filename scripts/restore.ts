// `npm run restore -- <backup folder>`: restores a backup made by `npm run backup` into
// PORTAL_DATA_DIR, which must not hold a database yet (restore into a new folder, then point
// the portal at it). The portal must not run on that folder.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../server/config/env";
import { createPrismaClient } from "../server/db/client";
import { DataDirLockedError, startEmbeddedPostgres } from "../server/db/embedded";
import { migrate } from "../server/db/migrate";
import { readManifest, restoreBackup } from "../server/lifecycle/backup";

async function run(): Promise<void> {
  const config = loadConfig();
  if (config.DATABASE_URL) throw new Error("DATABASE_URL is set: this restores the embedded default only.");
  const source = process.argv[2];
  if (!source) throw new Error("Usage: npm run restore -- <backup folder>   (into PORTAL_DATA_DIR, which must be new or empty)");
  readManifest(path.resolve(source)); // refuses an incomplete backup before touching anything
  const pgdata = path.join(config.dataDir, "pgdata");
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) throw new Error(`${config.dataDir} already holds a database: restore into a new, empty PORTAL_DATA_DIR.`);
  const embedded = await startEmbeddedPostgres(config.dataDir);
  const db = createPrismaClient(embedded.url, 1);
  try {
    await migrate(embedded.url);
    const manifest = await restoreBackup({ db, dataDir: config.dataDir, source: path.resolve(source) });
    console.log(`Restored the backup of ${manifest.createdAt} into ${config.dataDir} (${Object.keys(manifest.tables).length} tables).`);
  } finally {
    await db.$disconnect();
    await embedded.stop();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : `Restore failed: ${(err as Error).message}`);
  process.exit(1);
});
