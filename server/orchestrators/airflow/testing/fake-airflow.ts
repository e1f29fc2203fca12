// An in-process Airflow webserver for tests, faithful to the stable REST API's published OpenAPI
// spec (airflow-v1-openapi.json beside this file keeps the part used): the same paths and query
// parameters, limit/offset paging with total_entries (limit defaults to 100, at most 100),
// RFC 7807 error bodies {type,title,status,detail}, 401 without valid credentials, 403 for a
// read-only user's writes, 404 for unknown DAGs, runs and tasks, 409 for a taken run id, 400 for
// a conf that is not an object. It keeps DAGs, DAG runs, task instances and logs in memory and
// can be told to hang or to answer garbage. Not a scheduler: triggered runs stay queued.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeTaskInstance = {
  task_id: string;
  state: string | null;
  try_number: number;
  max_tries: number;
  start_date: string | null;
  end_date: string | null;
  duration: number | null;
  operator: string;
  map_index?: number;
  queued_when?: string | null;
  log?: string;
};

export type FakeDagRun = {
  dag_run_id: string;
  logical_date: string;
  state: "queued" | "running" | "success" | "failed";
  run_type: "backfill" | "manual" | "scheduled" | "dataset_triggered";
  start_date: string | null;
  end_date: string | null;
  data_interval_start: string | null;
  data_interval_end: string | null;
  external_trigger: boolean;
  conf: Record<string, unknown>;
  note: string | null;
  tasks: FakeTaskInstance[];
};

export type FakeDag = {
  dag_id: string;
  is_paused: boolean;
  owners: string[];
  tags: string[];
  /** Cron expression of the schedule, or null for an unscheduled DAG. */
  cron: string | null;
  timetable_description: string | null;
  next_dagrun: string | null;
  next_dagrun_data_interval_start: string | null;
  next_dagrun_data_interval_end: string | null;
  next_dagrun_create_after: string | null;
  /** Task ids in order: a triggered run gets one task instance per id, without a state. */
  task_ids: string[];
  runs: FakeDagRun[];
};

export type FakeAirflowOptions = {
  users?: { username: string; password: string; readOnly?: boolean }[];
  tokens?: string[];
};

export type FakeAirflow = {
  url: string;
  port: number;
  dags: Map<string, FakeDag>;
  /** normal; hang: accept the request and never answer; garbage: answer 200 with an HTML page. */
  mode: "normal" | "hang" | "garbage";
  /** Every request as received: method, path with query, and whether it carried an Authorization header. */
  requests: { method: string; url: string; authorized: boolean }[];
  addDag(dag: Partial<FakeDag> & { dag_id: string }): FakeDag;
  addRun(dagId: string, run: Partial<FakeDagRun> & { dag_run_id: string; logical_date: string }): FakeDagRun;
  close(): Promise<void>;
};

const ERROR_TYPE = "https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/";

