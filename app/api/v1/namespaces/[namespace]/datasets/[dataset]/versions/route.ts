// GET /api/v1/namespaces/{namespace}/datasets/{dataset}/versions — the dataset's versions, newest first (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listDatasetVersionsInput } from "@/server/lineage/read/schemas";
import { listDatasetVersions } from "@/server/lineage/read/datasets";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/datasets/:dataset/versions", listDatasetVersionsInput, listDatasetVersions);
