// GET /api/v1/namespaces/{namespace}/jobs — the namespace's jobs, with totalCount (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listJobsInput } from "@/server/lineage/read/schemas";
import { listJobs } from "@/server/lineage/read/jobs";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/jobs", listJobsInput, listJobs);
