// GET /api/v1/column-lineage?nodeId=&depth=&withDownstream=&asOf= — the column lineage graph (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { columnLineageInput } from "@/server/lineage/read/schemas";
import { columnLineage } from "@/server/lineage/read/column-graph";

export const dynamic = "force-dynamic";

export const GET = marquezGet("column-lineage", columnLineageInput, columnLineage);
