// Observability end to end: a real Prometheus (Debian's binary, on loopback) scrapes a started
// portal with the shipped deploy/prometheus/ configuration (its token file, its alert rules;
// only the targets and intervals changed), while the portal exports traces to an OTLP/HTTP
// receiver. A query and OpenLineage events go through the portal; then Prometheus' HTTP API
// must show the target up and the business metrics, and the receiver the request and query
// spans of one trace.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { parse, stringify } from "yaml";
import { ADMIN } from "./env";
import { signInCookie, startPortal, tempDataDir, type PortalProcess } from "./portal-processes";
import { startOtlpReceiver, type OtlpReceiver } from "../server/telemetry/testing/otlp-receiver";
import { dashboardQueries, type Dashboard } from "../server/metrics/testing/dashboard";

const PORTAL_PORT = 9390;
const PROMETHEUS_PORT = 9391;
const OTLP_PORT = 9392;
const TOKEN = "observability-scrape-token-0123456789";
const DEPLOY = path.resolve(import.meta.dirname, "../deploy/prometheus");
const PROMETHEUS = "/usr/bin/prometheus";
const missing = spawnSync(PROMETHEUS, ["--version"]).error ? "Debian's prometheus is not installed (scripts/prepare-test-machine.sh installs it as root)" : null;

let portal: PortalProcess | undefined;
let prometheus: ChildProcess | undefined;
let receiver: OtlpReceiver | undefined;
test.afterAll(async () => {
  if (portal && portal.child.exitCode === null) portal.child.kill("SIGKILL");
  await portal?.exited;
  if (prometheus && prometheus.exitCode === null) {
    prometheus.kill("SIGTERM");
    await new Promise((resolve) => prometheus!.once("exit", resolve));
  }
  await receiver?.close();
});

/** The shipped prometheus.yml, scraping only `target` every second; rules and token beside it. */
function prometheusConfig(dir: string, target: string): string {
  const config = parse(readFileSync(path.join(DEPLOY, "prometheus.yml"), "utf8")) as {
    global: Record<string, string>;
    rule_files: string[];
    scrape_configs: { job_name: string; scrape_timeout?: string; static_configs: { targets: string[] }[] }[];
  };
  config.global.scrape_interval = "1s";
  config.global.evaluation_interval = "1s";
  for (const job of config.scrape_configs) {
    job.scrape_timeout = "1s";
    job.static_configs = [{ targets: [target] }];
  }
  for (const file of config.rule_files) copyFileSync(path.join(DEPLOY, file), path.join(dir, file));
  writeFileSync(path.join(dir, "portal-metrics-token"), `${TOKEN}\n`);
  const file = path.join(dir, "prometheus.yml");
  writeFileSync(file, stringify(config));
  return file;
}

type Sample = { metric: Record<string, string>; value: [number, string] };

