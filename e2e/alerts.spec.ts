// Alerts in Chromium: an editor (the global set-up's admin) adds a signed JSON webhook pointing at
// a loopback receiver this test starts, and a "job failed" rule; a failed run sent as OpenLineage
// events through /api/v1/lineage fires exactly one alert to it (signature checked), the history
// shows it, the run page's impact panel lists the downstream datasets and "Notify owners"
// delivers; the alerts page fits a 375px phone. A thousand alerts page through the history and
// the delivery log.
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { BASE_URL } from "./env";
import { expectNoSidewaysScroll } from "./helpers";

const NS = "airflow://e2e-alerts";
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const SECRET = "e2e-alerts-signing-secret-0123456789";

type Received = { json: { purpose?: string; title?: string; runId?: string; text?: string }; signed: boolean };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const t = String(req.headers["x-portal-timestamp"]);
      const expected = `v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
      received.push({ json: JSON.parse(body) as Received["json"], signed: req.headers["x-portal-signature"] === expected });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function event(eventType: string, runId: string, job: string, inputs: string[], outputs: string[], error?: string) {
  const ds = (name: string) => ({ namespace: "postgres://e2e:5432", name });
  return {
    eventType,
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: {
      runId,
      facets: error
        ? {
            errorMessage: {
              _producer: PRODUCER,
              _schemaURL: "https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
              message: error,
              programmingLanguage: "python",
            },
          }
        : {},
    },
    job: { namespace: NS, name: job, facets: {} },
    inputs: inputs.map(ds),
    outputs: outputs.map(ds),
  };
}

test("a failed run fires one signed alert to a webhook; history, impact and Notify owners", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const tag = Date.now().toString(36);
    const dag = `e2e_alert_${tag}`;

    await page.goto("/pipelines/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

    // A signed JSON channel to the loopback receiver.
    await page.getByRole("button", { name: "New channel" }).click();
    const channelDialog = page.getByRole("dialog", { name: "New webhook channel" });
    await channelDialog.getByLabel("Name", { exact: true }).fill(`receiver ${tag}`);
    await channelDialog.getByLabel("Format").selectOption("json");
    await channelDialog.getByLabel("Webhook URL").fill(receiver.url);
    await channelDialog.getByLabel("Signing secret").fill(SECRET);
    await channelDialog.getByRole("button", { name: "Add channel" }).click();
    await expect(channelDialog).toBeHidden();
    await expect(page.getByRole("list", { name: "Channels" })).toContainText(`receiver ${tag}`);

    // A rule for this DAG, to that channel.
    await page.getByRole("button", { name: "New rule" }).click();
    const ruleDialog = page.getByRole("dialog", { name: "New alert rule" });
    await ruleDialog.getByLabel("Name", { exact: true }).fill(`fail ${tag}`);
    await ruleDialog.getByLabel("Scope").selectOption("job");
    await ruleDialog.getByLabel("Job", { exact: true }).fill(`${NS}:${dag}`);
    await ruleDialog.getByLabel(`receiver ${tag}`).check();
    await ruleDialog.getByRole("button", { name: "Create rule" }).click();
    await expect(ruleDialog).toBeHidden();
    await expect(page.getByRole("list", { name: "Rules" })).toContainText(`fail ${tag}`);

    // Downstream of the DAG's output: a report built from it. Then the DAG fails.
    const runId = randomUUID();
    const events = [
      event("COMPLETE", randomUUID(), `${dag}_report`, [`staging.orders_${tag}`], [`curated.revenue_${tag}`]),
      event("START", runId, dag, [`raw.orders_${tag}`], [`staging.orders_${tag}`]),
      event("FAIL", runId, dag, [`raw.orders_${tag}`], [`staging.orders_${tag}`], "relation raw.orders does not exist"),
    ];
    const sent = await page.request.post("/api/v1/lineage", { data: events, headers: { origin: BASE_URL } });
    expect(sent.status()).toBe(200);

    await expect.poll(() => receiver.received.filter((r) => r.json.purpose === "alert").length, { timeout: 30_000 }).toBe(1);
    const alert = receiver.received.find((r) => r.json.purpose === "alert")!;
    expect(alert.signed).toBe(true);
    expect(alert.json).toMatchObject({ title: `Job failed: ${dag}`, runId });
    // Later evaluation ticks (every 2 s) send nothing more.
    await page.waitForTimeout(5_000);
    expect(receiver.received.filter((r) => r.json.purpose === "alert")).toHaveLength(1);

    await page.reload();
    await expect(page.getByRole("list", { name: "Alerts" })).toContainText(`${dag} failed: relation raw.orders does not exist`);
    await expect(page.getByRole("list", { name: "Deliveries" })).toContainText(`Job failed: ${dag}`);

    // Phone width: no sideways scroll.
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSidewaysScroll(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The failed run's impact, and Notify owners.
    await page.goto(`/pipelines/runs/${runId}`);
    const impact = page.getByRole("region", { name: /Impact/ });
    await expect(impact.getByRole("list", { name: "Downstream datasets" })).toContainText(`staging.orders_${tag}`);
    await expect(impact.getByRole("list", { name: "Downstream datasets" })).toContainText(`curated.revenue_${tag}`);
    await impact.getByRole("button", { name: "Notify owners" }).click();
    await expect(impact.getByText(/Sent to \d+ channels?/)).toBeVisible();
    await expect.poll(() => receiver.received.filter((r) => r.json.purpose === "notify" && r.json.runId === runId).length, { timeout: 15_000 }).toBe(1);
    expect(receiver.received.find((r) => r.json.purpose === "notify")!.json.text).toContain(`curated.revenue_${tag}`);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSidewaysScroll(page);
  } finally {
    await receiver.close();
  }
});

test("the alert history and the delivery log page through 1,000 alerts with Newer / Older", async ({ page }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  const ns = `airflow://e2e-bulk-${tag}`;
  const job = `bulk_${tag}`;
  await page.goto("/pipelines/alerts");
  await page.getByRole("button", { name: "New channel" }).click();
  const channelDialog = page.getByRole("dialog", { name: "New webhook channel" });
  await channelDialog.getByLabel("Name", { exact: true }).fill(`bulk ${tag}`);
  // Nobody listens there: the messages stay pending (retried), which is what the log shows.
  await channelDialog.getByLabel("Webhook URL").fill("http://127.0.0.1:9/bulk");
  await channelDialog.getByRole("button", { name: "Add channel" }).click();
  await expect(channelDialog).toBeHidden();
  await page.getByRole("button", { name: "New rule" }).click();
  const ruleDialog = page.getByRole("dialog", { name: "New alert rule" });
  await ruleDialog.getByLabel("Name", { exact: true }).fill(`bulk ${tag}`);
  await ruleDialog.getByLabel("Namespace", { exact: true }).fill(ns);
  await ruleDialog.getByLabel(`bulk ${tag}`).check();
  await ruleDialog.getByRole("button", { name: "Create rule" }).click();
  await expect(ruleDialog).toBeHidden();

  // 1,000 failed runs in one batch, as a busy producer would send them.
  const events = Array.from({ length: 1_000 }, () => ({
    eventType: "FAIL",
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: randomUUID() },
    job: { namespace: ns, name: job },
    inputs: [],
    outputs: [],
  }));
  const sent = await page.request.post("/api/v1/lineage", { data: events, headers: { origin: BASE_URL } });
  expect(sent.status()).toBe(200);

  // Evaluated 200 runs a tick (every 2 s): all 1,000 alerts within a few ticks, or more on a busy
  // machine. So wait for the server to hold all 1,000 (paging its history API), not for a time.
  async function alertsForJob() {
    let found = 0;
    let before: unknown = undefined;
    for (;;) {
      const input = encodeURIComponent(JSON.stringify({ json: { limit: 100, before } }));
      const res = await page.request.get(`/api/trpc/alerts.history?input=${input}`);
      const body = (await res.json()) as { result: { data: { json: { incidents: { subject: string }[]; next: unknown } } } };
      const { incidents, next } = body.result.data.json;
      found += incidents.filter((i) => i.subject === `${ns}:${job}`).length;
      if (!next) return found;
      before = next;
    }
  }
  await expect.poll(alertsForJob, { timeout: 180_000, intervals: [2_000] }).toBe(1_000);

  /** Pages through a list with Older until the end; how many rows name the job, and on how many pages. */
  async function pageThrough(list: string, pager: string, match: string) {
    await page.reload();
    const nav = page.getByRole("navigation", { name: pager });
    let rows = 0;
    let pages = 0;
    for (;;) {
      pages++;
      await expect(nav.getByText(`Page ${pages}`, { exact: true })).toBeVisible();
      await expect(nav).toHaveAttribute("aria-busy", "false"); // the page's own rows, not the previous page's meanwhile
      rows += await page.getByRole("list", { name: list }).getByRole("listitem").filter({ hasText: match }).count();
      const older = nav.getByRole("button", { name: "Older" });
      if (await older.isDisabled()) break;
      await older.click();
    }
    return { rows, pages };
  }

  const history = await pageThrough("Alerts", "Alert history pages", `${job} failed`);
  expect(history.rows).toBe(1_000);
  expect(history.pages).toBeGreaterThanOrEqual(40);
  // Newer goes back page by page.
  await page.getByRole("navigation", { name: "Alert history pages" }).getByRole("button", { name: "Newer" }).click();
  await expect(page.getByRole("navigation", { name: "Alert history pages" }).getByText(`Page ${history.pages - 1}`, { exact: true })).toBeVisible();

  const deliveries = await pageThrough("Deliveries", "Delivery log pages", `Job failed: ${job}`);
  expect(deliveries.rows).toBe(1_000);
  expect(deliveries.pages).toBeGreaterThanOrEqual(20);
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSidewaysScroll(page);
});
