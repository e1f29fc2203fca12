// The Orchestrator port: what the portal asks of a workflow scheduler that OpenLineage events do
// not carry — task instances that never ran (queued, skipped, upstream_failed), retries in
// progress, the next scheduled run, task logs, and the actions "trigger a run" and "clear a task".
// Orchestrator-neutral on purpose: Airflow is the first adapter (server/orchestrators/airflow);
// a Dagster adapter would map its runs and steps onto the same shapes.
import { DomainError, type DomainErrorCode } from "../errors";

/** A DAG (Airflow) / job (Dagster): the unit that is scheduled and triggered. */
export type OrchestratedDag = {
  dagId: string;
  displayName: string;
  isPaused: boolean | null;
  isActive: boolean | null;
  owners: string[];
  tags: string[];
  /** Human description of the schedule ("At 06:00", "1 day, 0:00:00"), or null when unscheduled. */
  schedule: string | null;
  /** The next scheduled run, when the scheduler has planned one. */
  next: UpcomingRun | null;
};

export type UpcomingRun = {
  logicalDate: Date | null;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  /** Not before this time will the scheduler create it. */
  createAfter: Date | null;
};

/** queued, running, success, failed — and whatever a newer scheduler adds (shown as sent). */
export type DagRunState = string;

export type OrchestratedDagRun = {
  dagId: string;
  runId: string;
  state: DagRunState;
  /** scheduled, manual, backfill, dataset_triggered, … */
  runType: string | null;
  logicalDate: Date | null;
  startDate: Date | null;
  endDate: Date | null;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  externalTrigger: boolean | null;
  conf: Record<string, unknown>;
  note: string | null;
};

/**
 * A task instance's state. `null` means "no status yet" (Airflow 2.7+ sends null; older versions
 * the string "none"). Besides success/failed/running: queued, scheduled, skipped, upstream_failed,
 * up_for_retry, up_for_reschedule, deferred, removed, restarting.
 */
export type TaskState = string | null;

export const TASK_STATES_NOT_IN_OPENLINEAGE = [
  "queued",
  "scheduled",
  "skipped",
  "upstream_failed",
  "up_for_retry",
  "up_for_reschedule",
  "deferred",
  "removed",
  "restarting",
] as const;

export type OrchestratedTaskInstance = {
  taskId: string;
  displayName: string;
  /** -1 for an unmapped task; the index of a mapped (expanded) task otherwise. */
  mapIndex: number;
  state: TaskState;
  tryNumber: number;
  maxTries: number | null;
  startDate: Date | null;
  endDate: Date | null;
  durationSeconds: number | null;
  operator: string | null;
  queuedAt: Date | null;
  hostname: string | null;
  pool: string | null;
};

export type Page<T> = { items: T[]; total: number };

export type TaskLogTail = {
  /** The last `maxBytes` of the log (cut at a line start when possible). */
  content: string;
  /** Bytes the orchestrator sent in total. */
  totalBytes: number;
  truncated: boolean;
};

export type OrchestratorHealth = {
  /** Every component reported healthy (or the scheduler did not say otherwise). */
  healthy: boolean;
  components: { name: string; status: string | null; heartbeat: Date | null }[];
};

export type TriggerDagRunRequest = {
  conf?: Record<string, unknown>;
  /** Airflow 2.x: defaults to now. */
  logicalDate?: Date;
  note?: string;
  /** Default: the scheduler chooses (manual__<logical date>). */
  runId?: string;
};

export type ClearTaskRequest = {
  runId: string;
  taskIds: string[];
  includeDownstream?: boolean;
  /** Clear only tasks that failed (Airflow's default is true; the portal asks for exactly the tasks named). */
  onlyFailed?: boolean;
  dryRun?: boolean;
};

export type ClearedTask = { dagId: string; runId: string; taskId: string };

export interface Orchestrator {
  readonly kind: "airflow";
  /** Where a person opens the orchestrator's own UI (no credentials in it). */
  readonly webUrl: string;
  health(): Promise<OrchestratorHealth>;
  listDags(page: { limit: number; offset: number }): Promise<Page<OrchestratedDag>>;
  getDag(dagId: string): Promise<OrchestratedDag>;
  listDagRuns(dagId: string, query: { limit: number; offset: number; logicalDateFrom?: Date; logicalDateTo?: Date; newestFirst?: boolean }): Promise<Page<OrchestratedDagRun>>;
  getDagRun(dagId: string, runId: string): Promise<OrchestratedDagRun>;
  /** Every task instance of a DAG run (the adapter pages through them), up to `limit`. */
  listTaskInstances(dagId: string, runId: string, limit?: number): Promise<{ items: OrchestratedTaskInstance[]; total: number }>;
  taskLog(dagId: string, runId: string, taskId: string, tryNumber: number, options: { maxBytes: number; mapIndex?: number }): Promise<TaskLogTail>;
  triggerDagRun(dagId: string, request: TriggerDagRunRequest): Promise<OrchestratedDagRun>;
  clearTaskInstances(dagId: string, request: ClearTaskRequest): Promise<ClearedTask[]>;
}

// ─── Errors ────────────────────────────────────────────────────────────────────────────────────

export type OrchestratorFailure =
  /** Connection refused, DNS, TLS, reset. */
  | "unreachable"
  /** No answer within the time limit. */
  | "timeout"
  /** 401: the portal's credentials for the orchestrator were refused. */
  | "auth_refused"
  /** 403: the portal's orchestrator account may not do this. */
  | "permission_denied"
  /** 404: no such DAG, run or task. */
  | "not_found"
  /** 400 / 409: the orchestrator refused the request itself (bad conf, run id taken). */
  | "rejected"
  /** An answer that is not what the API promises (HTML, truncated JSON, wrong shape, 5xx). */
  | "garbage";

const CODE_OF: Record<OrchestratorFailure, DomainErrorCode> = {
  unreachable: "SERVICE_UNAVAILABLE",
  timeout: "SERVICE_UNAVAILABLE",
  // Not UNAUTHORIZED/FORBIDDEN: the portal user is signed in; it is the portal's service account
  // that the orchestrator refused, and the client must not treat it as a lost session.
  auth_refused: "SERVICE_UNAVAILABLE",
  permission_denied: "SERVICE_UNAVAILABLE",
  not_found: "NOT_FOUND",
  rejected: "BAD_REQUEST",
  garbage: "SERVICE_UNAVAILABLE",
};

/** A DomainError (so tRPC shows its message) that also says which way the orchestrator failed. */
export class OrchestratorError extends DomainError {
  constructor(
    readonly failure: OrchestratorFailure,
    message: string,
    /** The orchestrator's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(failure === "rejected" && status === 409 ? "CONFLICT" : CODE_OF[failure], message);
  }
}

export function isOrchestratorError(err: unknown): err is OrchestratorError {
  return err instanceof DomainError && typeof (err as { failure?: unknown }).failure === "string";
}
