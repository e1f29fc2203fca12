// Ingestion of OpenLineage events (POST /api/v1/lineage, and the portal's own SQL lineage and
// demo pipeline): each event is checked on its own (accepted, duplicate or refused with a reason),
// the accepted ones are kept as received and normalised into the lineage model in one set-based
// transaction per batch. See server/lineage/README.md.
import type { HandlerArgs } from "../handler";

export type IngestStatus = "accepted" | "duplicate" | "refused";
export type IngestResult = { index: number; status: IngestStatus; reason?: string };
export type IngestOutcome = { results: IngestResult[] };

export async function ingestLineage({ input }: HandlerArgs<{ events: unknown[] }>): Promise<IngestOutcome> {
  // Filled in next: validation, dedupe, normalisation.
  return { results: input.events.map((_, index) => ({ index, status: "refused", reason: "Lineage ingestion is not available yet." })) };
}
