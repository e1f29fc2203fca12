// Recording the business metrics (definitions in business-metrics.ts): one-line calls from the
// domain modules, so that none of them touches prom-client itself. Each reaches the process's
// one registry through metrics(), which every module instance shares (server/process-slot.ts).
import type { EngineKind } from "../engines/query-engine";
import type { CRAWL_OUTCOMES, LINEAGE_OUTCOMES, QueryOutcome } from "./business-metrics";
import { lineageRefusalReason } from "./lineage-refusal-reason";
import { metrics } from "./registry";

/** A workbench statement ended (or was refused before it ran). */
export function countQuery(engine: EngineKind, outcome: QueryOutcome): void {
  metrics().business.queries.inc({ engine, outcome });
}

/** A batch of result rows went to a client. */
export function countRowsStreamed(engine: EngineKind, rows: number): void {
  if (rows > 0) metrics().business.rowsStreamed.inc({ engine }, rows);
}

/** The per-event results of one ingestion (server/lineage/ingest.ts). */
export function countLineageResults(results: readonly { status: (typeof LINEAGE_OUTCOMES)[number]; reason?: string }[]): void {
  const { lineageEvents } = metrics().business;
  for (const result of results) {
    const reason = result.status === "refused" ? lineageRefusalReason(result.reason ?? "") : "none";
    lineageEvents.inc({ outcome: result.status, reason });
  }
}

/** Observes a crawl from now until `finished` settles (it never rejects: a failure is a `failed` summary). */
export function observeCrawl<T extends { status: (typeof CRAWL_OUTCOMES)[number] }>(engine: EngineKind, finished: Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  return finished.then((summary) => {
    const { crawls, crawlDuration, lastSuccessfulCrawl } = metrics().business;
    const labels = { engine, outcome: summary.status };
    crawls.inc(labels);
    crawlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    if (summary.status === "succeeded") lastSuccessfulCrawl.set({ engine }, Date.now() / 1000);
    return summary;
  });
}

/** One delivery attempt of the alert outbox, with the row's new status (server/alerts/outbox.ts). */
export function countAlertDelivery(status: "delivered" | "pending" | "failed"): void {
  metrics().business.alertDeliveries.inc({ outcome: status === "pending" ? "retrying" : status });
}