async function promQuery(query: string): Promise<Sample[]> {
  const res = await fetch(`http://127.0.0.1:${PROMETHEUS_PORT}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { status: string; data: { result: Sample[] } };
  expect(body.status).toBe("success");
  return body.data.result;
}

/** The value of a PromQL query once it is there (Prometheus scrapes every second). */
async function eventually(query: string, accept: (value: number) => boolean): Promise<number> {
  let last: number | undefined;
  await expect
    .poll(
      async () => {
        const [sample] = await promQuery(query);
        last = sample ? Number(sample.value[1]) : undefined;
        return last !== undefined && accept(last);
      },
      { timeout: 30_000, message: query },
    )
    .toBe(true);
  return last!;
}

test("Prometheus scrapes the portal's business metrics and the portal exports its traces", async () => {
  test.skip(missing !== null, missing ?? "");
  test.setTimeout(120_000);
  receiver = await startOtlpReceiver(OTLP_PORT);
  portal = await startPortal({
    port: PORTAL_PORT,
    env: {
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      PORTAL_METRICS_TOKEN: TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: "portal-e2e",
      PORTAL_SHUTDOWN_SECONDS: "2",
    },
  });
  const dir = tempDataDir("prometheus");
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${prometheusConfig(dir, `127.0.0.1:${PORTAL_PORT}`)}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${PROMETHEUS_PORT}`],
    { stdio: "ignore" },
  );

  // Work for the metrics: a query that streams rows, one that fails, and two OpenLineage events,
  // one of them refused.
  const cookie = await signInCookie(portal.url, ADMIN.email, ADMIN.password);
  const headers = { "content-type": "application/json", cookie, origin: portal.url };
  const run = async (sql: string) => {
    const res = await fetch(`${portal!.url}/api/sql/execute`, { method: "POST", headers, body: JSON.stringify({ engineId: "duckdb", sql }) });
    expect(res.status).toBe(200);
    return (await res.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
  };
  expect((await run("SELECT i FROM range(321) t(i)")).at(-1)).toMatchObject({ type: "finished" });
  expect((await run("SELECT * FROM no_such_table")).at(-1)).toMatchObject({ type: "error" });
  const event = {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: "https://example.com/e2e",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: "0192c0de-bbbb-7000-8000-000000000001" },
    job: { namespace: "e2e-observability", name: "job" },
    inputs: [],
    outputs: [],
  };
  const lineage = await fetch(`${portal.url}/api/v1/lineage`, { method: "POST", headers, body: JSON.stringify([event, { ...event, eventTime: "yesterday" }]) });
  expect(lineage.status).toBeLessThan(300);

  // Prometheus sees the target up, through the token, with the business metrics.
  expect(await eventually('up{job="lakehouse-portal"}', (v) => v === 1)).toBe(1);
  await eventually('portal_queries_total{job="lakehouse-portal",engine="duckdb",outcome="ok"}', (v) => v >= 1);
  await eventually('portal_queries_total{job="lakehouse-portal",engine="duckdb",outcome="failed"}', (v) => v >= 1);
  await eventually('portal_rows_streamed_total{job="lakehouse-portal",engine="duckdb"}', (v) => v >= 321);
  await eventually('portal_lineage_events_total{job="lakehouse-portal",outcome="accepted"}', (v) => v >= 1);
  await eventually('portal_lineage_events_total{job="lakehouse-portal",outcome="refused",reason="event_time"}', (v) => v >= 1);
  await eventually('sum(portal_http_requests_total{job="lakehouse-portal",route="/api/sql/execute",status="200"})', (v) => v >= 2);
  // The shipped rules are loaded, and quiet on a healthy portal.
  const rules = (await (await fetch(`http://127.0.0.1:${PROMETHEUS_PORT}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; state: string }[] }[] } };
  const loaded = rules.data.groups.flatMap((g) => g.rules);
  expect(loaded.map((r) => r.name)).toEqual(expect.arrayContaining(["PortalDown", "PortalHighErrorRate", "PortalLineageRefusalsSpiking"]));
  expect(loaded.find((r) => r.name === "PortalDown")?.state).toBe("inactive");
  // Every query of the Grafana dashboard parses and runs on this Prometheus, and the business
  // panels have data (their rate() needs two scrapes at least).
  await eventually('count_over_time(up{job="lakehouse-portal"}[1m])', (v) => v >= 3);
  const dashboard = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../deploy/grafana/dashboards/lakehouse-portal.json"), "utf8")) as Dashboard;
  const answered = new Map<string, number>();
  for (const { panel, query } of dashboardQueries(dashboard)) answered.set(`${panel}: ${query}`, (await promQuery(query)).length);
  for (const panel of ["Replicas up", "Queries by engine and outcome", "Rows streamed", "OpenLineage events", "Requests by status"]) {
    expect(
      [...answered].filter(([key, n]) => key.startsWith(`${panel}: `) && n > 0),
      panel,
    ).not.toEqual([]);
  }

  // SIGTERM flushes the spans still buffered.
  portal.child.kill("SIGTERM");
  expect(await portal.exited).toBe(0);
  const spans = receiver.spans;
  await test.info().attach("spans.json", { body: JSON.stringify(spans, null, 1), contentType: "application/json" });
  const summary = spans.map((s) => `${s.scope}: ${s.name} ${s.traceId.slice(0, 8)}/${s.spanId.slice(0, 8)} <- ${s.parentSpanId?.slice(0, 8) ?? "root"}`).join("\n");
  // The portal's own spans (Next.js exports its own too, under its own scope).
  const ours = spans.filter((s) => s.scope === "lakehouse-portal");
  const request = ours.find((s) => s.name === "POST /api/sql/execute" && s.kind === 2);
  expect(request, summary).toMatchObject({ service: "portal-e2e", attributes: { "http.response.status_code": 200, "http.route": "/api/sql/execute" } });
  const query = ours.find((s) => s.name === "SELECT duckdb" && s.attributes["portal.query.outcome"] === "succeeded");
  expect(query, summary).toMatchObject({ kind: 3, attributes: { "db.response.returned_rows": 321 } });
  // The statement's span belongs to the trace of the request that streamed it.
  expect(
    spans.filter((s) => s.traceId === query!.traceId && s.scope === "lakehouse-portal" && s.kind === 2).map((s) => s.name),
    summary,
  ).toContain("POST /api/sql/execute");
});
