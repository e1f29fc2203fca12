// The orchestrator operations the portal offers: its status, the orchestrator's view of a run
// (DAG run state and every task instance, including the states OpenLineage never reports), the
// next scheduled run, a task log's tail, and — for editors, audited — trigger a DAG run and clear
// a task. Reads never throw on an orchestrator failure: they return it as `unavailable` with its
// message, so the run page renders and says why ("Airflow is not reachable: …").
import type { HandlerArgs, RequestContext } from "../handler";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/audit";
import { configuredOrchestrator } from "./configured";
import {
  isOrchestratorError,
  type OrchestratorFailure,
  type OrchestratedDagRun,
  type OrchestratedTaskInstance,
  type OrchestratorHealth,
  type TaskLogTail,
  type UpcomingRun,
} from "./contract";
import { matchAirflowRun, type AirflowRunRef, type LineageRunFacts } from "./airflow/matching";
import type { ClearTaskInput, OrchestratorJobInput, OrchestratorRunInput, TaskLogInput, TriggerDagRunInput } from "./schemas";

/** How much of a task log the page shows: its last 64 KB. */
export const LOG_TAIL_BYTES = 64 * 1024;
/** Task instances shown per DAG run (the adapter pages through Airflow's 100 per request). */
export const TASK_INSTANCE_LIMIT = 1_000;

type Unavailable = {
  kind: "unavailable";
  /** unreachable and timeout: "Airflow is not reachable"; the others: Airflow answered, but not with the run. */
  failure: OrchestratorFailure;
  message: string;
};

export type OrchestratorStatus =
  | { configured: false }
  | { configured: true; kind: "airflow"; webUrl: string; namespace: string | null; reachable: true; health: OrchestratorHealth }
  | { configured: true; kind: "airflow"; webUrl: string; namespace: string | null; reachable: false; message: string };

export type RunOrchestration =
  | { kind: "not_configured" }
  | { kind: "not_matched" }
  | (Unavailable & { webUrl: string; dagId: string | null })
  | {
      kind: "matched";
      webUrl: string;
      dagId: string;
      /** The run page's own task, for a task-level run. */
      taskId: string | null;
      matchedBy: AirflowRunRef["how"];
      dagRun: OrchestratedDagRun | null;
      /** Why dagRun is null. */
      dagRunMessage: string | null;
      taskInstances: OrchestratedTaskInstance[];
      taskInstanceTotal: number;
      isPaused: boolean | null;
      schedule: string | null;
      next: UpcomingRun | null;
    };

export type JobOrchestration =
  | { kind: "not_configured" }
  | { kind: "not_matched" }
  | (Unavailable & { webUrl: string; dagId: string | null })
  | { kind: "matched"; webUrl: string; dagId: string; isPaused: boolean | null; schedule: string | null; next: UpcomingRun | null };

/** An orchestrator failure as data for the page; anything else is a bug and propagates. */
function unavailable(err: unknown): Pick<Unavailable, "failure" | "message"> {
  if (isOrchestratorError(err)) return { failure: err.failure, message: err.message };
  throw err;
}

export async function orchestratorStatus(): Promise<OrchestratorStatus> {
  const configured = configuredOrchestrator();
  if (!configured) return { configured: false };
  const base = { configured: true as const, kind: "airflow" as const, webUrl: configured.orchestrator.webUrl, namespace: configured.namespace };
  try {
    return { ...base, reachable: true, health: await configured.orchestrator.health() };
  } catch (err) {
    return { ...base, reachable: false, message: unavailable(err).message };
  }
}

type RunRow = { namespace: string; job: string; facets: Record<string, unknown> | null; nominal_start_at: Date | null; parent_job_name: string | null };

async function runFacts(ctx: RequestContext, runId: string): Promise<LineageRunFacts | null> {
  const rows = await ctx.db.$queryRaw<RunRow[]>`
    SELECT n.name AS namespace, j.name AS job, r.facets, r.nominal_start_at, r.parent_job_name
      FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE r.id = ${runId}::uuid`;
  const row = rows[0];
  return row ? { namespace: row.namespace, job: row.job, facets: row.facets ?? {}, nominalStart: row.nominal_start_at, parentJob: row.parent_job_name } : null;
}

