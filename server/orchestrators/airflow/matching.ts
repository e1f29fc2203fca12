// Which Airflow DAG run / task instance an OpenLineage run is. Airflow's OpenLineage provider
// names a DAG run's job `<dag_id>` and a task's job `<dag_id>.<task_id>` in its configured
// namespace, and sends run facets that say it outright: `airflow` on task events
// ({dag:{dag_id}, dagRun:{run_id}, task:{task_id}, taskInstance:{try_number, map_index}}) and
// `airflowDagRun` on DAG events ({dag:{dag_id}, dagRun:{run_id}}). Facets win; without them the
// name is split at the parent DAG's name and the DAG run is found by the nominal (logical) time.

export type AirflowRunRef = {
  dagId: string;
  /** The task of a task-level run; null for the DAG run itself. */
  taskId: string | null;
  /** Known from the facets; otherwise found later by `logicalDate`. */
  dagRunId: string | null;
  logicalDate: Date | null;
  tryNumber: number | null;
  mapIndex: number | null;
  how: "facets" | "name";
};

export type LineageRunFacts = {
  namespace: string;
  job: string;
  facets: Record<string, unknown>;
  nominalStart: Date | null;
  parentJob: string | null;
};

export function matchAirflowRun(run: LineageRunFacts, airflowNamespace: string | null): AirflowRunRef | null {
  const airflow = record(run.facets.airflow);
  const dagRunFacet = record(run.facets.airflowDagRun);
  const source = airflow ?? dagRunFacet;
  // With AIRFLOW_NAMESPACE set, only that namespace's runs are this Airflow's: another Airflow
  // could send facets too.
  if (airflowNamespace !== null && run.namespace !== airflowNamespace) return null;
  if (source) {
    const dagId = str(record(source.dag)?.dag_id) ?? str(record(source.dagRun)?.dag_id);
    if (dagId) {
      const dagRun = record(source.dagRun);
      const logical = str(dagRun?.logical_date) ?? str(dagRun?.execution_date);
      const taskInstance = record(airflow?.taskInstance);
      return {
        dagId,
        taskId: airflow ? (str(record(airflow.task)?.task_id) ?? taskFromName(run.job, dagId)) : null,
        dagRunId: str(dagRun?.run_id),
        logicalDate: logical && !Number.isNaN(Date.parse(logical)) ? new Date(logical) : run.nominalStart,
        tryNumber: int(taskInstance?.try_number),
        mapIndex: int(taskInstance?.map_index),
        how: "facets",
      };
    }
  }
  // Names alone are trusted only in Airflow's own namespace.
  if (airflowNamespace === null) return null;
  if (run.parentJob && run.job.startsWith(`${run.parentJob}.`)) {
    return { dagId: run.parentJob, taskId: run.job.slice(run.parentJob.length + 1), dagRunId: null, logicalDate: run.nominalStart, tryNumber: null, mapIndex: null, how: "name" };
  }
  if (run.parentJob) return null;
  return { dagId: run.job, taskId: null, dagRunId: null, logicalDate: run.nominalStart, tryNumber: null, mapIndex: null, how: "name" };
}

function taskFromName(job: string, dagId: string): string | null {
  return job.startsWith(`${dagId}.`) ? job.slice(dagId.length + 1) : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function int(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}
