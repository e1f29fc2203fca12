// A build of the demo lakehouse as OpenLineage runs, the way Airflow's OpenLineage provider
// reports a DAG run: a parent run of the job `demo_lakehouse` (jobType DAG) and one run per task
// (`demo_lakehouse.<task>`, jobType TASK) whose ParentRunFacet names the DAG run as parent and
// root; each START then COMPLETE or FAIL (with ErrorMessageRunFacet), the task's SQL, its
// datasets with their schema and the column lineage derived from the SQL. A task that never ran
// (the build stopped before it) has no run, as in Airflow.
import { randomUUID } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEMO_CATALOG, type DemoBuildReport, type DemoTask } from "../../engines/duckdb/demo-lakehouse";
import { DUCKDB_NAMESPACE } from "../catalog-link";
import { deriveLineage } from "../sql-lineage/derive";
import { duckDbLookup } from "../sql-lineage/duckdb-lookup";
import { datasetsOf, jobTypeFacet, nominalTimeFacet, parentRunFacet, PORTAL_JOB_NAMESPACE, runEvents, sqlJobFacet, type OlDatasetOut } from "../portal-producer";

export const DEMO_DAG = "demo_lakehouse";
export const DEMO_INTEGRATION = "PORTAL_DEMO";

export type DemoRunEvents = { parentRunId: string; state: "COMPLETE" | "FAIL"; events: Record<string, unknown>[] };

/** What each task reads and writes, derived from its SQL over the built lakehouse. */
export type DemoTaskLineage = Map<string, { inputs: OlDatasetOut[]; outputs: OlDatasetOut[]; sql: string }>;

export async function demoTaskLineage(tasks: DemoTask[], conn: DuckDBConnection): Promise<DemoTaskLineage> {
  const lookup = duckDbLookup(conn);
  const lineage: DemoTaskLineage = new Map();
  for (const task of tasks) {
    const inputs = new Map<string, OlDatasetOut>();
    const outputs = new Map<string, OlDatasetOut>();
    const writes: string[] = [];
    for (const sql of task.statements) {
      const derived = await deriveLineage({ sql, engine: "duckdb", namespace: DUCKDB_NAMESPACE, catalog: DEMO_CATALOG, schema: "main", lookup });
      if (!derived) continue;
      writes.push(sql);
      const datasets = datasetsOf(derived);
      for (const d of datasets.inputs) inputs.set(`${d.namespace} ${d.name}`, d);
      for (const d of datasets.outputs) outputs.set(`${d.namespace} ${d.name}`, d);
    }
    lineage.set(task.id, { inputs: [...inputs.values()], outputs: [...outputs.values()], sql: (writes.length ? writes : task.statements).join(";\n") });
  }
  return lineage;
}

export type DemoRunOptions = {
  nominal?: { start: Date; end?: Date };
  /** The run id of the DAG run (`dag`) or of a task (its id); random unless given (the backfill's are stable). */
  runIdOf?: (key: string) => string;
  /** Extra run facets on every run of the build. */
  runFacets?: Record<string, unknown>;
};

/** The events of one build, from its report and its tasks' lineage (no database, no engine). */
export function demoRunEventsOf(report: DemoBuildReport, lineage: DemoTaskLineage, options: DemoRunOptions = {}): DemoRunEvents {
  const runIdOf = options.runIdOf ?? (() => randomUUID());
  const nominal = options.nominal ?? { start: report.startedAt };
  const parent = { runId: runIdOf("dag"), job: { namespace: PORTAL_JOB_NAMESPACE, name: DEMO_DAG } };
  const nominalTime = nominalTimeFacet(nominal.start, nominal.end);
  const state = report.error ? "FAIL" : "COMPLETE";
  const events: Record<string, unknown>[] = runEvents({
    runId: parent.runId,
    job: { ...parent.job, facets: { jobType: jobTypeFacet(DEMO_INTEGRATION, "DAG") } },
    startedAt: report.startedAt,
    endedAt: report.endedAt,
    state,
    inputs: [],
    outputs: [],
    runFacets: { nominalTime, ...options.runFacets },
    ...(report.error ? { errorMessage: `The build was rolled back: ${report.error}` } : {}),
  });
  for (const { task, startedAt, endedAt, error } of report.tasks) {
    const derived = lineage.get(task.id) ?? { inputs: [], outputs: [], sql: task.statements.join(";\n") };
    events.push(
      ...runEvents({
        runId: runIdOf(task.id),
        job: {
          namespace: PORTAL_JOB_NAMESPACE,
          name: `${DEMO_DAG}.${task.id}`,
          facets: { jobType: jobTypeFacet(DEMO_INTEGRATION, "TASK"), sql: sqlJobFacet(derived.sql, "duckdb") },
        },
        startedAt,
        endedAt,
        state: error ? "FAIL" : "COMPLETE",
        inputs: derived.inputs,
        outputs: derived.outputs,
        runFacets: { parent: parentRunFacet(parent, parent), nominalTime, ...options.runFacets },
        ...(error ? { errorMessage: error } : {}),
      }),
    );
  }
  return { parentRunId: parent.runId, state, events };
}

export async function demoPipelineEvents(
  report: DemoBuildReport,
  conn: DuckDBConnection,
  nominal: { start: Date; end?: Date } = { start: report.startedAt },
): Promise<DemoRunEvents> {
  const lineage = await demoTaskLineage(
    report.tasks.map((t) => t.task),
    conn,
  );
  return demoRunEventsOf(report, lineage, { nominal });
}
