// The pipelines dashboards in Chromium: the demo pipeline's DAG is on /pipelines from the first
// start with its backfilled history (charts filled, failed builds among them); from a failed demo
// build to its Gantt, the failed task, its impact with the demo tables' owner, and Notify owners
// through a webhook channel to a loopback receiver. A DAG run whose task fails (sent as OpenLineage events through /api/v1/lineage, as
// Airflow would) shows as failed, its run page draws its task runs as a Gantt, the failed task's
// page shows the error and stack trace, and back again; the pages fit a 375px phone.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { ADMIN, BASE_URL } from "./env";
import { expectNoSidewaysScroll } from "./helpers";

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

/** A webhook receiver on loopback that keeps what it is sent (the channel is Slack-format: unsigned). */
async function startReceiver() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("the demo's backfilled history: charts filled, a failed build → its Gantt → the failed task → impact with owners → Notify owners", async ({ page }) => {
  test.setTimeout(300_000);
  // The history is backfilled by the demo pipeline's first tick after start-up; wait for it.
  await expect
    .poll(
      async () => {
        // The run list's procedure (tRPC over HTTP, superjson input): failed demo builds.
        const input = encodeURIComponent(JSON.stringify({ json: { states: ["FAIL"], q: "demo_lakehouse", topLevel: true } }));
        const res = await page.request.get(`/api/trpc/pipelines.runs?input=${input}`);
        if (!res.ok()) return 0;
        const body = (await res.json()) as { result: { data: { json: { runs: unknown[] } } } };
        return body.result.data.json.runs.length;
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);

  await page.goto("/pipelines?window=30d");
  await expect(page.getByRole("list", { name: "Pipelines" }).getByRole("link", { name: "demo_lakehouse", exact: true })).toBeVisible();
  // Runs per day: days of history, some failed.
  const outcomes = page.getByRole("region", { name: "Runs per day, last 30 days" });
  await expect(outcomes.getByText(/^\d+ runs, [1-9]\d* failed or aborted/)).toBeVisible();
  await expect(outcomes.locator(".recharts-bar-rectangle").first()).toBeVisible();

  // The job page: its duration trend and calendar are filled from the history.
  await page.getByRole("list", { name: "Pipelines" }).getByRole("link", { name: "demo_lakehouse", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Duration per day (p50 and p90)" })).toBeVisible();
  await expect(page.locator(".recharts-area, .recharts-line").first()).toBeVisible();

  // A channel to notify through (editors and up; the e2e admin is one).
  const receiver = await startReceiver();
  try {
    await page.goto("/pipelines/alerts");
    await page.getByRole("button", { name: "New channel" }).click();
    const channelDialog = page.getByRole("dialog", { name: "New webhook channel" });
    await channelDialog.getByLabel("Name", { exact: true }).fill(`demo owners ${Date.now().toString(36)}`);
    await channelDialog.getByLabel("Webhook URL").fill(receiver.url);
    await channelDialog.getByRole("button", { name: "Add channel" }).click();
    await expect(channelDialog).toBeHidden();

    // A failed demo build: its task runs as a Gantt, the failed one in red.
    await page.goto("/pipelines/runs?state=FAIL&q=demo_lakehouse&topLevel=1");
    await page
      .getByRole("table", { name: "Runs" })
      .getByRole("link", { name: /^Run .* of demo_lakehouse$/ })
      .first()
      .click();
    await expect(page.getByText(/The build was rolled back: /).first()).toBeVisible();
    const gantt = page.getByRole("figure", { name: "Task runs over time" });
    await expect(gantt).toBeVisible();
    await gantt
      .getByRole("link", { name: /: Failed/ })
      .first()
      .click();

    // The failed task's impact: the demo tables downstream, owned by the first administrator.
    const impact = page.getByRole("region", { name: "Impact: stale downstream data and its owners" });
    await expect(impact.getByRole("list", { name: "Downstream datasets" }).getByRole("listitem").first()).toBeVisible();
    // The owners are given once the crawler has put the demo tables in the catalog (a minute's tick at most).
    await expect(async () => {
      await page.reload();
      await expect(impact.getByText(`owners: ${ADMIN.email}`, { exact: false })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });

    await impact.getByRole("button", { name: "Notify owners" }).click();
    await expect(impact.getByText(/^Sent to \d+ channels? for 1 owner\.$/)).toBeVisible();
    // The outbox takes channels round robin, so e2e/alerts.spec.ts's 1,000 undeliverable alerts to
    // another channel do not hold this notice up: it goes at the next delivery pass (every 2 s here).
    await expect
      .poll(() => receiver.received.filter((body) => body.includes(ADMIN.email) && body.includes("downstream data is stale")).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
  } finally {
    await receiver.close();
  }
});

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
    await expectNoSidewaysScroll(page);
    await page.getByRole("link", { name: "Last run of demo_lakehouse" }).click();
    await expect(page.getByRole("figure", { name: "Task runs over time" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByRole("link", { name: "demo_lakehouse", exact: true }).first().click();
    await expect(page.getByRole("heading", { name: "Duration per day (p50 and p90)" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.goto("/pipelines/runs");
    await expect(page.getByRole("table", { name: "Runs" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});