export async function startFakeAirflow(options: FakeAirflowOptions = {}, port = 0): Promise<FakeAirflow> {
  const users = options.users ?? [{ username: "portal", password: "portal-secret" }];
  const tokens = new Set(options.tokens ?? []);
  const dags = new Map<string, FakeDag>();
  const hanging = new Set<http.ServerResponse>();

  const fake: FakeAirflow = {
    url: "",
    port: 0,
    dags,
    mode: "normal",
    requests: [],
    addDag(partial) {
      const dag: FakeDag = {
        is_paused: false,
        owners: ["airflow"],
        tags: [],
        cron: "0 6 * * *",
        timetable_description: "At 06:00",
        next_dagrun: null,
        next_dagrun_data_interval_start: null,
        next_dagrun_data_interval_end: null,
        next_dagrun_create_after: null,
        task_ids: [],
        runs: [],
        ...partial,
      };
      dags.set(dag.dag_id, dag);
      return dag;
    },
    addRun(dagId, partial) {
      const dag = dags.get(dagId);
      if (!dag) throw new Error(`no DAG ${dagId}`);
      const run: FakeDagRun = {
        state: "success",
        run_type: "scheduled",
        start_date: partial.logical_date,
        end_date: null,
        data_interval_start: partial.logical_date,
        data_interval_end: partial.logical_date,
        external_trigger: false,
        conf: {},
        note: null,
        tasks: [],
        ...partial,
      };
      dag.runs.push(run);
      return run;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function problem(res: http.ServerResponse, status: number, title: string, detail: string) {
    const kind = { 400: "BadRequest", 401: "Unauthenticated", 403: "PermissionDenied", 404: "NotFound", 409: "AlreadyExists" }[status] ?? "Unknown";
    send(res, status, { detail, status, title, type: ERROR_TYPE + kind });
  }

  function send(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": status >= 400 ? "application/problem+json" : "application/json" });
    res.end(JSON.stringify(body));
  }

  function who(req: http.IncomingMessage): { ok: boolean; readOnly: boolean } {
    const header = req.headers.authorization ?? "";
    if (header.startsWith("Basic ")) {
      const [username, ...rest] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
      const user = users.find((u) => u.username === username && u.password === rest.join(":"));
      return { ok: Boolean(user), readOnly: Boolean(user?.readOnly) };
    }
    if (header.startsWith("Bearer ")) return { ok: tokens.has(header.slice(7)), readOnly: false };
    return { ok: false, readOnly: false };
  }

  function page<T>(items: T[], query: URLSearchParams): { slice: T[]; total: number } | string {
    const limitText = query.get("limit");
    const offsetText = query.get("offset");
    const limit = limitText === null ? 100 : Number(limitText);
    const offset = offsetText === null ? 0 : Number(offsetText);
    if (!Number.isInteger(limit) || limit < 0) return `'${limitText}' is not of type 'integer'`;
    if (!Number.isInteger(offset) || offset < 0) return `${offsetText} is less than the minimum of 0`;
    // Airflow caps every page at [api] maximum_page_limit (100 by default).
    return { slice: items.slice(offset, offset + Math.min(limit, 100)), total: items.length };
  }

  const dagJson = (d: FakeDag) => ({
    dag_id: d.dag_id,
    dag_display_name: d.dag_id,
    is_paused: d.is_paused,
    is_active: true,
    last_parsed_time: "2026-12-01T00:00:00+00:00",
    last_pickled: null,
    last_expired: null,
    scheduler_lock: null,
    pickle_id: null,
    default_view: "grid",
    fileloc: `/opt/airflow/dags/${d.dag_id}.py`,
    file_token: Buffer.from(d.dag_id).toString("base64url"),
    owners: d.owners,
    description: null,
    schedule_interval: d.cron ? { __type: "CronExpression", value: d.cron } : null,
    timetable_description: d.timetable_description,
    tags: d.tags.map((name) => ({ name })),
    max_active_tasks: 16,
    max_active_runs: 16,
    has_task_concurrency_limits: false,
    has_import_errors: false,
    next_dagrun: d.next_dagrun,
    next_dagrun_data_interval_start: d.next_dagrun_data_interval_start,
    next_dagrun_data_interval_end: d.next_dagrun_data_interval_end,
    next_dagrun_create_after: d.next_dagrun_create_after,
    max_consecutive_failed_dag_runs: 0,
  });

  const runJson = (d: FakeDag, r: FakeDagRun) => ({
    dag_run_id: r.dag_run_id,
    dag_id: d.dag_id,
    logical_date: r.logical_date,
    execution_date: r.logical_date,
    start_date: r.start_date,
    end_date: r.end_date,
    data_interval_start: r.data_interval_start,
    data_interval_end: r.data_interval_end,
    last_scheduling_decision: r.start_date,
    run_type: r.run_type,
    state: r.state,
    external_trigger: r.external_trigger,
    conf: r.conf,
    note: r.note,
  });

  const taskJson = (d: FakeDag, r: FakeDagRun, t: FakeTaskInstance) => ({
    task_id: t.task_id,
    task_display_name: t.task_id,
    dag_id: d.dag_id,
    dag_run_id: r.dag_run_id,
    execution_date: r.logical_date,
    start_date: t.start_date,
    end_date: t.end_date,
    duration: t.duration,
    state: t.state,
    try_number: t.try_number,
    map_index: t.map_index ?? -1,
    max_tries: t.max_tries,
    hostname: t.start_date ? "worker-1" : "",
    unixname: "airflow",
    pool: "default_pool",
    pool_slots: 1,
    queue: "default",
    priority_weight: 1,
    operator: t.operator,
    queued_when: t.queued_when ?? null,
    pid: null,
    executor: null,
    executor_config: "{}",
    sla_miss: null,
    rendered_map_index: null,
    rendered_fields: {},
    trigger: null,
    triggerer_job: null,
    note: null,
  });

  async function readBody(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    return text ? JSON.parse(text) : {};
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://airflow");
    fake.requests.push({ method: req.method ?? "GET", url: url.pathname + url.search, authorized: Boolean(req.headers.authorization) });
    if (fake.mode === "hang") {
      hanging.add(res);
      return;
    }
    if (fake.mode === "garbage") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body><h1>Welcome to nginx!</h1></body></html>");
      return;
    }
    const path = url.pathname;
    if (!path.startsWith("/api/v1/")) return problem(res, 404, "Not Found", "The requested URL was not found on the server.");
    const route = path.slice("/api/v1".length).split("/").map(decodeURIComponent);
    // /health needs no authentication in Airflow 2.
    if (req.method === "GET" && route[1] === "health" && route.length === 2) {
      const beat = new Date().toISOString();
      return send(res, 200, {
        metadatabase: { status: "healthy" },
        scheduler: { status: "healthy", latest_scheduler_heartbeat: beat },
        triggerer: { status: null, latest_triggerer_heartbeat: null },
        dag_processor: { status: null, latest_dag_processor_heartbeat: null },
      });
    }
    const auth = who(req);
    if (!auth.ok) return problem(res, 401, "Unauthorized", "No credentials were provided or they are invalid.");
    const write = req.method !== "GET";
    if (write && auth.readOnly) return problem(res, 403, "Forbidden", "You do not have permission to perform this action.");

    // route: ["", "dags", dag_id?, sub?, run_id?, "taskInstances"?, task_id?, "logs"?, try?]
    if (route[1] !== "dags") return problem(res, 404, "Not Found", "The requested URL was not found on the server.");
    if (route.length === 2 && req.method === "GET") {
      const all = [...dags.values()].sort((a, b) => a.dag_id.localeCompare(b.dag_id));
      const p = page(all, url.searchParams);
      if (typeof p === "string") return problem(res, 400, "Bad Request", p);
      return send(res, 200, { dags: p.slice.map(dagJson), total_entries: p.total });
    }
    const dag = dags.get(route[2] ?? "");
    if (!dag) return problem(res, 404, "DAG not found", `DAG with dag_id: '${route[2]}' not found`);
    if (route.length === 3 && req.method === "GET") return send(res, 200, dagJson(dag));

    if (route[3] === "clearTaskInstances" && route.length === 4 && req.method === "POST") {
      const body = (await readBody(req)) as {
        dag_run_id?: string;
        task_ids?: string[];
        dry_run?: boolean;
        only_failed?: boolean;
        include_downstream?: boolean;
        reset_dag_runs?: boolean;
      };
      if (body.task_ids !== undefined && (!Array.isArray(body.task_ids) || body.task_ids.length < 1)) return problem(res, 400, "Bad Request", "[] is too short - 'task_ids'");
      const runs = body.dag_run_id ? dag.runs.filter((r) => r.dag_run_id === body.dag_run_id) : dag.runs;
      if (body.dag_run_id && runs.length === 0) return problem(res, 404, "DAGRun not found", `DAGRun with dag_run_id: '${body.dag_run_id}' not found`);
      const cleared: { task_id: string; dag_id: string; execution_date: string; dag_run_id: string }[] = [];
      for (const run of runs) {
        let selected = new Set(body.task_ids ?? dag.task_ids);
        if (body.include_downstream && body.task_ids) {
          const first = Math.min(...body.task_ids.map((id) => dag.task_ids.indexOf(id)).filter((i) => i >= 0));
          selected = new Set([...selected, ...dag.task_ids.slice(first)]);
        }
        for (const task of run.tasks) {
          if (!selected.has(task.task_id)) continue;
          if (body.only_failed !== false && task.state !== "failed" && task.state !== "upstream_failed") continue;
          cleared.push({ task_id: task.task_id, dag_id: dag.dag_id, execution_date: run.logical_date, dag_run_id: run.dag_run_id });
          if (body.dry_run === false) {
            task.state = null;
            task.start_date = null;
            task.end_date = null;
            task.duration = null;
          }
        }
        if (body.dry_run === false && body.reset_dag_runs && cleared.some((c) => c.dag_run_id === run.dag_run_id)) {
          run.state = "queued";
          run.end_date = null;
        }
      }
      return send(res, 200, { task_instances: cleared });
    }

    if (route[3] !== "dagRuns") return problem(res, 404, "Not Found", "The requested URL was not found on the server.");
    if (route.length === 4 && req.method === "GET") {
      let runs = [...dag.runs];
      const gte = url.searchParams.get("execution_date_gte");
      const lte = url.searchParams.get("execution_date_lte");
      if (gte) runs = runs.filter((r) => Date.parse(r.logical_date) >= Date.parse(gte));
      if (lte) runs = runs.filter((r) => Date.parse(r.logical_date) <= Date.parse(lte));
      const order = url.searchParams.get("order_by") ?? "id";
      runs.sort((a, b) => Date.parse(a.logical_date) - Date.parse(b.logical_date));
      if (order.startsWith("-")) runs.reverse();
      const p = page(runs, url.searchParams);
      if (typeof p === "string") return problem(res, 400, "Bad Request", p);
      return send(res, 200, { dag_runs: p.slice.map((r) => runJson(dag, r)), total_entries: p.total });
    }
    if (route.length === 4 && req.method === "POST") {
      const body = (await readBody(req)) as { dag_run_id?: string; logical_date?: string; conf?: unknown; note?: string };
      if (body.conf !== undefined && (typeof body.conf !== "object" || body.conf === null || Array.isArray(body.conf)))
        return problem(res, 400, "Bad Request", `${JSON.stringify(body.conf)} is not of type 'object' - 'conf'`);
      if (body.logical_date !== undefined && Number.isNaN(Date.parse(body.logical_date)))
        return problem(res, 400, "Bad Request", `'${body.logical_date}' is not a 'date-time' - 'logical_date'`);
      const logical = body.logical_date ? new Date(body.logical_date).toISOString() : new Date().toISOString();
      const runId = body.dag_run_id ?? `manual__${logical}`;
      if (dag.runs.some((r) => r.dag_run_id === runId)) return problem(res, 409, "Conflict", `DAGRun with DAG ID: '${dag.dag_id}' and DAGRun ID: '${runId}' already exists`);
      const run = fake.addRun(dag.dag_id, {
        dag_run_id: runId,
        logical_date: logical,
        state: "queued",
        run_type: "manual",
        start_date: null,
        external_trigger: true,
        conf: (body.conf as Record<string, unknown> | undefined) ?? {},
        note: body.note ?? null,
        tasks: dag.task_ids.map((task_id) => ({ task_id, state: null, try_number: 0, max_tries: 0, start_date: null, end_date: null, duration: null, operator: "BashOperator" })),
      });
      return send(res, 200, runJson(dag, run));
    }
    const run = dag.runs.find((r) => r.dag_run_id === route[4]);
    if (!run) return problem(res, 404, "DAGRun not found", `DAGRun with DAG ID: '${dag.dag_id}' and DagRun ID: '${route[4]}' not found`);
    if (route.length === 5 && req.method === "GET") return send(res, 200, runJson(dag, run));
    if (route[5] === "taskInstances" && route.length === 6 && req.method === "GET") {
      const p = page(run.tasks, url.searchParams);
      if (typeof p === "string") return problem(res, 400, "Bad Request", p);
      return send(res, 200, { task_instances: p.slice.map((t) => taskJson(dag, run, t)), total_entries: p.total });
    }
    const task = run.tasks.find((t) => t.task_id === route[6]);
    if (route[5] === "taskInstances" && route.length === 7 && req.method === "GET") {
      if (!task) return problem(res, 404, "Task instance not found", "Task instance not found");
      return send(res, 200, taskJson(dag, run, task));
    }
    if (route[5] === "taskInstances" && route[7] === "logs" && route.length === 9 && req.method === "GET") {
      if (!task) return problem(res, 404, "TaskInstance not found", "Task instance did not exist in the DB");
      const tryNumber = Number(route[8]);
      if (!Number.isInteger(tryNumber)) return problem(res, 400, "Bad Request", `'${route[8]}' is not of type 'integer'`);
      if (tryNumber < 1 || tryNumber > Math.max(task.try_number, 1)) return problem(res, 404, "TaskInstance not found", "Task instance did not exist in the DB");
      const content = task.log ?? `[${task.start_date ?? ""}] {taskinstance.py} INFO - Dependencies all met for ${task.task_id}\n`;
      if ((req.headers.accept ?? "").includes("text/plain")) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(content);
        return;
      }
      return send(res, 200, { continuation_token: "eyJlbmRfb2ZfbG9nIjp0cnVlfQ", content });
    }
    return problem(res, 404, "Not Found", "The requested URL was not found on the server.");
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => problem(res, 400, "Bad Request", "Request body is not valid JSON"));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  return fake;
}
