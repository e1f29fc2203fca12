// The embedded default database: PGlite (PostgreSQL compiled to WASM) persisted in the data
// folder and served on a loopback port with pglite-socket, so Prisma uses the same pg adapter as
// with a real server. Exactly one process may own the folder: a lock file with our pid guards it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { getConfig } from "../config/env";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`Another portal process (pid ${pid}) owns the embedded database in ${dir}. ` + "Stop that process first, or set DATABASE_URL to use a PostgreSQL server instead.");
    this.name = "DataDirLockedError";
  }
}

/**
 * PostgreSQL's settings for the embedded database, given at every start (they win over the
 * data folder's postgresql.conf). shared_buffers: PostgreSQL's default of 128MB is allocated and
 * touched at start inside PGlite's WebAssembly memory, which never shrinks, so it cost an idle
 * portal 110 MB of resident memory more than 16MB does (scripts/bench/memory-breakdown.ts);
 * pages beyond it are read from the OS page cache.
 */
export function embeddedStartParams(sharedBuffers: string): string[] {
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`];
}

export async function startEmbeddedPostgres(dataDir: string, options: { maxConnections?: number; sharedBuffers?: string } = {}): Promise<EmbeddedPostgres> {
  const dbDir = path.join(dataDir, "pgdata");
  mkdirSync(dbDir, { recursive: true });
  const releaseLock = acquireLock(path.join(dataDir, "pgdata.lock"));
  try {
    const sharedBuffers = options.sharedBuffers ?? getConfig().PGLITE_SHARED_BUFFERS;
    const pglite = await PGlite.create(dbDir, { extensions: { pg_trgm }, startParams: embeddedStartParams(sharedBuffers) });
    const server = new PGLiteSocketServer({
      db: pglite,
      host: "127.0.0.1",
      port: 0,
      maxConnections: options.maxConnections ?? 32,
    });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      async stop() {
        await server.stop();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

/** Creates the lock file atomically; a lock left by a dead process is taken over. */
function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(path.dirname(lockFile), owner);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
