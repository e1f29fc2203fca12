// The lineage view (/lineage) on the embedded default's demo lineage, as a person uses it: from a
// dataset page to the view, expand a side, a path between two nodes, the impact list and its
// CSV; the column view (a column's sources and their transformation); a 375px phone; and a
// viewer, who does not see someone else's ad hoc SQL (in the page and from the server).
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { readFile } from "node:fs/promises";
import { callTrpc, createUser, SIGNED_OUT, signIn, expectNoSidewaysScroll } from "./helpers";

const NS = "duckdb://portal";
const dataset = (name: string) => `dataset:${NS}:${name}`;
const view = (focus: string, extra = "") => `/lineage?focus=${encodeURIComponent(focus)}${extra}`;

test.use({ storageState: SIGNED_OUT });

const card = (page: Page, name: string) => page.locator(`[data-node-id="${name}"]`);

test("dataset page → lineage view → expand → path → impact list → CSV", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-view", role: "editor" }));
  await page.goto("/catalog/duckdb/lakehouse/staging/flights");
  await page.getByRole("tab", { name: "Lineage" }).click();
  await page.getByRole("region", { name: "Lineage of this dataset" }).getByRole("link", { name: "Open full view" }).click();
  await expect(page).toHaveURL(/\/lineage\?focus=dataset%3Aduckdb%3A%2F%2Fportal%3Alakehouse.staging.flights/);
  await expect(page.getByRole("heading", { name: "Lineage", level: 1 })).toBeVisible();
  // The drawing first; the same nodes as a list by step, which the rest of this test reads.
  const drawing = page.getByTestId("lineage-graph");
  await expect(drawing).toBeVisible();
  await expect.poll(async () => Number(await drawing.getAttribute("data-node-count"))).toBeGreaterThan(2);
  await page.getByRole("radio", { name: "List" }).click();
  await expect(page).toHaveURL(/layout=list/);
  const start = card(page, dataset("lakehouse.staging.flights"));
  await expect(start).toContainText("start");

  // One step downstream: the task that builds route_performance, with its output left out.
  await page.getByLabel("Downstream steps").selectOption("1");
  const task = card(page, "job:portal:demo_lakehouse.curated_route_performance");
  await expect(task).toBeVisible();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toHaveCount(0);
  await expect(page.getByText(/Beyond the depth/)).toBeVisible();
  await task.getByRole("button", { name: /Expand downstream of demo_lakehouse.curated_route_performance/ }).click();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();
  await expect(page).toHaveURL(/x=down(~|%7E)/);

  // A path from the start to the expanded table.
  await start.getByRole("button", { name: /Dataset lakehouse.staging.flights/ }).click();
  await page.getByRole("button", { name: "Path from here" }).click();
  await card(page, dataset("lakehouse.curated.route_performance")).getByRole("button").first().click();
  await page.getByRole("button", { name: "Path to here" }).click();
  await expect(page.getByText("Path: lakehouse.staging.flights → demo_lakehouse.curated_route_performance → lakehouse.curated.route_performance (2 steps)")).toBeVisible();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toContainText("on path");

  // The link shares the view: reload, the same path is there.
  await page.reload();
  await expect(page.getByText(/^Path: lakehouse.staging.flights →/)).toBeVisible();

  // Impact of the start: what depends on staging.flights, and its CSV.
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/sel=/);
  await page.getByRole("tab", { name: "Impact" }).click();
  const impact = page.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText(/datasets? depends? on lakehouse.staging.flights/);
  await expect(impact.getByRole("link", { name: "lakehouse.curated.route_performance" })).toHaveAttribute("href", "/catalog/duckdb/lakehouse/curated/route_performance");
  const [download] = await Promise.all([page.waitForEvent("download"), impact.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("impact-lakehouse.staging.flights.csv");
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("step,namespace,dataset,owners,stale,last_change,last_run_state,last_run_at");
  expect(csv).toMatch(/^1,duckdb:\/\/portal,lakehouse\.curated\.route_performance,/m);
});

