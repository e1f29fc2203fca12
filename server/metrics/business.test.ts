// The business metrics an operator scrapes, recorded by the real code paths: workbench statements
// on the embedded DuckDB (ok, failed, cancelled, refused; rows streamed), OpenLineage ingestion
// (accepted, duplicate, refused by reason class), catalog crawls (succeeded and failed, with
// their durations) and the alert outbox (delivered, retrying, failed) against loopback receivers.
// Each test reads the registry's text, as Prometheus does, before and after.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createTestUser } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { setEngines } from "../engines/registry";
import { EngineQueryError, type QueryEngine } from "../engines/query-engine";
import { executeRun, prepareRun, type RunEvent } from "../sql/run-query";
import { ingestLineage } from "../lineage/ingest";
import { runEvent } from "../lineage/testing/events";
import { crawlEngine } from "../catalog/crawler";
import { createTestLakehouse, type TestLakehouse } from "../catalog/testing/lakehouse";
import { createChannel } from "../alerts/manage";
import { deliverDue, enqueueDeliveries } from "../alerts/outbox";
import { generateSecretKeyText, parseSecretKey, setSecretKey } from "../secrets";
import { metrics } from "./registry";

// The outbox refuses loopback receivers unless allowed (README, PORTAL_ALERTS_ALLOW_PRIVATE);
// set before any import reads the configuration.
vi.hoisted(() => {
  process.env.PORTAL_ALERTS_ALLOW_PRIVATE = "true";
});

/** The value of one sample in the registry's Prometheus text (0 when the series is absent). */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await metrics().registry.metrics();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? "").split(",");
    if (wanted.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return 0;
}

/** How much each named sample grew while `action` ran. */
async function growth(samples: Record<string, [string, Record<string, string>]>, action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = Object.fromEntries(await Promise.all(Object.entries(samples).map(async ([key, [name, labels]]) => [key, await sample(name, labels)] as const)));
  await action();
  const after = Object.fromEntries(await Promise.all(Object.entries(samples).map(async ([key, [name, labels]]) => [key, await sample(name, labels)] as const)));
  return Object.fromEntries(Object.keys(samples).map((key) => [key, after[key]! - before[key]!]));
}

let database: TestDatabase;
let lake: TestLakehouse;
let viewer: CurrentUser;
let editor: CurrentUser;
const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });

beforeAll(async () => {
  setSecretKey(parseSecretKey(generateSecretKeyText()));
  database = await createTestDatabase("pglite");
  lake = await createTestLakehouse();
  setEngines(new Map([["duckdb", { engine: lake.engine, defaultCatalog: "lakehouse", defaultSchema: "main" }]]));
  viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
  editor = await createTestUser(database.db, "editor@example.com", "editor");
});
afterAll(async () => {
  setEngines(undefined);
  await lake?.close();
  await database?.close();
});

describe("workbench statements", () => {
  const query = (outcome: string) => ["portal_queries_total", { engine: "duckdb", outcome }] as [string, Record<string, string>];
  const all = {
    ok: query("ok"),
    failed: query("failed"),
    cancelled: query("cancelled"),
    refused: query("refused"),
    rows: ["portal_rows_streamed_total", { engine: "duckdb" }],
  } as Record<string, [string, Record<string, string>]>;
  async function run(user: CurrentUser, sql: string, stopAtRows = false): Promise<RunEvent[]> {
    const prepared = await prepareRun({ ctx: ctxOf(user), input: { engineId: "duckdb", sql, catalog: "lakehouse", schema: "main", limit: 10_000 } });
    const events: RunEvent[] = [];
    for await (const event of executeRun(prepared, new AbortController().signal)) {
      events.push(event);
      if (stopAtRows && event.type === "rows") break; // what the route does when the browser goes away
    }
    return events;
  }

  it("counts a statement that ran by outcome, and the rows it streamed", async () => {
    const grew = await growth(all, () => run(viewer, "SELECT range AS n FROM range(2500)"));
    expect(grew).toEqual({ ok: 1, failed: 0, cancelled: 0, refused: 0, rows: 2500 });
  });

  it("counts a failing statement as failed and one the browser left as cancelled", async () => {
    const failed = await growth(all, () => run(viewer, "SELECT * FROM no_such_table"));
    expect(failed).toMatchObject({ ok: 0, failed: 1, cancelled: 0 });
    const left = await growth(all, () => run(viewer, "SELECT a.range FROM range(1000000) a, range(100) b", true));
    expect(left).toMatchObject({ ok: 0, failed: 0, cancelled: 1 });
    expect(left.rows).toBeGreaterThan(0);
  });

  it("counts a viewer's write as refused, and nothing ran", async () => {
    const grew = await growth(all, () => expect(run(viewer, "CREATE TABLE metrics_probe AS SELECT 1")).rejects.toThrow(/Viewers may run read-only statements/));
    expect(grew).toEqual({ ok: 0, failed: 0, cancelled: 0, refused: 1, rows: 0 });
    expect(await database.db.queryRun.count({ where: { sql: { contains: "metrics_probe" } } })).toBe(0);
  });
});

