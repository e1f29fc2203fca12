// Readiness: may a load balancer send this replica traffic? Only when it has finished starting
// (migrations applied, engines started), is not draining, and its database answers and still
// carries every migration this code relies on. Liveness is simpler: the process answers.
import { checkDatabase, type DatabaseHealth } from "../health";
import { db } from "../db/client";
import { readMigrations } from "../db/migrate";
import { logger } from "../logger";
import { lifecyclePhase } from "./state";

export type Readiness = { ready: true; checks: { database: DatabaseHealth } } | { ready: false; reason: string; checks: { database?: DatabaseHealth } };

let known: string[] | undefined;

/** The migrations this code ships, read once (they cannot change while the process runs). */
function knownMigrations(): string[] {
  return (known ??= readMigrations().map((m) => m.name));
}

export async function checkReadiness(): Promise<Readiness> {
  const phase = lifecyclePhase();
  if (phase === "draining") return { ready: false, reason: "shutting down", checks: {} };
  if (phase === "starting") return { ready: false, reason: "starting (migrations, engines)", checks: {} };
  return noteChange(await checkRunning());
}

async function checkRunning(): Promise<Readiness> {
  const database = await checkDatabase();
  if (database.status !== "ok") return { ready: false, reason: `database unavailable: ${database.error}`, checks: { database } };
  const missing = await missingMigrations();
  if (missing.length) return { ready: false, reason: `migrations not applied: ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`, checks: { database } };
  return { ready: true, checks: { database } };
}

let wasReady: boolean | undefined;

/**
 * One log line when a running replica leaves the load balancer (the database disappeared, or its
 * migrations were rolled back) and one when it returns: the probes ask every few seconds, and
 * the operator needs the moment and the reason, not a line per probe.
 */
function noteChange(readiness: Readiness): Readiness {
  if (readiness.ready && wasReady === false) logger.info("replica ready again");
  if (!readiness.ready && wasReady !== false) logger.warn({ reason: readiness.reason }, "replica not ready");
  wasReady = readiness.ready;
  return readiness;
}

async function missingMigrations(): Promise<string[]> {
  const rows = await db().$queryRaw<{ name: string }[]>`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.name));
  return knownMigrations().filter((name) => !applied.has(name));
}
