// A build of the demo lakehouse as OpenLineage runs, the way Airflow's OpenLineage provider
// reports a DAG run: a parent run of the job `demo_lakehouse` (jobType DAG) and one run per task
// (`demo_lakehouse.<task>`, jobType TASK) whose ParentRunFacet names the DAG run as parent and
// root; each START then COMPLETE or FAIL (with ErrorMessageRunFacet), the task's SQL, its
// datasets with their schema and the column lineage derived from the SQL. A task that never ran
// (the build stopped before it) has no run, as in Airflow.
import { randomUUID } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DEMO_CATALOG, type DemoBuildReport } from "../../engines/duckdb/demo-lakehouse";
import { DUCKDB_NAMESPACE } from "../catalog-link";
import { deriveLineage } from "../sql-lineage/derive";
import { duckDbLookup } from "../sql-lineage/duckdb-lookup";
import { datasetsOf, jobTypeFacet, nominalTimeFacet, parentRunFacet, PORTAL_JOB_NAMESPACE, runEvents, sqlJobFacet, type OlDatasetOut } from "../portal-producer";

export const DEMO_DAG = "demo_lakehouse";
export const DEMO_INTEGRATION = "PORTAL_DEMO";

export type DemoRunEvents = { parentRunId: string; state: "COMPLETE" | "FAIL"; events: Record<string, unknown>[] };

export async function demoPipelineEvents(
  report: DemoBuildReport,
  conn: DuckDBConnection,
  nominal: { start: Date; end?: Date } = { start: report.startedAt },
): Promise<DemoRunEvents> {
  const parent = { runId: randomUUID(), job: { namespace: PORTAL_JOB_NAMESPACE, name: DEMO_DAG } };
  const lookup = duckDbLookup(conn);
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
    runFacets: { nominalTime },
    ...(report.error ? { errorMessage: `The build was rolled back: ${report.error}` } : {}),
  });
  for (const { task, startedAt, endedAt, error } of report.tasks) {
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
    const name = `${DEMO_DAG}.${task.id}`;
    events.push(
      ...runEvents({
        runId: randomUUID(),
        job: {
          namespace: PORTAL_JOB_NAMESPACE,
          name,
          facets: { jobType: jobTypeFacet(DEMO_INTEGRATION, "TASK"), sql: sqlJobFacet((writes.length ? writes : task.statements).join(";\n"), "duckdb") },
        },
        startedAt,
        endedAt,
        state: error ? "FAIL" : "COMPLETE",
        inputs: [...inputs.values()],
        outputs: [...outputs.values()],
        runFacets: { parent: parentRunFacet(parent, parent), nominalTime },
        ...(error ? { errorMessage: error } : {}),
      }),
    );
  }
  return { parentRunId: parent.runId, state, events };
}
