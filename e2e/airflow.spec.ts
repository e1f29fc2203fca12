// Airflow in Chromium: the portal is configured (playwright.config.ts) with a fake Airflow that
// this spec starts on loopback (server/orchestrators/airflow/testing/fake-airflow.ts, faithful to
// Airflow's stable REST API). Airflow's OpenLineage events for a failed DAG run go to
// /api/v1/lineage; the task run's page shows the Airflow panel with the task states OpenLineage
// never carries (skipped, upstream_failed), the log tail; an editor triggers a DAG run (the run
// appears in Airflow, the audit log has it); a viewer sees no Trigger button and the procedure
// refuses; with Airflow down the page still renders and says so; 375 px without sideways scroll.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { startFakeAirflow, type FakeAirflow } from "../server/orchestrators/airflow/testing/fake-airflow";
import { AIRFLOW_E2E, BASE_URL } from "./env";
import { adminApi, createUser, signIn, SIGNED_OUT, untilHydrated, expectNoSidewaysScroll } from "./helpers";

const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const LOGICAL = "2026-12-02T06:00:00+00:00";
const RUN_ID = "scheduled__2026-12-02T06:00:00+00:00";

let airflow: FakeAirflow;
const dagId = `e2e_orders_${Date.now().toString(36)}`;
const dagRunUuid = randomUUID();
const taskUuid = randomUUID();

const facet = (body: Record<string, unknown>) => ({ _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-0-0/RunFacet.json", ...body });
function event(eventType: string, runId: string, job: string, facets: Record<string, unknown>) {
  return {
    eventType,
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets },
    job: { namespace: AIRFLOW_E2E.namespace, name: job, facets: {} },
    inputs: [],
    outputs: [],
  };
}

test.beforeAll(async () => {
  airflow = await startFakeAirflow({ users: [{ username: AIRFLOW_E2E.username, password: AIRFLOW_E2E.password }] }, AIRFLOW_E2E.port);
  airflow.addDag({ dag_id: dagId, task_ids: ["extract", "transform", "load", "notify"], next_dagrun: "2026-12-03T06:00:00+00:00" });
  airflow.addRun(dagId, {
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
        log: "INFO - Starting\nERROR - ZeroDivisionError: division by zero\n",
      },
      { task_id: "load", state: "upstream_failed", try_number: 0, max_tries: 1, start_date: null, end_date: null, duration: null, operator: "PythonOperator" },
      { task_id: "notify", state: "skipped", try_number: 0, max_tries: 0, start_date: null, end_date: null, duration: null, operator: "EmptyOperator" },
    ],
  });
  // Airflow's OpenLineage events for that DAG run and its failed task (set-up, not under test;
  // here so that a worker restarted after a failure has them too).
  const dagRun = facet({ dag: { dag_id: dagId }, dagRun: { dag_id: dagId, run_id: RUN_ID, logical_date: LOGICAL } });
  const taskFacet = facet({
    dag: { dag_id: dagId },
    dagRun: { dag_id: dagId, run_id: RUN_ID, logical_date: LOGICAL },
    task: { task_id: "transform" },
    taskInstance: { try_number: 2 },
  });
  const parent = facet({ run: { runId: dagRunUuid }, job: { namespace: AIRFLOW_E2E.namespace, name: dagId } });
  const api = await adminApi();
  const sent = await api.post("/api/v1/lineage", {
    data: [
      event("START", dagRunUuid, dagId, { airflowDagRun: dagRun }),
      event("START", taskUuid, `${dagId}.transform`, { airflow: taskFacet, parent }),
      event("FAIL", taskUuid, `${dagId}.transform`, { airflow: taskFacet, parent }),
      event("FAIL", dagRunUuid, dagId, { airflowDagRun: dagRun }),
    ],
    headers: { origin: BASE_URL },
  });
  expect(sent.status()).toBe(200);
  await api.dispose();
});
test.afterAll(() => airflow?.close());

test("the run page shows Airflow's task states and log; an editor triggers a DAG run, audited", async ({ page }) => {
  await page.goto(`/pipelines/runs/${taskUuid}`);
  const panel = page.getByRole("region", { name: "Airflow" });
  const tasks = panel.getByRole("list", { name: "Task instances" });
  await expect(tasks.getByRole("listitem", { name: "notify: Skipped" })).toBeVisible();
  await expect(tasks.getByRole("listitem", { name: "load: Upstream failed" })).toBeVisible();
  await expect(tasks.getByRole("listitem", { name: "transform: Failed" })).toContainText("try 2 of 2");
  await expect(tasks.getByRole("listitem", { name: "transform: Failed" })).toContainText("this run");

  await panel.getByRole("button", { name: "Show the log of transform" }).click();
  await expect(panel.getByLabel("Log of transform", { exact: true })).toContainText("ZeroDivisionError: division by zero");

  // Trigger a DAG run: the dialog checks the conf is a JSON object before anything is sent.
  const trigger = panel.getByRole("button", { name: "Trigger DAG run" });
  await untilHydrated(trigger);
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: `Trigger a run of ${dagId}?` });
  await dialog.getByLabel("Configuration (JSON, optional)").fill("[1, 2]");
  await dialog.getByRole("button", { name: "Trigger" }).click();
  await expect(dialog).toContainText("Must be a JSON object");
  expect(airflow.dags.get(dagId)!.runs).toHaveLength(1);
  await dialog.getByLabel("Configuration (JSON, optional)").fill('{"full_refresh": true}');
  await dialog.getByLabel("Note (optional)").fill("rerun from the portal");
  await dialog.getByRole("button", { name: "Trigger" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole("status").filter({ hasText: "Triggered DAG run manual__" })).toBeVisible();
  const runs = airflow.dags.get(dagId)!.runs;
  expect(runs).toHaveLength(2);
  expect(runs[1]).toMatchObject({ state: "queued", conf: { full_refresh: true }, note: "rerun from the portal", external_trigger: true });

  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "airflow.dag_run_triggered", exact: true }).first()).toBeVisible();

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/pipelines/runs/${taskUuid}`);
  await expect(page.getByRole("region", { name: "Airflow" }).getByRole("list", { name: "Task instances" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test.describe("as a viewer", () => {
  test.use({ storageState: SIGNED_OUT });

  test("no Trigger button, and the procedure refuses", async ({ page }) => {
    const viewer = await createUser({ label: "airflow-viewer", role: "viewer" });
    await signIn(page, viewer);
    await page.goto(`/pipelines/runs/${taskUuid}`);
    const panel = page.getByRole("region", { name: "Airflow" });
    await expect(panel.getByRole("listitem", { name: "notify: Skipped" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "Trigger DAG run" })).toHaveCount(0);
    await expect(panel.getByRole("button", { name: /^Clear / })).toHaveCount(0);

    const before = airflow.dags.get(dagId)!.runs.length;
    const refused = await page.request.post("/api/trpc/orchestrator.triggerDagRun", { data: { json: { dagId } }, headers: { origin: BASE_URL } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { json: { message: string } } }).error.json.message).toBe("This needs the editor role; you are signed in as viewer.");
    expect(airflow.dags.get(dagId)!.runs.length).toBe(before);
  });
});

test("with Airflow down the run page still renders and says Airflow is not reachable", async ({ page }) => {
  await airflow.close();
  await page.goto(`/pipelines/runs/${taskUuid}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Airflow" }).getByRole("alert")).toContainText(
    `Airflow is not reachable: Connection refused by Airflow at http://127.0.0.1:${AIRFLOW_E2E.port}`,
  );
});