describe("OpenLineage ingestion", () => {
  it("counts accepted, duplicate and refused events, each refusal by its reason class", async () => {
    const event = runEvent({ time: "2025-01-01T00:00:00Z" });
    const events = [event, event, { ...runEvent({ time: "2025-01-01T00:00:00Z" }), run: {} }, { ...runEvent({ time: "2025-01-01T00:00:00Z" }), eventTime: "yesterday" }, [1]];
    const grew = await growth(
      {
        accepted: ["portal_lineage_events_total", { outcome: "accepted", reason: "none" }],
        duplicate: ["portal_lineage_events_total", { outcome: "duplicate", reason: "none" }],
        runId: ["portal_lineage_events_total", { outcome: "refused", reason: "run_id" }],
        time: ["portal_lineage_events_total", { outcome: "refused", reason: "event_time" }],
        notAnEvent: ["portal_lineage_events_total", { outcome: "refused", reason: "not_an_event" }],
        other: ["portal_lineage_events_total", { outcome: "refused", reason: "other" }],
      },
      async () => {
        const { results } = await ingestLineage({ ctx: ctxOf(editor), input: { events } });
        expect(results.map((r) => r.status)).toEqual(["accepted", "duplicate", "refused", "refused", "refused"]);
      },
    );
    expect(grew).toEqual({ accepted: 1, duplicate: 1, runId: 1, time: 1, notAnEvent: 1, other: 0 });
  });
});

describe("catalog crawls", () => {
  it("counts a succeeded and a failed crawl, observes their durations and the last success", async () => {
    // The lakehouse's engine, except that listing columns fails as if the connection dropped.
    const failing = new Proxy(lake.engine as QueryEngine, {
      get(target, prop, receiver) {
        if (prop === "listColumns") return () => Promise.reject(new EngineQueryError("unavailable", "Connection reset by peer"));
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const before = Date.now() / 1000;
    const grew = await growth(
      {
        succeeded: ["portal_catalog_crawls_total", { engine: "duckdb", outcome: "succeeded" }],
        failed: ["portal_catalog_crawls_total", { engine: "duckdb", outcome: "failed" }],
        timedOk: ["portal_catalog_crawl_duration_seconds_count", { engine: "duckdb", outcome: "succeeded" }],
        timedFailed: ["portal_catalog_crawl_duration_seconds_count", { engine: "duckdb", outcome: "failed" }],
        seconds: ["portal_catalog_crawl_duration_seconds_sum", { engine: "duckdb", outcome: "succeeded" }],
      },
      async () => {
        expect((await crawlEngine({ engineId: "duckdb", engine: lake.engine, trigger: "schedule", client: database.db })).status).toBe("succeeded");
        expect((await crawlEngine({ engineId: "duckdb", engine: failing, trigger: "schedule", client: database.db })).status).toBe("failed");
      },
    );
    expect(grew).toMatchObject({ succeeded: 1, failed: 1, timedOk: 1, timedFailed: 1 });
    expect(grew.seconds).toBeGreaterThan(0);
    expect(await sample("portal_catalog_last_successful_crawl_timestamp_seconds", { engine: "duckdb" })).toBeGreaterThanOrEqual(Math.floor(before));
  });
});

describe("alert deliveries", () => {
  it("counts each attempt of the outbox: delivered, retrying (a 500) and failed (a 404 is not retried)", async () => {
    const receivers = await Promise.all([200, 500, 404].map((status) => startReceiver(status)));
    try {
      const channels = [];
      for (const [i, r] of receivers.entries()) {
        channels.push(await createChannel({ ctx: ctxOf(editor), input: { name: `channel ${i}`, kind: "json", url: r.url, secret: "a-signing-secret-of-32-characters" } }));
      }
      const message = { purpose: "test", title: "Test message", text: "From the metrics test", severity: "info" as const, firedAt: new Date().toISOString() };
      await enqueueDeliveries(
        database.db,
        channels.map((c, i) => ({ channelId: c.id, incidentId: null, purpose: "test" as const, idempotencyKey: `metrics:${i}`, message })),
      );
      const grew = await growth(
        {
          delivered: ["portal_alert_deliveries_total", { outcome: "delivered" }],
          retrying: ["portal_alert_deliveries_total", { outcome: "retrying" }],
          failed: ["portal_alert_deliveries_total", { outcome: "failed" }],
        },
        async () => {
          const outcomes = await deliverDue(database.db, { backoffMs: 60_000 });
          expect(outcomes.map((o) => o.status).sort()).toEqual(["delivered", "failed", "pending"]);
        },
      );
      expect(grew).toEqual({ delivered: 1, retrying: 1, failed: 1 });
    } finally {
      await Promise.all(receivers.map((r) => r.close()));
    }
  });
});

describe("the registry before anything happened", () => {
  it("exports every business series at zero, so rates and alerts see their start", async () => {
    const text = await metrics().registry.metrics();
    for (const series of [
      'portal_queries_total{engine="trino",outcome="refused"',
      'portal_rows_streamed_total{engine="trino"',
      'portal_lineage_events_total{outcome="refused",reason="not_stored"',
      'portal_catalog_crawls_total{engine="trino",outcome="failed"',
      'portal_alert_deliveries_total{outcome="failed"',
    ]) {
      expect(text, series).toContain(series);
    }
    expect(text).toContain("# TYPE portal_catalog_crawl_duration_seconds histogram");
  });
});

/** A webhook receiver on loopback answering every request with `status`. */
async function startReceiver(status: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(status, { "content-type": "text/plain" }).end("answer"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
