// Ingestion of OpenLineage events (POST /api/v1/lineage, and the portal's own SQL lineage and
// demo pipeline): each event is checked on its own (accepted, duplicate or refused with a reason),
// the accepted ones are kept as received and normalised into the lineage model in one set-based
// transaction per chunk of the batch (server/lineage/write-batch.ts). A chunk that fails as a
// whole is written again event by event, each in its own transaction, so one event the database
// will not take never drops the others and nothing is half-written. See server/lineage/README.md.
import type { HandlerArgs } from "../handler";
import { isDatabaseUnavailable } from "../db/client";
import { logger } from "../logger";
import { canonicalJson, normaliseEvent } from "./normalise-event";
import type { IngestLineageInput } from "./schemas";
import { checkEvent } from "./validate-event";
import { inIngestTransaction } from "./ingest-sql";
import { writeBatch, type StoredEvent } from "./write-batch";
import { countLineageResults } from "../metrics/business";

export type IngestStatus = "accepted" | "duplicate" | "refused";
/** `warnings`: official facets that did not match their schema and were kept as sent (not used by the model). */
export type IngestResult = { index: number; status: IngestStatus; reason?: string; warnings?: string[] };
export type IngestOutcome = { results: IngestResult[] };

/** Events per transaction: big enough to amortise round trips, small enough to keep locks short. */
const CHUNK = 2_000;
export const NOT_STORED = "The portal could not store this event (the error was logged); the other events of the batch were stored.";

export async function ingestLineage({ ctx, input }: HandlerArgs<IngestLineageInput>): Promise<IngestOutcome> {
  const results: IngestResult[] = [];
  const pending: Pending[] = [];
  const firstIndex = new Map<string, number>();
  input.events.forEach((raw, index) => {
    // Serialised once: the text is checked for placeholders, hashed, and stored.
    const json = canonicalJson(raw);
    const check = checkEvent(raw, json);
    if (!check.ok) {
      results[index] = { index, status: "refused", reason: check.reason };
      return;
    }
    const event = { ...normaliseEvent(check.checked, json), receivedBy: ctx.user.id };
    const earlier = firstIndex.get(event.hash);
    if (earlier !== undefined) {
      results[index] = { index, status: "duplicate", reason: `The same event as #${earlier} of this batch: stored once.` };
      return;
    }
    firstIndex.set(event.hash, index);
    pending.push({ index, event, warnings: check.checked.warnings });
  });

  for (let start = 0; start < pending.length; start += CHUNK) {
    const chunk = pending.slice(start, start + CHUNK);
    try {
      const fresh = await inIngestTransaction(ctx.db, (sql) =>
        writeBatch(
          sql,
          chunk.map((p) => p.event),
        ),
      );
      for (const p of chunk) results[p.index] = outcome(p, fresh.has(p.event.hash));
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      logger.warn({ err, events: chunk.length }, "lineage batch failed as a whole; storing its events one by one");
      for (const p of chunk) results[p.index] = await storeAlone(ctx, p);
    }
  }
  countLineageResults(results);
  return { results };
}

type Pending = { index: number; event: StoredEvent; warnings: string[] };

function outcome({ index, warnings }: Pending, fresh: boolean): IngestResult {
  const extra = warnings.length ? { warnings } : {};
  return fresh ? { index, status: "accepted", ...extra } : { index, status: "duplicate", reason: "This event was received before: stored once.", ...extra };
}

async function storeAlone(ctx: HandlerArgs["ctx"], p: Pending): Promise<IngestResult> {
  try {
    const fresh = await inIngestTransaction(ctx.db, (sql) => writeBatch(sql, [p.event]));
    return outcome(p, fresh.has(p.event.hash));
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw err;
    logger.error({ err, eventHash: p.event.hash }, "lineage event could not be stored");
    return { index: p.index, status: "refused", reason: NOT_STORED };
  }
}
