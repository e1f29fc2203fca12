// GET /api/v1/lineage?nodeId=&depth=&asOf= — the lineage graph (Marquez-compatible). It shares its
// path with ingestion (POST, app/api/v1/lineage/route.ts), which re-exports this handler as GET.
import { marquezGet } from "./http";
import { lineageInput } from "./schemas";
import { lineage } from "./graph";

export const GET = marquezGet("lineage", lineageInput, lineage);
