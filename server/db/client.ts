// The one Prisma client of the process, created lazily on first use, through the pg driver
// adapter (the same path for PGlite-behind-a-socket and for a real PostgreSQL server).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { getConfig } from "../config/env";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { processSlot } from "../process-slot";

export type Db = ReturnType<typeof createPrismaClient>;

const pools = new WeakMap<Db, pg.Pool>();

/**
 * @param poolSize connections; 1 for the embedded PGlite, whose socket server multiplexes
 *   connections per protocol message — two connections' extended-protocol messages (Parse,
 *   Bind…) can interleave and break each other, so the embedded database gets one connection
 *   and requests queue for it (hence the longer wait).
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10, options: { connectionWaitMs?: number } = {}) {
  // keepAlive notices dead peers; query_timeout bounds a query on a half-open connection,
  // which would otherwise wait forever.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: options.connectionWaitMs ?? 5_000, keepAlive: true, query_timeout: 120_000 });
  // An idle connection dropped by the server must not crash the process: log it; the pool opens a
  // new connection on the next query, which is how the portal recovers when the database returns.
  // Listened to here rather than through the adapter's onPoolError, which it attaches only on
  // Prisma's first query (sqlPoolOf's users may come first).
  pool.on("error", (err) => logger.warn({ err: err.message }, "database connection lost"));
  // The adapter owns the pool: $disconnect closes it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    // Password hashes never leave the server by accident: ask for them explicitly.
    omit: { user: { passwordHash: true } },
    log: getConfig().NODE_ENV === "development" ? ["warn", "error"] : ["error"],
  });
  pools.set(client, pool);
  return client;
}

/**
 * The pg pool behind a client made by createPrismaClient (null for any other), for the few hot
 * paths that send their own SQL: a statement through Prisma's raw-query path costs about twice
 * what the same statement costs on a plain pg client (server/lineage/README.md, write path).
 * Connections come from the same pool, so its size (one for the embedded PGlite) still holds.
 */
export function sqlPoolOf(client: Db): pg.Pool | null {
  return pools.get(client) ?? null;
}

// One pool per process, whichever module instance asks (server/process-slot.ts).
const shared = processSlot<Db>("prisma");

/** The shared client; created on first use so that importing this module never connects. */
export function db(): Db {
  shared.value ??= createPrismaClient(getRuntime().databaseUrl, getConfig().DATABASE_POOL_SIZE);
  return shared.value;
}

/** Tests and the launcher may install a client of their own (e.g. one per test database). */
export function setDb(client: Db | undefined): void {
  shared.value = client;
}

/** True for errors that mean "the database cannot be reached", as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const text = errorText(err);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|DatabaseNotReachable|the database system is (starting up|shutting down)|terminating connection/i.test(
    text,
  );
}

function errorText(err: unknown, depth = 0): string {
  if (!err || depth > 4) return "";
  if (typeof err !== "object") return String(err);
  const e = err as { message?: unknown; code?: unknown; cause?: unknown; name?: unknown };
  return [e.name, e.code, e.message, errorText(e.cause, depth + 1)].filter(Boolean).join(" ");
}
