// The demo pipeline on a schedule: every PORTAL_DEMO_PIPELINE_MINUTES (default 60; 0 = off) the
// demo lakehouse is rebuilt and reported as a DAG run, on one replica only. Each tick (every
// minute, as the catalog scheduler) takes the advisory lock (lock.ts), then reads when the DAG
// last started from the lineage model itself (lineage_runs), so replicas agree on what is due;
// a replica that loses the race skips quietly. The first build at start-up is a run too
// (server/engines/registry.ts records it), so the schedule counts from there. Under the same
// lock, once: the history before that first build (backfill.ts) and the demo tables' owners
// (owners.ts), so the dashboards and the impact panel are filled from the first start.
import type { DuckDBConnection } from "@duckdb/node-api";
import { getConfig } from "../../config/env";
import { db as defaultDb, type Db } from "../../db/client";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import { engineRegistry, lakeDir } from "../../engines/registry";
import { logger } from "../../logger";
import { getRuntime } from "../../runtime";
import { DEMO_DAG } from "./events";
import { PORTAL_JOB_NAMESPACE } from "../portal-producer";
import { tryLockDemoPipeline } from "./lock";
import { runDemoPipeline, type DemoPipelineRun } from "./run";
import { demoTasks, type DemoTask } from "../../engines/duckdb/demo-lakehouse";
import { backfillDemoHistory } from "./backfill";
import { ensureDemoOwners } from "./owners";

const TICK_MS = 60_000;
const FIRST_TICK_MS = 10_000;

export type DemoPipelineOptions = {
  intervalMinutes?: number;
  client?: () => Db;
  databaseUrl?: string;
  /** A connection to the embedded DuckDB (default: the registry's engine) and its lake. */
  connect?: () => Promise<DuckDBConnection>;
  lakeDir?: string;
  tasks?: DemoTask[];
  /** Days of history drawn before the first build (default 14; 0 = none). */
  backfillDays?: number;
  tickMs?: number;
  firstTickMs?: number;
};

export type DemoPipelineScheduler = { stop(): Promise<void> };

/** When the DAG last started, by the lineage model; null when it never ran. */
export async function lastDemoRun(client: Db): Promise<Date | null> {
  const rows = await client.$queryRaw<{ at: Date | null }[]>`
    SELECT max(coalesce(r.started_at, r.created_at)) AS at FROM lineage_runs r
      JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE n.name = ${PORTAL_JOB_NAMESPACE} AND j.name = ${DEMO_DAG}`;
  return rows[0]?.at ?? null;
}

/** Runs the pipeline if it is due and no other process is running it; null when it did not run. */
export async function runDemoPipelineIfDue(options: DemoPipelineOptions = {}): Promise<DemoPipelineRun | null> {
  const intervalMinutes = options.intervalMinutes ?? getConfig().PORTAL_DEMO_PIPELINE_MINUTES;
  if (intervalMinutes <= 0) return null;
  const client = (options.client ?? defaultDb)();
  const lock = await tryLockDemoPipeline(options.databaseUrl ?? getRuntime().databaseUrl);
  if (!lock) return null;
  try {
    await fillDemoHistory(client, options, intervalMinutes);
    const last = await lastDemoRun(client);
    const now = new Date();
    if (last && now.getTime() - last.getTime() < intervalMinutes * 60_000) return null;
    const conn = await (options.connect ?? registryConnection)();
    try {
      const run = await runDemoPipeline({
        db: client,
        conn,
        lakeDir: options.lakeDir ?? lakeDir(getConfig()),
        tasks: options.tasks,
        nominal: { start: now, end: new Date(now.getTime() + intervalMinutes * 60_000) },
      });
      if (run.state === "FAIL") logger.warn({ runId: run.parentRunId, error: run.report.error }, "demo pipeline run failed");
      else logger.info({ runId: run.parentRunId, ms: run.report.endedAt.getTime() - run.report.startedAt.getTime() }, "demo pipeline run completed");
      return run;
    } finally {
      conn.disconnectSync();
    }
  } finally {
    await lock.release();
  }
}

/** The backfill and the owners: each does nothing once done, and neither may stop the schedule. */
async function fillDemoHistory(client: Db, options: DemoPipelineOptions, intervalMinutes: number): Promise<void> {
  try {
    const started = Date.now();
    const runs = await backfillDemoHistory({
      db: client,
      connect: options.connect ?? registryConnection,
      tasks: options.tasks ?? demoTasks(options.lakeDir ?? lakeDir(getConfig())),
      intervalMinutes,
      days: options.backfillDays ?? 14,
    });
    if (runs > 0) logger.info({ runs, ms: Date.now() - started }, "demo pipeline history backfilled");
  } catch (err) {
    logger.warn({ err }, "could not backfill the demo pipeline's history");
  }
  try {
    await ensureDemoOwners(client);
  } catch (err) {
    logger.warn({ err }, "could not give the demo tables owners");
  }
}

async function registryConnection(): Promise<DuckDBConnection> {
  const engine = engineRegistry().get("duckdb")?.engine;
  if (!(engine instanceof DuckDbEngine)) throw new Error("The embedded DuckDB engine is not running.");
  return engine.connect();
}

/** Starts the schedule in this process; call once, from the launcher. */
export function startDemoPipeline(options: DemoPipelineOptions = {}): DemoPipelineScheduler {
  const intervalMinutes = options.intervalMinutes ?? getConfig().PORTAL_DEMO_PIPELINE_MINUTES;
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = runDemoPipelineIfDue({ ...options, intervalMinutes })
      .catch((err: unknown) => logger.warn({ err }, "demo pipeline run could not start"))
      .finally(() => (current = null));
  };
  logger.info({ intervalMinutes }, intervalMinutes > 0 ? "demo pipeline scheduled" : "the demo pipeline's schedule is off");
  if (intervalMinutes <= 0) return { stop: async () => {} };
  const first = setTimeout(tick, options.firstTickMs ?? FIRST_TICK_MS);
  const timer = setInterval(tick, options.tickMs ?? TICK_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await current; // a running build finishes (it is one transaction) and records its runs
    },
  };
}
