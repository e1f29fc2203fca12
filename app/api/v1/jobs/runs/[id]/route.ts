// GET /api/v1/jobs/runs/{id} — one run (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { getRunInput } from "@/server/lineage/read/schemas";
import { getRun } from "@/server/lineage/read/runs";

export const dynamic = "force-dynamic";

export const GET = marquezGet("jobs/runs/:id", getRunInput, getRun);