export async function runOrchestration({ ctx, input }: HandlerArgs<OrchestratorRunInput>): Promise<RunOrchestration> {
  const facts = await runFacts(ctx, input.runId);
  if (!facts) throw new DomainError("NOT_FOUND", "No run with this id has been reported.");
  const configured = configuredOrchestrator();
  if (!configured) return { kind: "not_configured" };
  const ref = matchAirflowRun(facts, configured.namespace);
  if (!ref) return { kind: "not_matched" };
  const { orchestrator } = configured;
  const webUrl = orchestrator.webUrl;
  try {
    const dag = await orchestrator.getDag(ref.dagId);
    let dagRun: OrchestratedDagRun | null = null;
    let dagRunMessage: string | null = null;
    if (ref.dagRunId) {
      try {
        dagRun = await orchestrator.getDagRun(ref.dagId, ref.dagRunId);
      } catch (err) {
        if (!isOrchestratorError(err) || err.failure !== "not_found") throw err;
        dagRunMessage = `Airflow has no run "${ref.dagRunId}" of DAG ${ref.dagId} (it may have been deleted).`;
      }
    } else if (ref.logicalDate) {
      const found = await orchestrator.listDagRuns(ref.dagId, { limit: 1, offset: 0, logicalDateFrom: ref.logicalDate, logicalDateTo: ref.logicalDate });
      dagRun = found.items[0] ?? null;
      if (!dagRun) dagRunMessage = `Airflow has no run of DAG ${ref.dagId} at ${ref.logicalDate.toISOString()}.`;
    } else {
      dagRunMessage = "This run names neither an Airflow run id nor a nominal time, so its DAG run cannot be found.";
    }
    const tasks = dagRun ? await orchestrator.listTaskInstances(ref.dagId, dagRun.runId, TASK_INSTANCE_LIMIT) : { items: [], total: 0 };
    return {
      kind: "matched",
      webUrl,
      dagId: ref.dagId,
      taskId: ref.taskId,
      matchedBy: ref.how,
      dagRun,
      dagRunMessage,
      taskInstances: tasks.items,
      taskInstanceTotal: tasks.total,
      isPaused: dag.isPaused,
      schedule: dag.schedule,
      next: dag.next,
    };
  } catch (err) {
    return { kind: "unavailable", webUrl, dagId: ref.dagId, ...unavailable(err) };
  }
}

/** The job page's Airflow line: the DAG's next scheduled run (matched through the job's latest run). */
export async function jobOrchestration({ ctx, input }: HandlerArgs<OrchestratorJobInput>): Promise<JobOrchestration> {
  const configured = configuredOrchestrator();
  if (!configured) return { kind: "not_configured" };
  const latest = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT r.id::text FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE n.name = ${input.namespace} AND j.name = ${input.name}
     ORDER BY r.created_at DESC LIMIT 1`;
  const facts = latest[0] ? await runFacts(ctx, latest[0].id) : null;
  const ref = facts ? matchAirflowRun(facts, configured.namespace) : null;
  if (!ref) return { kind: "not_matched" };
  const webUrl = configured.orchestrator.webUrl;
  try {
    const dag = await configured.orchestrator.getDag(ref.dagId);
    return { kind: "matched", webUrl, dagId: dag.dagId, isPaused: dag.isPaused, schedule: dag.schedule, next: dag.next };
  } catch (err) {
    return { kind: "unavailable", webUrl, dagId: ref.dagId, ...unavailable(err) };
  }
}

function requireOrchestrator() {
  const configured = configuredOrchestrator();
  if (!configured) throw new DomainError("PRECONDITION_FAILED", "No Airflow is configured for this portal (AIRFLOW_URL).");
  return configured.orchestrator;
}

export async function taskLog({ input }: HandlerArgs<TaskLogInput>): Promise<TaskLogTail> {
  return requireOrchestrator().taskLog(input.dagId, input.dagRunId, input.taskId, input.tryNumber, { maxBytes: LOG_TAIL_BYTES, mapIndex: input.mapIndex });
}

export async function triggerDagRun({ ctx, input }: HandlerArgs<TriggerDagRunInput>): Promise<OrchestratedDagRun> {
  const orchestrator = requireOrchestrator();
  const audit = (outcome: "success" | "failure", details: Record<string, string | number | boolean | null>) =>
    recordAudit(ctx.db, { actor: ctx.user, action: "airflow.dag_run_triggered", subject: `airflow dag ${input.dagId}`, outcome, ip: ctx.ip, details });
  // The conf is the user's; its keys are recorded, not its values (they may be credentials).
  const asked = { confKeys: Object.keys(input.conf ?? {}).join(",") || null, logicalDate: input.logicalDate ?? null, note: input.note ?? null };
  try {
    const run = await orchestrator.triggerDagRun(input.dagId, {
      conf: input.conf,
      logicalDate: input.logicalDate ? new Date(input.logicalDate) : undefined,
      note: input.note || undefined,
    });
    await audit("success", { ...asked, dagRunId: run.runId, state: run.state });
    return run;
  } catch (err) {
    await audit("failure", { ...asked, error: err instanceof Error ? err.message : "unknown" });
    throw err;
  }
}

export async function clearTask({ ctx, input }: HandlerArgs<ClearTaskInput>): Promise<{ cleared: { taskId: string; runId: string }[] }> {
  const orchestrator = requireOrchestrator();
  const audit = (outcome: "success" | "failure", details: Record<string, string | number | boolean | null>) =>
    recordAudit(ctx.db, {
      actor: ctx.user,
      action: "airflow.task_cleared",
      subject: `airflow dag ${input.dagId} run ${input.dagRunId} task ${input.taskId}`,
      outcome,
      ip: ctx.ip,
      details: { includeDownstream: input.includeDownstream, ...details },
    });
  try {
    const cleared = await orchestrator.clearTaskInstances(input.dagId, {
      runId: input.dagRunId,
      taskIds: [input.taskId],
      includeDownstream: input.includeDownstream,
      onlyFailed: false,
    });
    await audit("success", { cleared: cleared.map((c) => c.taskId).join(",") || null });
    return { cleared: cleared.map((c) => ({ taskId: c.taskId, runId: c.runId })) };
  } catch (err) {
    await audit("failure", { error: err instanceof Error ? err.message : "unknown" });
    throw err;
  }
}
