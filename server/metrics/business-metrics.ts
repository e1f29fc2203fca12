// The definitions of the business metrics: what the portal does for its users, beside the HTTP
// metrics. registry.ts creates them with the process's one registry; the call sites record
// through server/metrics/business.ts. Every label comes from a closed set, so the number of
// series stays fixed however the portal is used.
import client from "prom-client";
import type { EngineKind } from "../engines/query-engine";
import { LINEAGE_REFUSAL_REASONS } from "./lineage-refusal-reason";

export const ENGINE_KINDS: readonly EngineKind[] = ["duckdb", "trino"];
export const QUERY_OUTCOMES = ["ok", "failed", "cancelled", "refused"] as const;
export type QueryOutcome = (typeof QUERY_OUTCOMES)[number];
export const LINEAGE_OUTCOMES = ["accepted", "duplicate", "refused"] as const;
export const CRAWL_OUTCOMES = ["succeeded", "failed"] as const;
/** `retrying`: the attempt failed and the message is sent again later; `failed`: the outbox gave up on it. */
export const DELIVERY_OUTCOMES = ["delivered", "retrying", "failed"] as const;

export type BusinessMetrics = {
  queries: client.Counter<"engine" | "outcome">;
  rowsStreamed: client.Counter<"engine">;
  lineageEvents: client.Counter<"outcome" | "reason">;
  crawls: client.Counter<"engine" | "outcome">;
  crawlDuration: client.Histogram<"engine" | "outcome">;
  lastSuccessfulCrawl: client.Gauge<"engine">;
  alertDeliveries: client.Counter<"outcome">;
};

/** Creates the business metrics on `registry`, every known series at 0 so rates and alerts see their start. */
export function registerBusinessMetrics(registry: client.Registry): BusinessMetrics {
  const registers = [registry];
  const queries = new client.Counter({
    name: "portal_queries_total",
    help: "Workbench statements by engine kind and outcome: ok, failed, cancelled, or refused before running (role, sandbox).",
    labelNames: ["engine", "outcome"] as const,
    registers,
  });
  const rowsStreamed = new client.Counter({
    name: "portal_rows_streamed_total",
    help: "Result rows streamed from the query engines to clients (workbench, downloads), by engine kind.",
    labelNames: ["engine"] as const,
    registers,
  });
  const lineageEvents = new client.Counter({
    name: "portal_lineage_events_total",
    help: 'OpenLineage events ingested, by outcome (accepted, duplicate, refused) and, when refused, a reason class ("none" otherwise).',
    labelNames: ["outcome", "reason"] as const,
    registers,
  });
  const crawls = new client.Counter({
    name: "portal_catalog_crawls_total",
    help: "Catalog crawls finished, by engine kind and outcome.",
    labelNames: ["engine", "outcome"] as const,
    registers,
  });
  const crawlDuration = new client.Histogram({
    name: "portal_catalog_crawl_duration_seconds",
    help: "Time a catalog crawl took, from taking the engine's lock to its end, by engine kind and outcome.",
    labelNames: ["engine", "outcome"] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  const lastSuccessfulCrawl = new client.Gauge({
    name: "portal_catalog_last_successful_crawl_timestamp_seconds",
    help: "When this process last finished a catalog crawl successfully (Unix time), by engine kind; take max() over replicas.",
    labelNames: ["engine"] as const,
    registers,
  });
  const alertDeliveries = new client.Counter({
    name: "portal_alert_deliveries_total",
    help: "Alert messages sent to channels, by outcome of the attempt: delivered, retrying (sent again later) or failed (given up).",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const engine of ENGINE_KINDS) {
    for (const outcome of QUERY_OUTCOMES) queries.inc({ engine, outcome }, 0);
    rowsStreamed.inc({ engine }, 0);
    for (const outcome of CRAWL_OUTCOMES) crawls.inc({ engine, outcome }, 0);
  }
  lineageEvents.inc({ outcome: "accepted", reason: "none" }, 0);
  lineageEvents.inc({ outcome: "duplicate", reason: "none" }, 0);
  for (const reason of LINEAGE_REFUSAL_REASONS) lineageEvents.inc({ outcome: "refused", reason }, 0);
  for (const outcome of DELIVERY_OUTCOMES) alertDeliveries.inc({ outcome }, 0);
  return { queries, rowsStreamed, lineageEvents, crawls, crawlDuration, lastSuccessfulCrawl, alertDeliveries };
}
