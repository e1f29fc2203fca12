// The orchestrator operations over a real database (PGlite and PostgreSQL) and the fake Airflow:
// OpenLineage runs as Airflow's provider sends them are matched to their DAG runs, the run view
// has the task states OpenLineage lacks, an Airflow that is down or answers garbage becomes a
// message (the page still renders), and trigger / clear are audited, editors only: a viewer is
// refused and nothing changes in Airflow or in the audit log.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "../lineage/ingest";
import { createCaller } from "../api/root";
import { createAirflowOrchestrator } from "./airflow/adapter";
import { matchAirflowRun } from "./airflow/matching";
import { startFakeAirflow, type FakeAirflow } from "./airflow/testing/fake-airflow";
import { useOrchestratorForTests } from "./configured";
import { clearTask, jobOrchestration, runOrchestration, taskLog, triggerDagRun, orchestratorStatus } from "./orchestrator";
import { triggerDagRunInput } from "./schemas";

const NS = "airflow-prod";
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const LOGICAL = "2026-12-02T06:00:00+00:00";
const RUN_ID = "scheduled__2026-12-02T06:00:00+00:00";
const facet = (body: Record<string, unknown>) => ({ _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-0-0/RunFacet.json", ...body });
const dagRunUuid = "0192c0de-0000-7000-8000-00000000a001";
const taskUuid = "0192c0de-0000-7000-8000-00000000a002";
const nameOnlyUuid = "0192c0de-0000-7000-8000-00000000a003";
const otherUuid = "0192c0de-0000-7000-8000-00000000a004";

function runEvent(runId: string, namespace: string, job: string, facets: Record<string, unknown>) {
  return {
    eventType: "FAIL",
    eventTime: "2026-12-02T06:10:00Z",
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets },
    job: { namespace, name: job, facets: {} },
    inputs: [],
    outputs: [],
  };
}

describe("matching OpenLineage runs to Airflow", () => {
  const base = { namespace: NS, facets: {}, nominalStart: null, parentJob: null };
  it("reads the airflow facet of a task event", () => {
    const ref = matchAirflowRun(
      {
        ...base,
        job: "orders.transform",
        facets: {
          airflow: {
            dag: { dag_id: "orders" },
            dagRun: { dag_id: "orders", run_id: RUN_ID, logical_date: LOGICAL },
            task: { task_id: "transform" },
            taskInstance: { try_number: 2, map_index: -1 },
          },
        },
      },
      NS,
    );
    expect(ref).toEqual({ dagId: "orders", taskId: "transform", dagRunId: RUN_ID, logicalDate: new Date(LOGICAL), tryNumber: 2, mapIndex: -1, how: "facets" });
  });
  it("reads the airflowDagRun facet of a DAG event", () => {
    expect(matchAirflowRun({ ...base, job: "orders", facets: { airflowDagRun: { dag: { dag_id: "orders" }, dagRun: { run_id: RUN_ID } } } }, null)).toMatchObject({
      dagId: "orders",
      taskId: null,
      dagRunId: RUN_ID,
    });
  });
  it("falls back to names in Airflow's namespace only, splitting a task's name at its parent DAG (dots allowed in ids)", () => {
    expect(matchAirflowRun({ ...base, job: "sales.v2.load.part", parentJob: "sales.v2", nominalStart: new Date(LOGICAL) }, NS)).toMatchObject({
      dagId: "sales.v2",
      taskId: "load.part",
      how: "name",
    });
    expect(matchAirflowRun({ ...base, job: "orders" }, NS)).toMatchObject({ dagId: "orders", taskId: null });
    expect(matchAirflowRun({ ...base, job: "orders" }, null)).toBeNull();
    expect(matchAirflowRun({ ...base, namespace: "spark", job: "orders", facets: { airflow: { dag: { dag_id: "orders" } } } }, NS)).toBeNull();
    expect(matchAirflowRun({ ...base, job: "x.y", parentJob: "other" }, NS)).toBeNull();
  });
});

describe("input checks", () => {
  it("refuses conf that is not an object, and bad dates", () => {
    expect(triggerDagRunInput.safeParse({ dagId: "orders", conf: [1] }).success).toBe(false);
    expect(triggerDagRunInput.safeParse({ dagId: "orders", logicalDate: "tomorrow" }).success).toBe(false);
    expect(triggerDagRunInput.safeParse({ dagId: "../etc", conf: {} }).success).toBe(false);
    expect(triggerDagRunInput.safeParse({ dagId: "orders", conf: { a: 1 }, logicalDate: "2026-12-03T06:00:00Z" }).success).toBe(true);
  });
});

await describeOnDatabases("orchestrator operations on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let fake: FakeAirflow;
  let editor: CurrentUser;
  let viewer: CurrentUser;
  const ctx = (user: CurrentUser) => ({ user, ip: "127.0.0.9", db: database.db });
  const connect = (url = fake.url, timeoutMs?: number) =>
    useOrchestratorForTests({ orchestrator: createAirflowOrchestrator({ url, auth: { kind: "basic", username: "portal", password: "portal-secret" }, timeoutMs }), namespace: NS });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    fake = await startFakeAirflow();
    editor = await createTestUser(database.db, "editor@example.com", "editor");
    viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
    const airflowFacet = {
      dag: { dag_id: "orders" },
      dagRun: { dag_id: "orders", run_id: RUN_ID, logical_date: LOGICAL },
      task: { task_id: "transform" },
      taskInstance: { try_number: 2 },
    };
    const { results } = await ingestLineage({
      ctx: ctx(editor),
      input: {
        events: [
          runEvent(dagRunUuid, NS, "orders", { airflowDagRun: facet({ dag: { dag_id: "orders" }, dagRun: { dag_id: "orders", run_id: RUN_ID } }) }),
          runEvent(taskUuid, NS, "orders.transform", { airflow: facet(airflowFacet), parent: facet({ run: { runId: dagRunUuid }, job: { namespace: NS, name: "orders" } }) }),
          runEvent(nameOnlyUuid, NS, "orders", { nominalTime: facet({ nominalStartTime: "2026-12-02T06:00:00Z" }) }),
          runEvent(otherUuid, "spark://cluster", "nightly_job", {}),
        ],
      },
    });
    expect(results.filter((r) => r.status === "refused")).toEqual([]);
  });
  afterAll(async () => {
    useOrchestratorForTests(undefined);
    await fake?.close();
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    fake.dags.clear();
    fake.requests.length = 0;
    fake.mode = "normal";
    fake.addDag({
      dag_id: "orders",
      task_ids: ["extract", "transform", "load", "notify"],
      next_dagrun: "2026-12-03T06:00:00+00:00",
      next_dagrun_create_after: "2026-12-04T06:00:00+00:00",
    });
    fake.addRun("orders", {
      dag_run_id: RUN_ID,
      logical_date: LOGICAL,
      state: "failed",
      tasks: [
        {
          task_id: "extract",
          state: "success",
          try_number: 1,
          max_tries: 1,
          start_date: "2026-12-02T06:01:00+00:00",
          end_date: "2026-12-02T06:02:00+00:00",
          duration: 60,
          operator: "PythonOperator",
        },
        {
          task_id: "transform",
          state: "failed",
          try_number: 2,
          max_tries: 1,
          start_date: "2026-12-02T06:03:00+00:00",
          end_date: "2026-12-02T06:09:00+00:00",
          duration: 360,
          operator: "PythonOperator",
          log: "ERROR - division by zero\n",
        },
        { task_id: "load", state: "upstream_failed", try_number: 0, max_tries: 1, start_date: null, end_date: null, duration: null, operator: "PythonOperator" },
        { task_id: "notify", state: "skipped", try_number: 0, max_tries: 0, start_date: null, end_date: null, duration: null, operator: "EmptyOperator" },
      ],
    });
    await database.db.auditEvent.deleteMany({ where: { action: { startsWith: "airflow." } } });
    connect();
  });

  it.skipIf(skip)("shows a task run's DAG run with every task state, including skipped and upstream_failed, and the next run", async () => {
    const view = await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } });
    expect(view.kind).toBe("matched");
    if (view.kind !== "matched") return;
    expect(view).toMatchObject({ dagId: "orders", taskId: "transform", matchedBy: "facets", dagRun: { runId: RUN_ID, state: "failed" }, taskInstanceTotal: 4 });
    expect(view.taskInstances.map((t) => [t.taskId, t.state, t.tryNumber])).toEqual([
      ["extract", "success", 1],
      ["transform", "failed", 2],
      ["load", "upstream_failed", 0],
      ["notify", "skipped", 0],
    ]);
    expect(view.next?.logicalDate?.toISOString()).toBe("2026-12-03T06:00:00.000Z");
  });

  it.skipIf(skip)("finds a name-only DAG run by its nominal time; a run from elsewhere is not Airflow's", async () => {
    const byName = await runOrchestration({ ctx: ctx(viewer), input: { runId: nameOnlyUuid } });
    expect(byName).toMatchObject({ kind: "matched", matchedBy: "name", dagRun: { runId: RUN_ID } });
    expect(await runOrchestration({ ctx: ctx(viewer), input: { runId: otherUuid } })).toEqual({ kind: "not_matched" });
  });

  it.skipIf(skip)("with Airflow down, unknown, or answering garbage, the view carries a message instead of failing", async () => {
    const closed = await startFakeAirflow();
    await closed.close();
    connect(closed.url);
    const down = await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } });
    expect(down).toMatchObject({ kind: "unavailable", dagId: "orders", message: `Connection refused by Airflow at ${closed.url}: nothing listens there.` });
    connect();
    fake.mode = "garbage";
    expect(await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } })).toMatchObject({ kind: "unavailable", message: expect.stringContaining("not JSON") });
    fake.mode = "normal";
    fake.dags.delete("orders");
    expect(await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } })).toMatchObject({
      kind: "unavailable",
      message: "Airflow has no such DAG: DAG with dag_id: 'orders' not found",
    });
    expect(await orchestratorStatus()).toMatchObject({ configured: true, reachable: true });
    useOrchestratorForTests(null);
    expect(await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } })).toEqual({ kind: "not_configured" });
    expect(await orchestratorStatus()).toEqual({ configured: false });
  });

  it.skipIf(skip)("a job page learns its DAG's next run", async () => {
    expect(await jobOrchestration({ ctx: ctx(viewer), input: { namespace: NS, name: "orders" } })).toMatchObject({ kind: "matched", dagId: "orders", schedule: "At 06:00" });
    expect(await jobOrchestration({ ctx: ctx(viewer), input: { namespace: "spark://cluster", name: "nightly_job" } })).toEqual({ kind: "not_matched" });
  });

  it.skipIf(skip)("reads a task log's tail", async () => {
    const log = await taskLog({ ctx: ctx(viewer), input: { dagId: "orders", dagRunId: RUN_ID, taskId: "transform", tryNumber: 2 } });
    expect(log).toEqual({ content: "ERROR - division by zero\n", totalBytes: 25, truncated: false });
  });

  it.skipIf(skip)("an editor triggers a DAG run: it appears in Airflow, and the audit log says who, what and which conf keys", async () => {
    const run = await triggerDagRun({ ctx: ctx(editor), input: { dagId: "orders", conf: { full_refresh: true, token: "s3cr3t" }, note: "rerun after fix" } });
    expect(run).toMatchObject({ state: "queued", conf: { full_refresh: true, token: "s3cr3t" } });
    expect(fake.dags.get("orders")!.runs.map((r) => r.dag_run_id)).toContain(run.runId);
    const audit = await database.db.auditEvent.findMany({ where: { action: "airflow.dag_run_triggered" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: "editor@example.com", outcome: "success", subject: "airflow dag orders", ip: "127.0.0.9" });
    expect(audit[0]!.details).toMatchObject({ confKeys: "full_refresh,token", dagRunId: run.runId, note: "rerun after fix" });
    expect(JSON.stringify(audit[0]!.details)).not.toContain("s3cr3t");
  });

  it.skipIf(skip)("a refused trigger is audited as a failure and its message reaches the user", async () => {
    const err = await domainErrorOf(triggerDagRun({ ctx: ctx(editor), input: { dagId: "no_such_dag" } }));
    expect(err.message).toBe("Airflow has no such DAG: DAG with dag_id: 'no_such_dag' not found");
    const audit = await database.db.auditEvent.findMany({ where: { action: "airflow.dag_run_triggered" } });
    expect(audit).toMatchObject([{ outcome: "failure", subject: "airflow dag no_such_dag" }]);
  });

  it.skipIf(skip)("an editor clears a failed task: it goes back to no status, audited", async () => {
    const result = await clearTask({ ctx: ctx(editor), input: { dagId: "orders", dagRunId: RUN_ID, taskId: "transform", includeDownstream: false } });
    expect(result.cleared).toEqual([{ taskId: "transform", runId: RUN_ID }]);
    const view = await runOrchestration({ ctx: ctx(viewer), input: { runId: taskUuid } });
    expect(view.kind === "matched" && view.taskInstances.find((t) => t.taskId === "transform")?.state).toBeNull();
    expect(await database.db.auditEvent.count({ where: { action: "airflow.task_cleared", outcome: "success" } })).toBe(1);
  });

  it.skipIf(skip)("a viewer is refused both actions by the API; Airflow and the audit log are unchanged", async () => {
    const caller = createCaller({ user: viewer, ip: null, db: database.db });
    const runsBefore = fake.dags.get("orders")!.runs.length;
    const refused = await caller.orchestrator.triggerDagRun({ dagId: "orders" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    const refusedClear = await caller.orchestrator.clearTask({ dagId: "orders", dagRunId: RUN_ID, taskId: "transform" }).catch((e: unknown) => e);
    expect((refusedClear as TRPCError).code).toBe("FORBIDDEN");
    expect(fake.dags.get("orders")!.runs.length).toBe(runsBefore);
    expect(fake.dags.get("orders")!.runs[0]!.tasks[1]!.state).toBe("failed");
    expect(await database.db.auditEvent.count({ where: { action: { startsWith: "airflow." } } })).toBe(0);
    expect(fake.requests.filter((r) => r.method === "POST")).toEqual([]);
  });
});
