// The Airflow adapter of the Orchestrator port: Airflow 2.x's stable REST API (/api/v1) with HTTP
// basic authentication or a bearer token. Every answer is checked with zod (schemas.ts); every
// request has a time limit; list endpoints are paged with limit/offset and total_entries.
// Credentials go into the Authorization header only — never into a URL, a message or a log line.
import type { z } from "zod";
import { describeNetworkError } from "../../connections/probe";
import {
  OrchestratorError,
  type ClearedTask,
  type ClearTaskRequest,
  type OrchestratedDag,
  type OrchestratedDagRun,
  type OrchestratedTaskInstance,
  type Orchestrator,
  type OrchestratorHealth,
  type Page,
  type TaskLogTail,
  type TriggerDagRunRequest,
} from "../contract";
import {
  airflowDag,
  airflowDagCollection,
  airflowDagRun,
  airflowDagRunCollection,
  airflowError,
  airflowHealth,
  airflowTaskInstanceCollection,
  airflowTaskInstanceReferenceCollection,
  type AirflowDag,
  type AirflowDagRun,
  type AirflowTaskInstance,
} from "./schemas";

export type AirflowAuth = { kind: "basic"; username: string; password: string } | { kind: "token"; token: string } | { kind: "none" };

export type AirflowSettings = {
  /** The Airflow webserver's root, e.g. https://airflow.example.com (a trailing /api/v1 is accepted). */
  url: string;
  auth: AirflowAuth;
  /** Per request, including reading a log. */
  timeoutMs?: number;
};

export const AIRFLOW_TIMEOUT_MS = 10_000;
/** Airflow's default and maximum page size (maximum_page_limit) is 100. */
const PAGE_SIZE = 100;
/** A JSON answer larger than this is not what these endpoints send. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** A log is read to its end up to this size; beyond it the tail shown is the tail of what was read. */
const MAX_LOG_READ_BYTES = 64 * 1024 * 1024;

