// GET /api/v1/jobs — every job of every namespace, with totalCount (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listJobsInput } from "@/server/lineage/read/schemas";
import { listJobs } from "@/server/lineage/read/jobs";

export const dynamic = "force-dynamic";

export const GET = marquezGet("jobs", listJobsInput, listJobs);
