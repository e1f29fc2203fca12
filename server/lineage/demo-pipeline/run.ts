// One run of the demo pipeline: the demo lakehouse's tasks in one DuckDB transaction
// (server/engines/duckdb/demo-lakehouse.ts), then its OpenLineage runs (events.ts) through
// ingestLineage, the path every producer's events take.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import { buildDemoLakehouse, demoTasks, type BuildProgress, type DemoBuildReport, type DemoTask } from "../../engines/duckdb/demo-lakehouse";
import { ingestOwnEvents } from "../portal-producer";
import { demoPipelineEvents, type DemoRunEvents } from "./events";

/** Who stores the pipeline's events (lineage_raw_events.received_by): the portal itself, no person. */
export const PORTAL_ACTOR: CurrentUser = { id: "00000000-0000-0000-0000-000000000000", email: "demo-pipeline@portal.local", name: "Demo pipeline", role: "admin" };

export type DemoPipelineRun = DemoRunEvents & { report: DemoBuildReport };

/** Stores a build's runs (the first build at start-up comes here from the engine registry). */
export async function recordDemoBuild(db: Db, conn: DuckDBConnection, report: DemoBuildReport, nominal?: { start: Date; end?: Date }): Promise<DemoPipelineRun> {
  const run = await demoPipelineEvents(report, conn, nominal);
  await ingestOwnEvents({ user: PORTAL_ACTOR, ip: null, db }, run.events);
  return { ...run, report };
}

export async function runDemoPipeline(options: {
  db: Db;
  conn: DuckDBConnection;
  lakeDir: string;
  /** The demo lakehouse's tasks unless a test gives others. */
  tasks?: DemoTask[];
  nominal?: { start: Date; end?: Date };
  onProgress?: BuildProgress;
}): Promise<DemoPipelineRun> {
  const report = await buildDemoLakehouse(options.conn, options.lakeDir, options.tasks ?? demoTasks(options.lakeDir), options.onProgress);
  return recordDemoBuild(options.db, options.conn, report, options.nominal);
}
