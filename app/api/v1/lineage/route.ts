// POST /api/v1/lineage — OpenLineage ingestion at Marquez's path, for an editor's session or an
// API token with the lineage:write scope. One event → 201 with an empty JSON object (as Marquez
// answers); a batch (JSON array or NDJSON) → 200 with one result per event, or 400 with the
// same body when every event was refused. See server/lineage/README.md.
import { withAuth, jsonError } from "@/server/http/with-auth";
import { getConfig } from "@/server/config/env";
import { MB } from "@/server/http/edge/body-policy";
import { ingestLineage, type IngestResult } from "@/server/lineage/ingest";
import { readLineageBody } from "@/server/lineage/request-body";
import { countLineageResults } from "@/server/metrics/business";

export const dynamic = "force-dynamic";

export const POST = withAuth(
  async (req, { user, ip, db }) => {
    const body = await readLineageBody(req, getConfig().PORTAL_LINEAGE_MAX_MB * MB);
    if ("status" in body) return jsonError(body.status, body.message);
    const events: unknown[] = [];
    const positions: number[] = [];
    body.items.forEach((item, index) => {
      if ("value" in item) {
        events.push(item.value);
        positions.push(index);
      }
    });
    const { results: ingested } = await ingestLineage({ ctx: { user, ip, db }, input: { events } });
    const results: IngestResult[] = body.items.map((item, index) => ("error" in item ? { index, status: "refused", reason: item.error } : { index, status: "refused" }));
    ingested.forEach((result, i) => (results[positions[i]!] = { ...result, index: positions[i]! }));
    countLineageResults(results.filter((_, index) => "error" in body.items[index]!)); // lines that were not JSON; the ingestion counted the rest

    if (body.single) {
      const [result] = results;
      if (result?.status === "refused") return jsonError(400, result.reason ?? "The event was refused.");
      return Response.json({}, { status: 201 });
    }
    if (results.length === 0) return jsonError(400, "The batch holds no events.");
    const count = (status: IngestResult["status"]) => results.filter((r) => r.status === status).length;
    const summary = { accepted: count("accepted"), duplicates: count("duplicate"), refused: count("refused"), results };
    return Response.json(summary, { status: summary.refused === results.length ? 400 : 200 });
  },
  { role: "editor", scope: "lineage:write" },
);

// GET /api/v1/lineage?nodeId=&depth=&asOf= — the lineage graph (server/lineage/read, Marquez-compatible read API).
export { GET } from "@/server/lineage/read/lineage-route";