test("the column view: a column's sources and how it is computed", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-columns", role: "viewer" }));
  await page.goto(view(dataset("lakehouse.curated.route_performance"), "&panel=columns&layout=list"));
  await page.getByRole("combobox", { name: "Column", exact: true }).selectOption("avg_delay_minutes");
  await expect(page).toHaveURL(/col=avg_delay_minutes/);
  const related = page.getByRole("region", { name: "Related columns" });
  await expect(related.getByRole("listitem").filter({ hasText: /staging\.flights\.delay_minutes → lakehouse\.curated\.route_performance\.avg_delay_minutes/ })).toContainText(
    "AGGREGATION",
  );
  await expect(related).toContainText("AGGREGATION");
  // The drawing's data is the column graph: the staging table lists the source column, the edge its transformation.
  await expect(page.getByText(/Column view of/)).toBeVisible();
  const source = card(page, dataset("lakehouse.staging.flights"));
  await expect(source).toContainText("delay_minutes");
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toContainText("[AGGREGATION]");
});

test.describe("on a 375px-wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the view, its panel and the impact list fit without sideways scrolling", async ({ page }) => {
    await signIn(page, await createUser({ label: "lineage-phone", role: "viewer" }));
    await page.goto("/lineage");
    await expect(page.getByText("Start from a dataset or a job")).toBeVisible();
    await page.getByRole("searchbox", { name: "Find a dataset or job" }).fill("route_perf");
    await page
      .getByRole("list", { name: "Datasets and jobs" })
      .getByRole("button", { name: /^lakehouse\.curated\.route_performance/ })
      .click();
    await expect(page.getByTestId("lineage-graph")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByRole("radio", { name: "List" }).click();
    await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();
    await expect(card(page, "job:portal:demo_lakehouse.curated_route_performance")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByRole("tab", { name: "Impact" }).click();
    await expect(page.getByRole("region", { name: "Impact" })).toContainText("Nothing downstream");
    await expectNoSidewaysScroll(page);
  });
});

test("a viewer does not see someone else's ad hoc SQL, in the page or from the server", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const editor = await createUser({ label: "lineage-author", role: "editor" });
  const editorPage = await (await browser.newContext({ storageState: SIGNED_OUT })).newPage();
  await signIn(editorPage, editor);
  const table = `lakehouse.curated.e2e_private_${Date.now().toString(36)}`;
  await editorPage.goto("/sql");
  await expect(editorPage.locator(".monaco-editor")).toBeVisible({ timeout: 90_000 });
  await editorPage.locator(".monaco-editor .view-lines").click();
  await editorPage.keyboard.insertText(`CREATE TABLE ${table} AS SELECT origin FROM lakehouse.staging.flights LIMIT 1`);
  await editorPage.keyboard.press("Escape");
  await editorPage.keyboard.press("ControlOrMeta+Enter");
  await expect(editorPage.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const jobId = `job:portal:adhoc.${editor.email}`;
  await expect
    .poll(async () => (await callTrpc<{ job: { sql: string | null } }>(editorPage.request, "lineage.node", { id: jobId }, "query").catch(() => null))?.job.sql ?? "", {
      timeout: 20_000,
    })
    .toContain(table);

  await signIn(page, await createUser({ label: "lineage-viewer", role: "viewer" }));
  await page.goto(view(jobId));
  await expect(page.getByText("The SQL of someone's own workbench statements is shown to them and to admins only.")).toBeVisible();
  await expect(page.getByText(`CREATE TABLE ${table}`)).toHaveCount(0);
  const asViewer = await callTrpc<{ job: { sql: string | null; sqlHidden: boolean } }>(page.request, "lineage.node", { id: jobId }, "query");
  expect(asViewer.job).toMatchObject({ sql: null, sqlHidden: true });
});
