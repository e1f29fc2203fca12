// GET /api/v1/namespaces/{namespace}/jobs/{job} — one job (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { jobInput } from "@/server/lineage/read/schemas";
import { getJob } from "@/server/lineage/read/jobs";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/jobs/:job", jobInput, getJob);
