// Contract tests of the Airflow adapter against the in-process Airflow server (testing/
// fake-airflow.ts): paging, trigger (the new run appears), clear (the task goes back to no
// status), basic and bearer auth, credentials refused, a read-only account, connection refused,
// a server that hangs, garbage answers, unknown DAGs, and a bounded log tail. Plus probeAirflow.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAirflowOrchestrator, type AirflowSettings } from "./adapter";
import { probeAirflow } from "./probe";
import { startFakeAirflow, type FakeAirflow } from "./testing/fake-airflow";
import { isOrchestratorError, type OrchestratorError } from "../contract";

let fake: FakeAirflow;
const basic = { kind: "basic", username: "portal", password: "portal-secret" } as const;
const airflow = (overrides: Partial<AirflowSettings> = {}) => createAirflowOrchestrator({ url: fake.url, auth: basic, ...overrides });

async function failureOf(promise: Promise<unknown>): Promise<OrchestratorError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isOrchestratorError(err)) throw new Error(`expected an OrchestratorError, got ${String(err)}`);
  return err;
}

const T0 = "2026-12-02T06:00:00+00:00";

beforeAll(async () => {
  fake = await startFakeAirflow({
    users: [
      { username: "portal", password: "portal-secret" },
      { username: "reader", password: "reader-secret", readOnly: true },
    ],
    tokens: ["a-bearer-token"],
  });
  for (let i = 0; i < 150; i++) fake.addDag({ dag_id: `dag_${String(i).padStart(3, "0")}` });
  fake.addDag({
    dag_id: "orders",
    task_ids: ["extract", "transform", "load", "notify"],
    next_dagrun: "2026-12-03T06:00:00+00:00",
    next_dagrun_data_interval_start: "2026-12-03T06:00:00+00:00",
    next_dagrun_data_interval_end: "2026-12-04T06:00:00+00:00",
    next_dagrun_create_after: "2026-12-04T06:00:00+00:00",
  });
  fake.addRun("orders", {
    dag_run_id: "scheduled__2026-12-02T06:00:00+00:00",
    logical_date: T0,
    state: "failed",
    end_date: "2026-12-02T06:10:00+00:00",
    tasks: [
      {
        task_id: "extract",
        state: "success",
        try_number: 1,
        max_tries: 2,
        start_date: "2026-12-02T06:01:00+00:00",
        end_date: "2026-12-02T06:03:00+00:00",
        duration: 120,
        operator: "PythonOperator",
      },
      {
        task_id: "transform",
        state: "failed",
        try_number: 3,
        max_tries: 2,
        start_date: "2026-12-02T06:04:00+00:00",
        end_date: "2026-12-02T06:09:00+00:00",
        duration: 300,
        operator: "SQLExecuteQueryOperator",
        log: "line 1\nTraceback: boom\n",
      },
      { task_id: "load", state: "upstream_failed", try_number: 0, max_tries: 2, start_date: null, end_date: null, duration: null, operator: "PythonOperator" },
      { task_id: "notify", state: "skipped", try_number: 0, max_tries: 0, start_date: null, end_date: null, duration: null, operator: "EmptyOperator" },
    ],
  });
  fake.addDag({ dag_id: "wide", task_ids: [] });
  fake.addRun("wide", {
    dag_run_id: "wide_run",
    logical_date: T0,
    tasks: Array.from({ length: 250 }, (_, i) => ({
      task_id: `t${i}`,
      state: "queued",
      try_number: 0,
      max_tries: 0,
      start_date: null,
      end_date: null,
      duration: null,
      operator: "EmptyOperator",
    })),
  });
});
afterAll(() => fake?.close());
afterEach(() => {
  fake.mode = "normal";
});

