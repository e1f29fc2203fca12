// The lineage view embedded where people look, on the embedded default's demo lineage: a dataset
// page's Lineage tab draws the graph in the page → expand → path → impact → CSV → "Open full view"
// keeps that state; the job page and the run page show the same view; the as-of view after a job
// changed what it reads (a schema change of its output), typed into the picker in a browser west
// of UTC; a focus that lineage does not know; and the tab on a 375px phone.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { BASE_URL } from "./env";
import { createUser, SIGNED_OUT, signIn, untilHydrated, expectNoSidewaysScroll } from "./helpers";

const NS = "duckdb://portal";
const dataset = (name: string) => `dataset:${NS}:${name}`;
const card = (page: Page, id: string) => page.locator(`[data-node-id="${id}"]`);

test.use({ storageState: SIGNED_OUT });

test("a dataset's Lineage tab embeds the view: expand → path → impact → CSV → Open full view keeps the state", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-tab-embedded", role: "viewer" }));
  await page.goto("/catalog/duckdb/lakehouse/staging/flights");
  await page.getByRole("tab", { name: "Lineage" }).click();
  const tab = page.getByRole("region", { name: "Lineage of this dataset" });
  // The drawing is in the page (not a link away), focused on the dataset, two steps each way.
  const drawing = tab.getByTestId("lineage-graph");
  await expect(drawing).toBeVisible();
  await expect.poll(async () => Number(await drawing.getAttribute("data-node-count"))).toBeGreaterThan(2);
  await expect(tab.getByLabel("Upstream steps")).toHaveValue("2");
  await expect(page).toHaveURL(/\/catalog\/duckdb\/lakehouse\/staging\/flights/);

  // The same nodes as a list, one step down: the task that builds route_performance, its output beyond.
  await tab.getByRole("radio", { name: "List" }).click();
  await tab.getByLabel("Downstream steps").selectOption("1");
  const task = card(page, "job:portal:demo_lakehouse.curated_route_performance");
  await expect(task).toBeVisible();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toHaveCount(0);
  await expect(tab.getByText(/Beyond the depth/)).toBeVisible();
  await task.getByRole("button", { name: /Expand downstream of demo_lakehouse.curated_route_performance/ }).click();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();

  // A path from the dataset to the expanded table.
  await card(page, dataset("lakehouse.staging.flights"))
    .getByRole("button", { name: /Dataset lakehouse.staging.flights/ })
    .click();
  await tab.getByRole("button", { name: "Path from here" }).click();
  await card(page, dataset("lakehouse.curated.route_performance")).getByRole("button").first().click();
  await tab.getByRole("button", { name: "Path to here" }).click();
  await expect(tab.getByText("Path: lakehouse.staging.flights → demo_lakehouse.curated_route_performance → lakehouse.curated.route_performance (2 steps)")).toBeVisible();

  // Impact of the dataset: Esc (focus is inside the view) clears the selection and the path first.
  await page.keyboard.press("Escape");
  await expect(tab.getByText(/^Path:/)).toHaveCount(0);
  await tab.getByRole("tab", { name: "Impact" }).click();
  const impact = tab.getByRole("region", { name: "Impact" });
  await expect(impact.getByRole("link", { name: "lakehouse.curated.route_performance" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), impact.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toMatch(/^1,duckdb:\/\/portal,lakehouse\.curated\.route_performance,/m);

  // The page's own shortcuts are not taken over: "i" typed outside the view does nothing to it.
  await page.getByRole("tab", { name: "Lineage" }).focus();
  await page.keyboard.press("i");
  await expect(tab.getByRole("tab", { name: "Impact" })).toHaveAttribute("aria-selected", "true");

  // Open full view: /lineage with the same focus, depths, expansion, path, panel and layout.
  await tab.getByRole("link", { name: "Open full view" }).click();
  await expect(page).toHaveURL(/\/lineage\?focus=dataset%3Aduckdb%3A%2F%2Fportal%3Alakehouse\.staging\.flights/);
  await expect(page).toHaveURL(/up=2&down=1/);
  await expect(page).toHaveURL(/panel=impact/);
  await expect(page).toHaveURL(/layout=list/);
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();
  await expect(page.getByRole("region", { name: "Impact" })).toContainText(/depends? on lakehouse.staging.flights/);
});

test("the job page and the run page show the view focused on the job", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-job-run", role: "viewer" }));
  const jobName = "demo_lakehouse.curated_route_performance";
  await page.goto(`/pipelines/jobs/portal/${jobName}`);
  const onJob = page.getByRole("region", { name: "Lineage", exact: true });
  await expect(onJob.getByTestId("lineage-graph")).toBeVisible();
  await onJob.getByRole("radio", { name: "List" }).click();
  await expect(card(page, `job:portal:${jobName}`)).toContainText("start");
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();
  await expect(card(page, dataset("lakehouse.staging.flights"))).toBeVisible();

  const runs = await page.request.get(`/api/v1/namespaces/portal/jobs/${encodeURIComponent(jobName)}/runs`);
  const runId = ((await runs.json()) as { runs: { id: string }[] }).runs[0]!.id;
  await page.goto(`/pipelines/runs/${runId}`);
  const onRun = page.getByRole("region", { name: "Lineage of this job", exact: true });
  await expect(onRun.getByTestId("lineage-graph")).toBeVisible();
  await onRun.getByRole("radio", { name: "List" }).click();
  await expect(card(page, dataset("lakehouse.curated.route_performance"))).toBeVisible();
  await expect(onRun.getByRole("link", { name: "Open full view" })).toHaveAttribute("href", /focus=job%3Aportal%3Ademo_lakehouse\.curated_route_performance/);
});

