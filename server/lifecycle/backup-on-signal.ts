// A running embedded portal writes a backup when `npm run backup` asks (SIGUSR2 after writing
// <data>/backup-request.json): only this process may use the embedded database's one
// connection. The DuckDB file is checkpointed and copied under the demo pipeline's lock, so no
// rebuild of the demo lakehouse changes it halfway through the copy.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "../db/client";
import { DuckDbEngine } from "../engines/duckdb/duckdb-engine";
import { engineRegistry } from "../engines/registry";
import { tryLockDemoPipeline } from "../lineage/demo-pipeline/lock";
import { logger } from "../logger";
import { BACKUP_REQUEST_FILE, writeBackup, type BackupRequest } from "./backup";

export const BACKUP_ERROR_FILE = "backup-error.txt";

export function listenForBackupRequests(options: { dataDir: string; databaseUrl: string }): { stop(): void } {
  let running = false;
  const handle = async () => {
    if (running) return;
    running = true;
    const requestFile = path.join(options.dataDir, BACKUP_REQUEST_FILE);
    let request: BackupRequest | undefined;
    try {
      if (!existsSync(requestFile)) return;
      request = JSON.parse(readFileSync(requestFile, "utf8")) as BackupRequest;
      rmSync(requestFile, { force: true });
      logger.info({ target: request.target }, "backup requested");
      const manifest = await writeBackup({ db: db(), dataDir: options.dataDir, target: request.target, quiesce: (copy) => quiesceLakehouse(options.databaseUrl, copy) });
      logger.info({ target: request.target, tables: Object.keys(manifest.tables).length }, "backup written");
    } catch (err) {
      logger.error({ err }, "backup failed");
      if (request) writeFileSync(path.join(request.target, BACKUP_ERROR_FILE), (err as Error).message);
    } finally {
      running = false;
    }
  };
  const listener = () => void handle();
  process.on("SIGUSR2", listener);
  return { stop: () => process.off("SIGUSR2", listener) };
}

async function quiesceLakehouse(databaseUrl: string, copy: () => void): Promise<void> {
  let lock = await tryLockDemoPipeline(databaseUrl);
  for (let i = 0; !lock && i < 120; i++) {
    await new Promise((r) => setTimeout(r, 1_000)); // a demo rebuild is running: wait for it
    lock = await tryLockDemoPipeline(databaseUrl);
  }
  if (!lock) throw new Error("The demo pipeline kept the lakehouse busy for two minutes; try the backup again.");
  try {
    for (const { engine } of engineRegistry().values()) {
      if (!(engine instanceof DuckDbEngine)) continue;
      const conn = await engine.connect();
      try {
        await conn.run("CHECKPOINT");
      } finally {
        conn.disconnectSync();
      }
    }
    copy();
  } finally {
    await lock.release();
  }
}
