// The pipelines dashboards in Chromium: the demo pipeline's DAG is on /pipelines from the first
// start; a DAG run whose task fails (sent as OpenLineage events through /api/v1/lineage, as
// Airflow would) shows as failed, its run page draws its task runs as a Gantt, the failed task's
// page shows the error and stack trace, and back again; the pages fit a 375px phone.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "./env";

const NS = "airflow://e2e";
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const facet = (name: string, body: Record<string, unknown>) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}`,
  ...body,
});

/** A DAG run of `dag` with tasks extract (succeeds) and load (fails), ended minutes ago. */
function failedDagRun(dag: string) {
  const start = Date.now() - 20 * 60_000;
  const at = (m: number) => new Date(start + m * 60_000).toISOString();
  const dagRun = randomUUID();
  const parent = { parent: facet("ParentRunFacet", { run: { runId: dagRun }, job: { namespace: NS, name: dag } }) };
  const event = (eventType: string, minute: number, runId: string, job: string, facets: Record<string, unknown> = {}) => ({
    eventType,
    eventTime: at(minute),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets },
    job: { namespace: NS, name: job, facets: job === dag ? { jobType: facet("JobTypeJobFacet", { processingType: "BATCH", integration: "AIRFLOW", jobType: "DAG" }) } : {} },
    inputs: [],
    outputs: [],
  });
  const extract = randomUUID();
  const load = randomUUID();
  const error = facet("ErrorMessageRunFacet", {
    message: "relation staging.orders does not exist",
    programmingLanguage: "python",
    stackTrace: 'Traceback (most recent call last):\n  File "load.py", line 12, in load\npsycopg2.errors.UndefinedTable',
  });
  return {
    dagRun,
    events: [
      event("START", 0, dagRun, dag),
      event("START", 1, extract, `${dag}.extract`, parent),
      event("COMPLETE", 4, extract, `${dag}.extract`, parent),
      event("START", 5, load, `${dag}.load`, parent),
      event("FAIL", 7, load, `${dag}.load`, { ...parent, errorMessage: error }),
      event("FAIL", 8, dagRun, dag, { errorMessage: facet("ErrorMessageRunFacet", { message: "Task load failed", programmingLanguage: "python" }) }),
    ],
  };
}

async function noSidewaysScroll(page: Page) {
  const width = page.viewportSize()!.width;
  // The message names what sticks out, so a failure says where to look.
  const { scrollWidth, wide } = await page.evaluate((w) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => {
        if (e.getBoundingClientRect().right <= w + 1) return false;
        // Inside a box that scrolls or clips sideways itself (the section tabs), it is not the page's.
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
        return true;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} → ${Math.round(e.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, width);
  expect(scrollWidth, `wider than the screen: ${wide.join("; ")}`).toBeLessThanOrEqual(width);
}

test("pipelines page → a failed DAG run → its task runs' Gantt → the failed task's error → back", async ({ page }) => {
  const dag = `e2e_orders_${Date.now().toString(36)}`;
  const { events } = failedDagRun(dag);
  // The global set-up's admin session may send lineage (editors and up).
  const sent = await page.request.post("/api/v1/lineage", { data: events, headers: { origin: BASE_URL } });
  expect(sent.status()).toBe(200);
  expect(((await sent.json()) as { accepted: number }).accepted).toBe(events.length);

  // The demo pipeline's DAG is there from the first start.
  await page.goto("/pipelines");
  const pipelines = page.getByRole("list", { name: "Pipelines" });
  await expect(pipelines.getByRole("link", { name: "demo_lakehouse", exact: true })).toBeVisible();

  // Filtered by name through the form; the URL keeps the view.
  await page.getByRole("searchbox").fill(dag);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${dag}`));
  await expect(pipelines.getByRole("listitem")).toHaveCount(1);
  const card = pipelines.getByRole("listitem").first();
  await expect(card.getByRole("link", { name: dag, exact: true })).toBeVisible();
  await card.getByRole("link", { name: `Last run of ${dag}` }).click();

  // The DAG run: failed, with its error, and its task runs as a Gantt.
  await expect(page).toHaveURL(/\/pipelines\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Task load failed")).toBeVisible();
  const gantt = page.getByRole("figure", { name: "Task runs over time" });
  await expect(gantt.getByRole("link")).toHaveCount(2);
  const dagRunUrl = page.url();
  await gantt.getByRole("link", { name: /^load: Failed/ }).click();

  // The failed task: its message, its stack trace behind a disclosure, its parent run.
  await expect(page.getByText("relation staging.orders does not exist")).toBeVisible();
  await page.getByText("Stack trace").click();
  await expect(page.getByText("psycopg2.errors.UndefinedTable")).toBeVisible();
  await expect(page.getByRole("link", { name: dag, exact: true }).first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(dagRunUrl);
  await expect(page.getByRole("figure", { name: "Task runs over time" })).toBeVisible();

  // The run list finds it with the failed filter.
  await page.goto(`/pipelines/runs?state=FAIL&q=${dag}`);
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(3); // header + DAG run + task run
});

test.describe("on a 375px-wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the pipelines, runs, run and job pages fit without sideways scrolling", async ({ page }) => {
    await page.goto("/pipelines");
    await expect(page.getByRole("list", { name: "Pipelines" }).getByRole("link", { name: "demo_lakehouse", exact: true })).toBeVisible();
    await noSidewaysScroll(page);
    await page.getByRole("link", { name: "Last run of demo_lakehouse" }).click();
    await expect(page.getByRole("figure", { name: "Task runs over time" })).toBeVisible();
    await noSidewaysScroll(page);
    await page.getByRole("link", { name: "demo_lakehouse", exact: true }).first().click();
    await expect(page.getByRole("heading", { name: "Duration per day (p50 and p90)" })).toBeVisible();
    await noSidewaysScroll(page);
    await page.goto("/pipelines/runs");
    await expect(page.getByRole("table", { name: "Runs" })).toBeVisible();
    await noSidewaysScroll(page);
  });
});