test.describe("as of a time, in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("after a job changed what it reads (its output's schema changed), the view as of before marks the edges that appeared and disappeared", async ({ page }) => {
    const editor = await createUser({ label: "lineage-asof", role: "editor" });
    await signIn(page, editor);
    const tag = randomUUID().slice(0, 8);
    const jobNs = "airflow://e2e-asof";
    const jobName = `e2e_asof_${tag}.build_delays`;
    const out = `lakehouse.curated.e2e_delays_${tag}`;
    const producer = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
    const schema = (fields: string[]) => ({
      schema: {
        _producer: producer,
        _schemaURL: "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
        fields: fields.map((name) => ({ name, type: "VARCHAR" })),
      },
    });
    const run = (at: number, inputs: string[], fields: string[]) => {
      const runId = randomUUID();
      return ["START", "COMPLETE"].map((eventType, i) => ({
        eventType,
        eventTime: new Date(at + i * 1_000).toISOString(),
        producer,
        schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        run: { runId, facets: {} },
        job: { namespace: jobNs, name: jobName, facets: {} },
        inputs: inputs.map((name) => ({ namespace: NS, name })),
        outputs: [{ namespace: NS, name: out, facets: schema(fields) }],
      }));
    };
    const now = Date.now();
    const hour = 3_600_000;
    // Two hours ago the job read raw airports; an hour ago it switched to the cleaned ones and
    // its output gained a column (the schema change).
    const events = [
      ...run(now - 2 * hour, ["lakehouse.staging.flights", "lakehouse.raw.airports"], ["origin", "avg_delay"]),
      ...run(now - hour, ["lakehouse.staging.flights", "lakehouse.staging.airports"], ["origin", "airport_name", "avg_delay"]),
    ];
    const sent = await page.request.post("/api/v1/lineage", { data: events, headers: { origin: BASE_URL } });
    expect(sent.status()).toBe(200);

    await page.goto(`/pipelines/jobs/${encodeURIComponent(jobNs)}/${jobName}`);
    const view = page.getByRole("region", { name: "Lineage", exact: true });
    await view.getByRole("radio", { name: "List" }).click();
    const jobCard = card(page, `job:${jobNs}:${jobName}`);
    await expect(jobCard).toBeVisible();
    await expect(card(page, dataset("lakehouse.raw.airports"))).toHaveCount(0);

    // 90 minutes ago as New York's wall clock reads it, typed into the picker field by field.
    const then = new Date(now - 1.5 * hour);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", {
        timeZone: "America/New_York",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hour12: true,
      })
        .formatToParts(then)
        .map((p) => [p.type, p.value]),
    );
    const picker = view.getByLabel("As of");
    await untilHydrated(picker);
    await picker.focus();
    // Chrome's en-US datetime-local: mm/dd/yyyy, hh:mm:ss AM. Each field moves on once full, but
    // the year takes up to six digits, so the time is reached with an arrow key. The picker
    // reports a value after each field (the year passes through 0002, 0020, 0202…): only the
    // time typed must be asked of the server.
    await picker.pressSequentially(`${parts.month}${parts.day}${parts.year}`, { delay: 30 });
    await page.keyboard.press("ArrowRight");
    await picker.pressSequentially(`${parts.hour}${parts.minute}${parts.second}${parts.dayPeriod!.startsWith("P") ? "P" : "A"}`, { delay: 30 });

    // The note names the instant as New York reads it; one edge appeared since, one disappeared.
    await expect(view.getByText(/compared with now/)).toContainText("America/New_York");
    await expect(view.getByText("1 added", { exact: true })).toBeVisible();
    await expect(view.getByText("1 removed", { exact: true })).toBeVisible();
    const into = page.getByRole("list", { name: `Edges into ${jobName}` });
    await expect(into.getByRole("listitem").filter({ hasText: "lakehouse.raw.airports" })).toContainText("(removed since)");
    await expect(into.getByRole("listitem").filter({ hasText: "lakehouse.staging.airports" })).toContainText("(added since)");
    await expect(into.getByRole("listitem").filter({ hasText: "lakehouse.staging.flights" })).toHaveCount(0);

    // Before any event: every edge is new, and the view says why nothing is "removed".
    await picker.fill("2020-01-01T00:00:00");
    await expect(view.getByText(/None of the edges shown existed at the chosen time/)).toBeVisible();
    // "Now" clears it.
    await view.getByRole("button", { name: "Now" }).click();
    await expect(view.getByText(/compared with now/)).toHaveCount(0);
    await expect(picker).toHaveValue("");
  });
});