describe("reading", () => {
  it("lists DAGs a page at a time with Airflow's total_entries", async () => {
    const first = await airflow().listDags({ limit: 100, offset: 0 });
    expect(first.total).toBe(152);
    expect(first.items).toHaveLength(100);
    expect(first.items[0]?.dagId).toBe("dag_000");
    const last = await airflow().listDags({ limit: 100, offset: 100 });
    expect(last.items.map((d) => d.dagId).slice(-2)).toEqual(["orders", "wide"]);
    expect(last.items).toHaveLength(52);
  });

  it("pages through every task instance of a large DAG run (100 per request)", async () => {
    fake.requests.length = 0;
    const { items, total } = await airflow().listTaskInstances("wide", "wide_run");
    expect(total).toBe(250);
    expect(new Set(items.map((t) => t.taskId)).size).toBe(250);
    const pages = fake.requests.filter((r) => r.url.includes("/taskInstances")).map((r) => new URL(r.url, "http://x").searchParams.get("offset"));
    expect(pages).toEqual(["0", "100", "200"]);
  });

  it("reads a DAG with its next run and a DAG run's task states, including those OpenLineage lacks", async () => {
    const dag = await airflow().getDag("orders");
    expect(dag).toMatchObject({ dagId: "orders", isPaused: false, schedule: "At 06:00", owners: ["airflow"] });
    expect(dag.next?.logicalDate?.toISOString()).toBe("2026-12-03T06:00:00.000Z");
    expect(dag.next?.dataIntervalEnd?.toISOString()).toBe("2026-12-04T06:00:00.000Z");
    const run = await airflow().getDagRun("orders", "scheduled__2026-12-02T06:00:00+00:00");
    expect(run).toMatchObject({ state: "failed", runType: "scheduled" });
    const { items } = await airflow().listTaskInstances("orders", run.runId);
    expect(items.map((t) => [t.taskId, t.state, t.tryNumber])).toEqual([
      ["extract", "success", 1],
      ["transform", "failed", 3],
      ["load", "upstream_failed", 0],
      ["notify", "skipped", 0],
    ]);
    expect(items[1]?.durationSeconds).toBe(300);
  });

  it("finds a DAG run by its logical date", async () => {
    const { items } = await airflow().listDagRuns("orders", { limit: 1, offset: 0, logicalDateFrom: new Date(T0), logicalDateTo: new Date(T0) });
    expect(items.map((r) => r.runId)).toEqual(["scheduled__2026-12-02T06:00:00+00:00"]);
  });

  it("answers an unknown DAG or run with not_found and Airflow's own detail", async () => {
    const dag = await failureOf(airflow().getDag("no_such_dag"));
    expect(dag.failure).toBe("not_found");
    expect(dag.code).toBe("NOT_FOUND");
    expect(dag.message).toBe("Airflow has no such DAG: DAG with dag_id: 'no_such_dag' not found");
    expect((await failureOf(airflow().getDagRun("orders", "nope"))).message).toMatch(/^Airflow has no such DAG run: /);
  });

  it("reads the last bytes of a long log, from a line start", async () => {
    const task = fake.dags.get("orders")!.runs[0]!.tasks[1]!;
    const lines = Array.from({ length: 5_000 }, (_, i) => `[2026-12-02 06:05:00] line ${i} ${"x".repeat(40)}`);
    task.log = `${lines.join("\n")}\n`;
    const tail = await airflow().taskLog("orders", "scheduled__2026-12-02T06:00:00+00:00", "transform", 3, { maxBytes: 4_096 });
    expect(tail.truncated).toBe(true);
    expect(tail.totalBytes).toBe(Buffer.byteLength(task.log));
    expect(Buffer.byteLength(tail.content)).toBeLessThanOrEqual(4_096);
    expect(tail.content.startsWith("[2026-12-02 06:05:00] line ")).toBe(true);
    expect(tail.content.trimEnd().endsWith("line 4999 " + "x".repeat(40))).toBe(true);
    const short = await airflow().taskLog("orders", "scheduled__2026-12-02T06:00:00+00:00", "extract", 1, { maxBytes: 4_096 });
    expect(short.truncated).toBe(false);
  });

  it("reports health", async () => {
    const health = await airflow().health();
    expect(health.healthy).toBe(true);
    expect(health.components.find((c) => c.name === "scheduler")?.status).toBe("healthy");
  });
});

describe("actions", () => {
  it("triggers a DAG run with conf, logical date and note; the new run appears, queued", async () => {
    const run = await airflow().triggerDagRun("orders", { conf: { full_refresh: true }, logicalDate: new Date("2026-12-02T12:00:00Z"), note: "from the portal" });
    expect(run).toMatchObject({ dagId: "orders", state: "queued", runType: "manual", externalTrigger: true, conf: { full_refresh: true }, note: "from the portal" });
    const { items } = await airflow().listDagRuns("orders", { limit: 10, offset: 0 });
    expect(items[0]?.runId).toBe(run.runId);
    const tasks = await airflow().listTaskInstances("orders", run.runId);
    expect(tasks.items.map((t) => t.state)).toEqual([null, null, null, null]);
  });

  it("refuses a run id that is taken with a conflict", async () => {
    const err = await failureOf(airflow().triggerDagRun("orders", { runId: "scheduled__2026-12-02T06:00:00+00:00" }));
    expect(err).toMatchObject({ failure: "rejected", status: 409, code: "CONFLICT" });
    expect(err.message).toContain("already exists");
  });

  it("clears a failed task and what follows it: back to no status, the DAG run queued", async () => {
    const runId = "scheduled__2026-12-02T06:00:00+00:00";
    const cleared = await airflow().clearTaskInstances("orders", { runId, taskIds: ["transform"], includeDownstream: true });
    expect(cleared.map((c) => c.taskId)).toEqual(["transform", "load", "notify"]);
    const tasks = await airflow().listTaskInstances("orders", runId);
    expect(tasks.items.map((t) => [t.taskId, t.state])).toEqual([
      ["extract", "success"],
      ["transform", null],
      ["load", null],
      ["notify", null],
    ]);
    expect((await airflow().getDagRun("orders", runId)).state).toBe("queued");
  });
});

