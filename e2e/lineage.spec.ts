// Lineage the portal makes itself, as a person and their scripts see it: an editor's CTAS in the
// workbench appears in the Marquez-shaped lineage API (the new table, its input staging.flights,
// its column lineage), and the demo pipeline's DAG and task runs from the first start are there.
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn, expectNoSidewaysScroll } from "./helpers";
import { openWorkbench, typeSql } from "./workbench-steps";

const NS = "duckdb://portal";

// Signed in as an editor of its own, not as the global set-up's admin.
test.use({ storageState: SIGNED_OUT });

type GraphNode = {
  id: string;
  type: string;
  data: Record<string, unknown>;
  inEdges: { origin: string; destination: string }[];
  outEdges: { origin: string; destination: string }[];
};
type FieldNode = GraphNode & {
  data: { field: string; inputFields: { namespace: string; dataset: string; field: string; transformations: { type: string; subtype: string | null }[] }[] };
};

test("a CTAS run in the workbench appears in the lineage API with its input and column lineage; the demo pipeline's runs are there", async ({ page }) => {
  const editor = await createUser({ label: "lineage", role: "editor" });
  await signIn(page, editor);
  const table = `e2e_lineage_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const dataset = `lakehouse.curated.${table}`;

  await openWorkbench(page);
  await typeSql(page, `CREATE TABLE ${dataset} AS SELECT origin, count(DISTINCT destination) AS n FROM lakehouse.staging.flights GROUP BY origin`);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });

  // Lineage is recorded in the background after the run: the API shows it within moments.
  const nodeId = `dataset:${NS}:${dataset}`;
  let graph: GraphNode[] = [];
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}&depth=2`);
        if (!response.ok()) return `HTTP ${response.status()}`;
        graph = ((await response.json()) as { graph: GraphNode[] }).graph;
        return graph.some((n) => n.id === nodeId) ? "found" : "not yet";
      },
      { timeout: 20_000 },
    )
    .toBe("found");
  const job = `job:portal:adhoc.${editor.email}`;
  expect(graph.find((n) => n.id === nodeId)!.inEdges).toContainEqual({ origin: job, destination: nodeId });
  expect(graph.find((n) => n.id === job)!.inEdges).toContainEqual({ origin: `dataset:${NS}:lakehouse.staging.flights`, destination: job });

  const columns = await page.request.get(`/api/v1/column-lineage?nodeId=${encodeURIComponent(nodeId)}&depth=1`);
  expect(columns.status()).toBe(200);
  const fields = ((await columns.json()) as { graph: FieldNode[] }).graph;
  const n = fields.find((f) => f.id === `datasetField:${NS}:${dataset}:n`)!;
  expect(n.data.inputFields).toEqual([
    expect.objectContaining({
      namespace: NS,
      dataset: "lakehouse.staging.flights",
      field: "destination",
      transformations: [expect.objectContaining({ type: "DIRECT", subtype: "AGGREGATION" })],
    }),
  ]);
  const origin = fields.find((f) => f.id === `datasetField:${NS}:${dataset}:origin`)!;
  expect(origin.data.inputFields).toEqual([expect.objectContaining({ field: "origin", transformations: [expect.objectContaining({ type: "DIRECT", subtype: "IDENTITY" })] })]);

  // The demo pipeline's first build: the DAG run and its task runs.
  const dag = await page.request.get("/api/v1/namespaces/portal/jobs/demo_lakehouse/runs");
  expect(dag.status()).toBe(200);
  const dagRuns = ((await dag.json()) as { runs: { id: string; state: string }[] }).runs;
  expect(dagRuns.length).toBeGreaterThanOrEqual(1);
  expect(dagRuns.at(-1)!.state).toBe("COMPLETED");
  const task = await page.request.get(`/api/v1/namespaces/portal/jobs/${encodeURIComponent("demo_lakehouse.staging_flights")}/runs`);
  expect(task.status()).toBe(200);
  const taskRuns = ((await task.json()) as { runs: { state: string; facets: Record<string, { run?: { runId: string } }> }[] }).runs;
  expect(taskRuns.at(-1)!.state).toBe("COMPLETED");
  expect(taskRuns.at(-1)!.facets.parent?.run?.runId).toBe(dagRuns.at(-1)!.id);
});

test.describe("on a 375px-wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("a dataset page's Lineage tab shows what feeds it and where its columns come from, without sideways scrolling", async ({ page }) => {
    await signIn(page, await createUser({ label: "lineage-tab", role: "viewer" }));
    await page.goto("/catalog/duckdb/lakehouse/curated/route_performance");
    await page.getByRole("tab", { name: "Lineage" }).click();
    // The lineage view, embedded (e2e/lineage-embedded.spec.ts walks it); as a list: the demo
    // pipeline's task that builds the table, then the staging tables it reads.
    const view = page.getByRole("region", { name: "Lineage of this dataset" });
    await view.getByRole("radio", { name: "List" }).click();
    await expect(view.locator('[data-node-id="job:portal:demo_lakehouse.curated_route_performance"]')).toBeVisible();
    await expect(view.locator('[data-node-id="dataset:duckdb://portal:lakehouse.staging.flights"]')).toBeVisible();
    const columns = page.getByRole("region", { name: "Column lineage" });
    await expect(columns.getByRole("row").filter({ hasText: "avg_delay_minutes" })).toContainText("lakehouse.staging.flights.delay_minutes");
    await expectNoSidewaysScroll(page);
  });
});