test("a focus lineage does not know (deleted, renamed, mistyped) says so", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-gone", role: "viewer" }));
  await page.goto(`/lineage?focus=${encodeURIComponent(dataset("lakehouse.curated.was_dropped"))}`);
  const alert = page.getByRole("alert").filter({ hasText: "Lineage does not know this dataset" });
  await expect(alert).toContainText(`Dataset '${dataset("lakehouse.curated.was_dropped")}' not found.`);
  await expect(alert.getByRole("link", { name: "Search for a dataset or job" })).toHaveAttribute("href", "/lineage");
});

test.describe("on a 375px-wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the embedded view, its filters and panel fit without sideways scrolling", async ({ page }) => {
    await signIn(page, await createUser({ label: "lineage-tab-phone", role: "viewer" }));
    await page.goto("/catalog/duckdb/lakehouse/curated/route_performance");
    await page.getByRole("tab", { name: "Lineage" }).click();
    const tab = page.getByRole("region", { name: "Lineage of this dataset" });
    await expect(tab.getByTestId("lineage-graph")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await tab.getByRole("radio", { name: "List" }).click();
    await expect(card(page, "job:portal:demo_lakehouse.curated_route_performance")).toBeVisible();
    await expectNoSidewaysScroll(page);
    // The column sources at a glance, below the view.
    const columns = page.getByRole("region", { name: "Column lineage" });
    await expect(columns.getByRole("row").filter({ hasText: "avg_delay_minutes" })).toContainText("lakehouse.staging.flights.delay_minutes");
    await expectNoSidewaysScroll(page);
  });
});