/** The webserver root of AIRFLOW_URL (without /api/v1 and trailing slashes). */
export function airflowRoot(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

export function createAirflowOrchestrator(settings: AirflowSettings): Orchestrator {
  const root = airflowRoot(settings.url);
  const api = `${root}/api/v1`;
  const timeoutMs = settings.timeoutMs ?? AIRFLOW_TIMEOUT_MS;
  const where = `Airflow at ${root}`;

  function headers(accept: string, json: boolean): Headers {
    const h = new Headers({ accept });
    if (json) h.set("content-type", "application/json");
    if (settings.auth.kind === "basic") h.set("authorization", `Basic ${Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString("base64")}`);
    else if (settings.auth.kind === "token") h.set("authorization", `Bearer ${settings.auth.token}`);
    return h;
  }

  async function send(method: "GET" | "POST", path: string, options: { query?: Record<string, string | number | boolean | undefined>; body?: unknown; accept?: string }) {
    const url = new URL(api + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: headers(options.accept ?? "application/json", options.body !== undefined),
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
        redirect: "manual",
      });
    } catch (err) {
      throw networkError(err);
    }
    if (response.status >= 200 && response.status < 300) return { response, signal };
    const text = await readBounded(response, 64 * 1024, signal).catch(() => "");
    throw statusError(method, path, response.status, text);
  }

  function networkError(err: unknown): OrchestratorError {
    const name = (err as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") return new OrchestratorError("timeout", `${where} did not answer within ${timeoutMs / 1000} s.`);
    return new OrchestratorError("unreachable", describeNetworkError(err, where, timeoutMs));
  }

  function statusError(method: string, path: string, status: number, body: string): OrchestratorError {
    let detail = "";
    try {
      const problem = airflowError.safeParse(JSON.parse(body));
      if (problem.success) detail = problem.data.detail ?? problem.data.title;
    } catch {
      // Not a problem-details body (a proxy's HTML page, for instance): the status says enough.
    }
    detail = detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
    const said = detail ? `: ${detail}` : ".";
    if (status === 401)
      return new OrchestratorError("auth_refused", `${where} refused the portal's credentials (HTTP 401). Check AIRFLOW_USERNAME/AIRFLOW_PASSWORD or AIRFLOW_TOKEN.`, status);
    if (status === 403) return new OrchestratorError("permission_denied", `${where} does not let the portal's account do this (HTTP 403)${said}`, status);
    if (status === 404) return new OrchestratorError("not_found", `Airflow has no such ${noun(path)}${said}`, status);
    if (status === 400 || status === 409) return new OrchestratorError("rejected", `Airflow refused the request (HTTP ${status})${said}`, status);
    if (status >= 300 && status < 400)
      return new OrchestratorError("garbage", `${where} redirected ${method} ${path} (HTTP ${status}); is AIRFLOW_URL the webserver's address?`, status);
    return new OrchestratorError("garbage", `${where} answered ${method} ${path} with HTTP ${status}${said}`, status);
  }

  async function json<S extends z.ZodType>(
    schema: S,
    method: "GET" | "POST",
    path: string,
    options: { query?: Record<string, string | number | boolean | undefined>; body?: unknown } = {},
  ): Promise<z.output<S>> {
    const { response, signal } = await send(method, path, options);
    let text: string;
    try {
      text = await readBounded(response, MAX_JSON_BYTES, signal);
    } catch (err) {
      if (err instanceof OrchestratorError) throw err;
      throw networkError(err);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const start = text.trim().slice(0, 40).replace(/\s+/g, " ");
      throw new OrchestratorError("garbage", `${where} answered ${method} ${path} with something that is not JSON${start ? ` (it starts with "${start}")` : " (an empty body)"}.`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? issue.path.join(".") : "the answer";
      throw new OrchestratorError("garbage", `${where} answered ${method} ${path} with JSON that does not match Airflow's API (${at}: ${issue?.message ?? "invalid"}).`);
    }
    return parsed.data;
  }

  const dagPath = (dagId: string) => `/dags/${encodeURIComponent(dagId)}`;
  const runPath = (dagId: string, runId: string) => `${dagPath(dagId)}/dagRuns/${encodeURIComponent(runId)}`;

  return {
    kind: "airflow",
    webUrl: root,

    async health(): Promise<OrchestratorHealth> {
      const h = await json(airflowHealth, "GET", "/health");
      const components = [
        { name: "metadatabase", status: h.metadatabase?.status ?? null, heartbeat: null },
        { name: "scheduler", status: h.scheduler?.status ?? null, heartbeat: h.scheduler?.latest_scheduler_heartbeat ?? null },
        ...(h.triggerer ? [{ name: "triggerer", status: h.triggerer.status ?? null, heartbeat: h.triggerer.latest_triggerer_heartbeat ?? null }] : []),
        ...(h.dag_processor ? [{ name: "dag processor", status: h.dag_processor.status ?? null, heartbeat: h.dag_processor.latest_dag_processor_heartbeat ?? null }] : []),
      ];
      // A triggerer or DAG processor that is not deployed reports status null: not a failure.
      return { healthy: components.every((c) => c.status !== "unhealthy"), components };
    },

    async listDags({ limit, offset }): Promise<Page<OrchestratedDag>> {
      const page = await json(airflowDagCollection, "GET", "/dags", { query: { limit: Math.min(limit, PAGE_SIZE), offset, order_by: "dag_id" } });
      return { items: page.dags.map(toDag), total: page.total_entries };
    },

    async getDag(dagId) {
      return toDag(await json(airflowDag, "GET", dagPath(dagId)));
    },

    async listDagRuns(dagId, query): Promise<Page<OrchestratedDagRun>> {
      const page = await json(airflowDagRunCollection, "GET", `${dagPath(dagId)}/dagRuns`, {
        query: {
          limit: Math.min(query.limit, PAGE_SIZE),
          offset: query.offset,
          execution_date_gte: query.logicalDateFrom?.toISOString(),
          execution_date_lte: query.logicalDateTo?.toISOString(),
          order_by: query.newestFirst === false ? "execution_date" : "-execution_date",
        },
      });
      return { items: page.dag_runs.map(toDagRun), total: page.total_entries };
    },

    async getDagRun(dagId, runId) {
      return toDagRun(await json(airflowDagRun, "GET", runPath(dagId, runId)));
    },

    async listTaskInstances(dagId, runId, limit = 2_000) {
      const items: OrchestratedTaskInstance[] = [];
      let total = 0;
      for (let offset = 0; offset < limit; offset += PAGE_SIZE) {
        const page = await json(airflowTaskInstanceCollection, "GET", `${runPath(dagId, runId)}/taskInstances`, { query: { limit: PAGE_SIZE, offset } });
        total = page.total_entries;
        items.push(...page.task_instances.map(toTaskInstance));
        if (page.task_instances.length === 0 || offset + PAGE_SIZE >= total) break;
      }
      return { items: items.slice(0, limit), total };
    },

    async taskLog(dagId, runId, taskId, tryNumber, { maxBytes, mapIndex }): Promise<TaskLogTail> {
      const path = `${runPath(dagId, runId)}/taskInstances/${encodeURIComponent(taskId)}/logs/${tryNumber}`;
      const { response, signal } = await send("GET", path, {
        query: { full_content: true, map_index: mapIndex !== undefined && mapIndex >= 0 ? mapIndex : undefined },
        accept: "text/plain",
      });
      try {
        return await readTail(response, maxBytes, signal);
      } catch (err) {
        throw networkError(err);
      }
    },

    async triggerDagRun(dagId, request: TriggerDagRunRequest) {
      const body: Record<string, unknown> = { conf: request.conf ?? {} };
      if (request.logicalDate) body.logical_date = request.logicalDate.toISOString();
      if (request.note) body.note = request.note;
      if (request.runId) body.dag_run_id = request.runId;
      return toDagRun(await json(airflowDagRun, "POST", `${dagPath(dagId)}/dagRuns`, { body }));
    },

    async clearTaskInstances(dagId, request: ClearTaskRequest): Promise<ClearedTask[]> {
      const answer = await json(airflowTaskInstanceReferenceCollection, "POST", `${dagPath(dagId)}/clearTaskInstances`, {
        body: {
          dry_run: request.dryRun ?? false,
          dag_run_id: request.runId,
          task_ids: request.taskIds,
          only_failed: request.onlyFailed ?? false,
          include_downstream: request.includeDownstream ?? false,
          // The DAG run goes back to queued/running, as "Clear" in Airflow's UI does.
          reset_dag_runs: true,
        },
      });
      return answer.task_instances.map((t) => ({ dagId: t.dag_id, runId: t.dag_run_id, taskId: t.task_id }));
    },
  };
}

function noun(path: string): string {
  if (/\/logs\//.test(path)) return "task log";
  if (/\/taskInstances/.test(path)) return "task instance";
  if (/\/dagRuns\/[^/]+$/.test(path)) return "DAG run";
  return "DAG";
}

function toDag(d: AirflowDag): OrchestratedDag {
  const schedule = d.timetable_description ?? (d.schedule_interval?.value as string | undefined) ?? null;
  const next =
    d.next_dagrun || d.next_dagrun_create_after
      ? {
          logicalDate: d.next_dagrun,
          dataIntervalStart: d.next_dagrun_data_interval_start,
          dataIntervalEnd: d.next_dagrun_data_interval_end,
          createAfter: d.next_dagrun_create_after,
        }
      : null;
  return {
    dagId: d.dag_id,
    displayName: d.dag_display_name ?? d.dag_id,
    isPaused: d.is_paused ?? null,
    isActive: d.is_active ?? null,
    owners: d.owners,
    tags: d.tags.map((t) => t.name),
    schedule,
    next,
  };
}

function toDagRun(r: AirflowDagRun): OrchestratedDagRun {
  return {
    dagId: r.dag_id,
    runId: r.dag_run_id,
    state: r.state,
    runType: r.run_type ?? null,
    logicalDate: r.logical_date ?? r.execution_date,
    startDate: r.start_date,
    endDate: r.end_date,
    dataIntervalStart: r.data_interval_start,
    dataIntervalEnd: r.data_interval_end,
    externalTrigger: r.external_trigger ?? null,
    conf: r.conf ?? {},
    note: r.note,
  };
}

function toTaskInstance(t: AirflowTaskInstance): OrchestratedTaskInstance {
  const state = t.state === undefined || t.state === null || t.state === "none" ? null : t.state;
  return {
    taskId: t.task_id,
    displayName: t.task_display_name ?? t.task_id,
    mapIndex: t.map_index ?? -1,
    state,
    tryNumber: t.try_number,
    maxTries: t.max_tries ?? null,
    startDate: t.start_date,
    endDate: t.end_date,
    durationSeconds: t.duration ?? null,
    operator: t.operator,
    queuedAt: t.queued_when,
    hostname: t.hostname || null,
    pool: t.pool ?? null,
  };
}

async function readBounded(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (signal.aborted) throw signal.reason;
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new OrchestratorError("garbage", `Airflow's answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; that is not what this endpoint sends.`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The last `maxBytes` of a streamed log, starting at a line when one starts in the window. */
async function readTail(response: Response, maxBytes: number, signal: AbortSignal): Promise<TaskLogTail> {
  let window = Buffer.alloc(0);
  let total = 0;
  let stoppedEarly = false;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (signal.aborted) throw signal.reason;
      total += chunk.byteLength;
      window = Buffer.concat([window, Buffer.from(chunk)]);
      if (window.length > maxBytes * 2) window = window.subarray(window.length - maxBytes);
      if (total >= MAX_LOG_READ_BYTES) {
        stoppedEarly = true;
        await response.body.cancel().catch(() => {});
        break;
      }
    }
  }
  if (window.length > maxBytes) window = window.subarray(window.length - maxBytes);
  const truncated = stoppedEarly || window.length < total;
  if (truncated) {
    const newline = window.indexOf(0x0a);
    if (newline >= 0 && newline < window.length - 1) window = window.subarray(newline + 1);
  }
  return { content: window.toString("utf8"), totalBytes: total, truncated };
}
