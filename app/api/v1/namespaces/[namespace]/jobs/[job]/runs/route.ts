// GET /api/v1/namespaces/{namespace}/jobs/{job}/runs — the job's runs, newest first (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listJobRunsInput } from "@/server/lineage/read/schemas";
import { listJobRuns } from "@/server/lineage/read/runs";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/jobs/:job/runs", listJobRunsInput, listJobRuns);