describe("failures", () => {
  it("works with a bearer token, and says the credentials were refused otherwise (without them in the message)", async () => {
    expect((await airflow({ auth: { kind: "token", token: "a-bearer-token" } }).getDag("orders")).dagId).toBe("orders");
    const err = await failureOf(airflow({ auth: { kind: "basic", username: "portal", password: "wrong-password" } }).getDag("orders"));
    expect(err.failure).toBe("auth_refused");
    expect(err.code).toBe("SERVICE_UNAVAILABLE");
    expect(err.message).toContain("refused the portal's credentials (HTTP 401)");
    expect(err.message).not.toContain("wrong-password");
    expect((await failureOf(airflow({ auth: { kind: "none" } }).listDags({ limit: 1, offset: 0 }))).failure).toBe("auth_refused");
  });

  it("a read-only account's trigger is refused with 403 and no run is created", async () => {
    const before = fake.dags.get("orders")!.runs.length;
    const err = await failureOf(airflow({ auth: { kind: "basic", username: "reader", password: "reader-secret" } }).triggerDagRun("orders", {}));
    expect(err.failure).toBe("permission_denied");
    expect(err.message).toContain("HTTP 403");
    expect(fake.dags.get("orders")!.runs.length).toBe(before);
  });

  it("names a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await failureOf(createAirflowOrchestrator({ url: `http://127.0.0.1:${port}`, auth: basic }).getDag("orders"));
    expect(err.failure).toBe("unreachable");
    expect(err.message).toBe(`Connection refused by Airflow at http://127.0.0.1:${port}: nothing listens there.`);
  });

  it("gives up on a server that never answers after the time limit", async () => {
    fake.mode = "hang";
    const err = await failureOf(airflow({ timeoutMs: 300 }).getDag("orders"));
    expect(err.failure).toBe("timeout");
    expect(err.message).toBe(`Airflow at ${fake.url} did not answer within 0.3 s.`);
  });

  it("calls an HTML page where JSON belongs garbage, and says what it started with", async () => {
    fake.mode = "garbage";
    const err = await failureOf(airflow().listDags({ limit: 1, offset: 0 }));
    expect(err.failure).toBe("garbage");
    expect(err.message).toMatch(/^Airflow at http:\/\/127\.0\.0\.1:\d+ answered GET \/dags with something that is not JSON \(it starts with "<html><body><h1>Welcome to nginx!/);
  });

  it("calls JSON of the wrong shape garbage, naming the field", async () => {
    const wrong = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ dags: [{ dag_id: 42 }], total_entries: 1 }));
    });
    await new Promise<void>((resolve) => wrong.listen(0, "127.0.0.1", resolve));
    try {
      const err = await failureOf(
        createAirflowOrchestrator({ url: `http://127.0.0.1:${(wrong.address() as AddressInfo).port}/api/v1/`, auth: basic }).listDags({ limit: 1, offset: 0 }),
      );
      expect(err.failure).toBe("garbage");
      expect(err.message).toContain("does not match Airflow's API (dags.0.dag_id:");
    } finally {
      wrong.closeAllConnections();
      await new Promise<void>((resolve) => wrong.close(() => resolve()));
    }
  });
});

describe("probeAirflow", () => {
  it("passes with good credentials", async () => {
    const result = await probeAirflow({ url: fake.url, auth: basic });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.step)).toEqual(["Reach Airflow", "Sign in and list DAGs"]);
    expect(result.steps[1]?.message).toBe("Signed in; 152 DAGs visible to the portal's account.");
  });

  it("reaches Airflow but reports refused credentials, without the password", async () => {
    const result = await probeAirflow({ url: fake.url, auth: { kind: "basic", username: "portal", password: "not-it-123" } });
    expect(result).toMatchObject({ ok: false, steps: [{ ok: true }, { ok: false, step: "Sign in and list DAGs" }] });
    expect(JSON.stringify(result)).not.toContain("not-it-123");
  });

  it("says when it cannot reach Airflow at all", async () => {
    fake.mode = "hang";
    const result = await probeAirflow({ url: fake.url, auth: basic, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, steps: [{ step: "Reach Airflow", ok: false, message: expect.stringContaining("did not answer") }] });
  });
});
